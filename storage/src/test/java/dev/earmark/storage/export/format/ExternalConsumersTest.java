package dev.earmark.storage.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.score.AlignmentMode;
import dev.earmark.engine.score.ErrorCounts;
import dev.earmark.engine.score.ProtectedPhrases;
import dev.earmark.engine.score.Scorer;
import dev.earmark.engine.score.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real consumers on the machine read what the writers write: Praat reads every TextGrid,
 * xmllint validates every EAF against ELAN's published schema, and sclite scores the trn files
 * exactly as Earmark's scorer does. Each test skips, naming the Debian package, when its tool is
 * absent ({@code .ci/run} installs them).
 */
class ExternalConsumersTest {
  private static final Path PRAAT = Path.of("/usr/bin/praat");
  private static final Path XMLLINT = Path.of("/usr/bin/xmllint");
  private static final Path SCLITE = Path.of("/usr/lib/sctk/bin/sclite");
  @TempDir Path dir;

  private static List<ExportClip> clips() {
    List<ExportClip> clips = new ArrayList<>(TestClips.all());
    clips.add(InterchangeRulesTest.turnsOnly());
    return clips;
  }

  private static String run(Path workDir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }

  @Test
  void praatReadsEveryExportedTextGridWithItsTiersAndLabels() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(PRAAT), "praat is not installed (Debian package praat)");
    Path grids = dir.resolve("textgrid");
    List<Path> written = new PraatTextGrid().write(clips(), grids);
    Path script = dir.resolve("read.praat");
    Files.writeString(
        script,
        String.join(
            "\n",
            "form Read",
            "  sentence dir /tmp",
            "endform",
            "list = Create Strings as file list: \"files\", dir$ + \"/*.TextGrid\"",
            "n = Get number of strings",
            "for i to n",
            "  selectObject: list",
            "  name$ = Get string: i",
            "  tg = Read from file: dir$ + \"/\" + name$",
            "  tiers = Get number of tiers",
            "  for t to tiers",
            "    tier$ = Get tier name: t",
            "    intervals = Get number of intervals: t",
            "    for k to intervals",
            "      label$ = Get label of interval: t, k",
            "      start = Get start time of interval: t, k",
            "      end = Get end time of interval: t, k",
            "      appendInfoLine: name$, tab$, tier$, tab$, fixed$(start, 3), tab$,"
                + " fixed$(end, 3), tab$, label$",
            "    endfor",
            "  endfor",
            "  removeObject: tg",
            "endfor",
            ""),
        StandardCharsets.UTF_8);

    String output = run(dir, PRAAT.toString(), "--run", script.toString(), grids.toString());

    List<String> lines = output.lines().toList();
    assertThat(lines.stream().map(line -> line.split("\t")[0]).distinct().count())
        .isEqualTo(written.size());
    assertThat(lines)
        .contains(
            "Z=C3=BCrich=20interview=2F02.TextGrid\tAnne-Marie Ø\t0\t1.200\tGrüezi mitenand",
            "Z=C3=BCrich=20interview=2F02.TextGrid\tBob\t1.500\t3.250\t\"so\" (lacht) {ja}",
            "turns.TextGrid\tA\t0.500\t2.000\t",
            "turns.TextGrid\tB\t2.500\t5.000\t",
            "turns.TextGrid\ttranscript\t0\t6.000\thello there, general <kenobi> & co",
            "clip-001.TextGrid\tspk_a\t0\t2.500\tthe quick brown fox");
  }

  @Test
  void everyExportedEafValidatesAgainstElansPublishedSchema() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(XMLLINT), "xmllint is not installed (Debian package libxml2-utils)");
    Path schema = eafSchema();
    Assumptions.assumeTrue(
        schema != null, "ELAN's EAFv2.7.xsd is not in ../shared/reference-data/formats/");
    Path eafDir = dir.resolve("eaf");
    List<Path> written = new ElanEaf(Instant.parse("2026-11-21T12:00:00Z")).write(clips(), eafDir);
    List<String> command = new ArrayList<>(List.of(XMLLINT.toString(), "--noout", "--schema"));
    command.add(schema.toString());
    written.forEach(file -> command.add(file.toString()));

    String output = run(dir, command.toArray(String[]::new));

    for (Path file : written) {
      assertThat(output).contains(file + " validates");
    }
  }

  /** The schema's copy next to the repository ({@code ../shared/reference-data/formats/}). */
  private static Path eafSchema() {
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      Path candidate = at.resolve("shared/reference-data/formats/EAFv2.7.xsd");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void scliteOnTheTrnFilesCountsWhatWerWithScliteAlignmentCounts() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(SCLITE), "sclite is not installed (Debian package sctk)");
    List<ExportClip> clips = new ArrayList<>(clips());
    clips.add(
        new ExportClip(
            "utt;3 (x)",
            Path.of("/a/3.wav"),
            null,
            2.0,
            16000,
            1,
            "spk-B",
            "(um) I think {so / no} ;; yes <noise>",
            List.of(),
            "um I think so yes",
            Map.of(),
            "en"));
    // Where sclite's weighted alignment (sub 4, ins 3, del 3) differs from the minimum edit.
    clips.add(
        new ExportClip(
            "weighted",
            Path.of("/a/w.wav"),
            null,
            2.0,
            16000,
            1,
            null,
            "b c a d a",
            List.of(),
            "d d b b c",
            Map.of(),
            "en"));
    List<Path> trn = new TrnTranscripts().write(clips, dir);

    String output =
        run(
            dir,
            SCLITE.toString(),
            "-r",
            trn.get(0).toString(),
            "trn",
            "-h",
            trn.get(1).toString(),
            "trn",
            "-i",
            "rm",
            "-s",
            "-o",
            "rsum",
            "stdout");

    String sumLine =
        output
            .lines()
            .filter(line -> line.matches("\\s*\\|\\s*Sum\\s*\\|.*"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Sum row in sclite output:\n" + output));
    List<Long> sum = new ArrayList<>();
    Matcher numbers = Pattern.compile("\\d+").matcher(sumLine);
    while (numbers.find()) {
      sum.add(Long.parseLong(numbers.group()));
    }
    assertThat(sum).as(sumLine).hasSize(8);
    // What `earmark wer --alignment sclite` counts on the same texts.
    Scorer scorer = new Scorer(Tokenizer.WHITESPACE, ProtectedPhrases.NONE, AlignmentMode.SCLITE);
    ErrorCounts earmark = ErrorCounts.ZERO;
    for (ExportClip clip : clips) {
      String hypothesis = clip.hypothesis() == null ? "" : clip.hypothesis();
      earmark =
          earmark.plus(scorer.score(clip.clipId(), "", clip.transcript(), hypothesis).words());
    }
    assertThat(sum.get(0)).as("sentences").isEqualTo(clips.size());
    assertThat(sum.get(1)).as("reference words").isEqualTo(earmark.referenceLength());
    assertThat(sum.get(2)).as("correct").isEqualTo(earmark.hits());
    assertThat(sum.get(3)).as("substitutions").isEqualTo(earmark.substitutions());
    assertThat(sum.get(4)).as("deletions").isEqualTo(earmark.deletions());
    assertThat(sum.get(5)).as("insertions").isEqualTo(earmark.insertions());
    assertThat(earmark.errors()).isGreaterThan(5);
  }

  @Test
  void scliteOnNormalizedStmAndCtmCountsWhatWerWithScliteAlignmentCounts() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(SCLITE), "sclite is not installed (Debian package sctk)");
    List<ExportClip> clips = new ArrayList<>();
    String[][] pairs = {
      {"b c a d a", "d d b b c"},
      {"the cat sat on the mat", "the cat sat on a mat"},
      {"i {are not / have not} seen it", "i are not seen it"},
      {"nobody answered", null}
    };
    for (int i = 0; i < pairs.length; i++) {
      clips.add(
          new ExportClip(
              "u" + i,
              Path.of("/a/" + i + ".wav"),
              null,
              3.0,
              16000,
              1,
              "spk",
              pairs[i][0],
              List.of(),
              pairs[i][1],
              Map.of(),
              "en"));
    }
    Path stm = new StmReferences().write(clips, dir).get(0);
    Path ctm = new CtmHypotheses().write(clips, dir).get(0);

    String output =
        run(
            dir,
            SCLITE.toString(),
            "-r",
            stm.toString(),
            "stm",
            "-h",
            ctm.toString(),
            "ctm",
            "-s",
            "-o",
            "rsum",
            "stdout");

    String sumLine =
        output
            .lines()
            .filter(line -> line.matches("\\s*\\|\\s*Sum\\s*\\|.*"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Sum row in sclite output:\n" + output));
    List<Long> sum = new ArrayList<>();
    Matcher numbers = Pattern.compile("\\d+").matcher(sumLine);
    while (numbers.find()) {
      sum.add(Long.parseLong(numbers.group()));
    }
    Scorer scorer = new Scorer(Tokenizer.WHITESPACE, ProtectedPhrases.NONE, AlignmentMode.SCLITE);
    ErrorCounts earmark = ErrorCounts.ZERO;
    for (ExportClip clip : clips) {
      String hypothesis = clip.hypothesis() == null ? "" : clip.hypothesis();
      earmark =
          earmark.plus(scorer.score(clip.clipId(), "", clip.transcript(), hypothesis).words());
    }
    assertThat(sum.subList(1, 6))
        .as(sumLine)
        .containsExactly(
            earmark.referenceLength(),
            earmark.hits(),
            earmark.substitutions(),
            earmark.deletions(),
            earmark.insertions());
  }
}
