package dev.earmark.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earmark.engine.version.VersionedId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs NIST's real {@code csrfilt.sh} (Debian package {@code sctk}) on sample text and compares its
 * output with the imported rule set's, line by line. The GLM is en20040920 as Kaldi's AMI recipe
 * ships it (see THIRD-PARTY-NOTICES.md). Skipped, saying so, when sctk is not installed.
 */
class CsrfiltAgreementTest {
  private static final Path SCTK_BIN = Path.of("/usr/lib/sctk/bin");
  private static final Path CSRFILT = SCTK_BIN.resolve("csrfilt.sh");
  private static final VersionedId ID = VersionedId.parse("en20040920@1");

  @TempDir static Path dir;

  @BeforeAll
  static void needsCsrfilt() {
    assumeTrue(
        Files.isExecutable(CSRFILT) && Files.isExecutable(SCTK_BIN.resolve("rfilter1")),
        "csrfilt.sh from Debian's sctk package is not installed (apt-get install sctk);"
            + " skipping the comparison with NIST's filter");
  }

  private static Path englishGlm() throws Exception {
    return Path.of(CsrfiltAgreementTest.class.getResource("en20040920-kaldi-ami.glm").toURI());
  }

  @Test
  void everyRuleOfTheEnglishGlmRewritesTextAsCsrfiltDoes() throws Exception {
    Path glm = englishGlm();
    RuleSet imported = GlmImporter.importFile(glm, ID);
    Rule.Glm rules = (Rule.Glm) imported.rules().get(0);
    assertThat(rules.rules()).hasSizeGreaterThan(1700);
    List<String> lines = new ArrayList<>(handWritten());
    for (Rule.Glm.Entry entry : rules.rules()) {
      // each rule's source in its context, in a sentence, and at a line's edges
      lines.add("so " + entry.left().strip() + " " + entry.from() + " " + entry.right().strip());
      lines.add(entry.from() + " and " + asciiUpper(entry.from()) + "S again");
    }

    List<String> filtered = csrfilt(glm, lines, List.of());

    Normalizer normalizer = imported.compile();
    assertThat(filtered).hasSameSizeAs(lines);
    int rewritten = 0;
    for (int i = 0; i < lines.size(); i++) {
      String ours = String.join(" ", normalizer.tokens(lines.get(i)));
      // csrfilt upper-cases the text and matches case-insensitively; the imported set folds case
      // after its rules, so its output is csrfilt's lower-cased
      assertThat(ours)
          .as("line %d: %s", i + 1, lines.get(i))
          .isEqualTo(filtered.get(i).toLowerCase(Locale.ROOT));
      if (!ours.equals(lines.get(i).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " "))) {
        rewritten++;
      }
    }
    assertThat(rewritten).as("lines the rules changed").isGreaterThan(1700);
  }

  @Test
  void aHeaderlessGlmIsCaseSensitiveAndKeepsCaseAsCsrfiltWithoutUpcasing() throws Exception {
    Path glm =
        Files.writeString(
            dir.resolve("headerless.glm"),
            """
            ;; no headers: rfilter1 matches case-sensitively
            uh => %HESITATION / [ ] __ [ ]
            Colour => Color
            ain't => [{are not / have not}] / [ ] __ [ ]
            [a lot] => alot / [ ] __ [ ]
            """,
            StandardCharsets.ISO_8859_1);
    List<String> lines =
        List.of(
            "uh I ain't seen a lot of Colour",
            "UH %HESITATION stays, Uh too",
            "colour Colours a lotta a lot");

    List<String> filtered = csrfilt(glm, lines, List.of("-s"));

    Normalizer normalizer = GlmImporter.importFile(glm, ID).compile();
    for (int i = 0; i < lines.size(); i++) {
      assertThat(String.join(" ", normalizer.tokens(lines.get(i))))
          .as(lines.get(i))
          .isEqualTo(filtered.get(i));
    }
    assertThat(filtered.get(1)).startsWith("UH %HESITATION");
  }

  /** Upper case as csrfilt's {@code tr/a-z/A-Z/}: other letters stay as they are. */
  private static String asciiUpper(String text) {
    StringBuilder upper = new StringBuilder(text.length());
    text.chars().forEach(c -> upper.append((char) (c >= 'a' && c <= 'z' ? c - 32 : c)));
    return upper.toString();
  }

  private static List<String> handWritten() {
    return List.of(
        "i ain't gonna c'mon Mr. Smith %HESITATION uh hmmm",
        "cancelledx falkner william falkner (uh) i'd (some)thing o- ABC_D",
        "down syndrome binyamin netanyahu and binyamin smith",
        "it's the firm's keynote mm-hmm uh-huh they'd've y'all",
        "(she is) ok ( gonna ) alright okay all right",
        "an adviser's advisory esthetic aesthetics");
  }

  private static List<String> csrfilt(Path glm, List<String> lines, List<String> options)
      throws IOException, InterruptedException {
    Path input = Files.createTempFile(dir, "csrfilt-in", ".txt");
    Path output = Files.createTempFile(dir, "csrfilt-out", ".txt");
    Path errors = Files.createTempFile(dir, "csrfilt-err", ".txt");
    Files.write(input, lines, StandardCharsets.ISO_8859_1);
    List<String> command = new ArrayList<>(List.of(CSRFILT.toString()));
    command.addAll(options);
    command.addAll(List.of("-i", "txt", glm.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(input.toFile())
            .redirectOutput(output.toFile())
            .redirectError(errors.toFile());
    builder.environment().put("PATH", SCTK_BIN + ":" + System.getenv("PATH"));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(errors)).isZero();
    return Files.readAllLines(output, StandardCharsets.ISO_8859_1);
  }
}
