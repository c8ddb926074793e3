package dev.earmark.engine.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks our counts against NIST sclite (Debian package {@code sctk}) when it is installed:
 * the minimum-edit default where sclite's alignment is also minimal, and {@link
 * AlignmentMode#SCLITE} everywhere, exactly. sclite minimises {@code 4·S + 3·D + 3·I}, which equals
 * {@code 2·(errors − hits) + n + m}; we minimise errors, then substitutions. Whenever sclite's
 * alignment is also minimal in errors the two choices coincide in every count; see
 * docs/decisions/0003-alignment-tie-break.md.
 */
class ScliteAgreementTest {
  private static final Path SCLITE = Path.of("/usr/lib/sctk/bin/sclite");
  private static final Pattern ID = Pattern.compile("^id: \\((.+)\\)$");
  private static final Pattern SCORES =
      Pattern.compile("^Scores: \\(#C #S #D #I\\) (\\d+) (\\d+) (\\d+) (\\d+)$");

  @TempDir static Path dir;

  @BeforeAll
  static void needsSclite() {
    assumeTrue(
        Files.isExecutable(SCLITE),
        "sclite from Debian's sctk package is not installed (apt-get install sctk);"
            + " skipping the comparison with NIST's scorer");
  }

  @Test
  void totalErrorsAndSplitEqualScliteOnGeneratedRealisticPairs() throws Exception {
    Random random = new Random(42);
    List<String> vocabulary = vocabulary(random, 400);
    Map<String, List<String>[]> pairs = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (int index = 0; index < 400; index++) {
      List<String> reference = sentence(random, vocabulary, 3 + random.nextInt(25));
      List<String> hypothesis =
          withErrors(random, vocabulary, reference, 0.05 + random.nextDouble() * 0.3);
      String id = String.format("gen-%05d", index);
      ids.add(id);
      @SuppressWarnings("unchecked")
      List<String>[] pair = new List[] {reference, hypothesis};
      pairs.put(id, pair);
    }
    Map<String, ErrorCounts> sclite = runSclite(ids, pairs);
    Aligner aligner = new Aligner();
    assertThat(sclite).hasSize(ids.size());
    long errors = 0;
    for (String id : ids) {
      ErrorCounts ours = aligner.count(pairs.get(id)[0], pairs.get(id)[1]);
      assertThat(sclite.get(id))
          .as(id + " " + pairs.get(id)[0] + " / " + pairs.get(id)[1])
          .isEqualTo(ours);
      errors += ours.errors();
    }
    assertThat(errors).as("the generated pairs contain errors to compare").isGreaterThan(400);
  }

  @Test
  void scliteModeTotalsEqualScliteExactlyOnGeneratedPairsWithRepeatsAndAlternations()
      throws Exception {
    Random random = new Random(20);
    List<String> vocabulary = vocabulary(random, 12); // few words: many ties to break
    Map<String, List<String>[]> pairs = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (int index = 0; index < 400; index++) {
      List<String> reference = sentence(random, vocabulary, random.nextInt(16));
      List<String> hypothesis =
          index % 2 == 0
              ? sentence(random, vocabulary, random.nextInt(16))
              : withErrors(random, vocabulary, reference, 0.2 + random.nextDouble() * 0.5);
      if (index % 5 == 0 && !reference.isEmpty()) {
        int at = random.nextInt(reference.size());
        String word = reference.get(at);
        String other = draw(random, vocabulary);
        reference.set(
            at,
            random.nextBoolean()
                ? "{" + word + " / " + other + " " + word + "}"
                : "{ " + word + " / @ }");
      }
      String id = String.format("mix-%05d", index);
      ids.add(id);
      @SuppressWarnings("unchecked")
      List<String>[] pair =
          new List[] {Tokenizer.WHITESPACE.tokens(String.join(" ", reference)), hypothesis};
      pairs.put(id, pair);
    }
    Map<String, ErrorCounts> sclite = runSclite(ids, pairs);
    Scorer scorer = new Scorer(Tokenizer.WHITESPACE, ProtectedPhrases.NONE, AlignmentMode.SCLITE);
    assertThat(sclite).hasSize(ids.size());
    ErrorCounts ours = ErrorCounts.ZERO;
    ErrorCounts theirs = ErrorCounts.ZERO;
    for (String id : ids) {
      ErrorCounts counts = scorer.scoreTokens(id, "", pairs.get(id)[0], pairs.get(id)[1]).words();
      assertThat(counts)
          .as(id + " " + pairs.get(id)[0] + " / " + pairs.get(id)[1])
          .isEqualTo(sclite.get(id));
      ours = ours.plus(counts);
      theirs = theirs.plus(sclite.get(id));
    }
    assertThat(ours).isEqualTo(theirs);
    ErrorCounts minimal = ErrorCounts.ZERO;
    for (String id : ids) {
      minimal =
          minimal.plus(
              Scorer.withoutNormalization()
                  .scoreTokens(id, "", pairs.get(id)[0], pairs.get(id)[1])
                  .words());
    }
    assertThat(ours.errors())
        .as("on these pairs sclite's weights cost extra errors the minimum-edit default avoids")
        .isGreaterThan(minimal.errors());
  }

  @Test
  void scliteTradesAnExtraErrorForTwoExtraHitsWhereWeDoNot() throws Exception {
    List<String> reference = AlignerTest.words("a a a a b b b");
    List<String> hypothesis = AlignerTest.words("b b b a b a a a");
    @SuppressWarnings("unchecked")
    List<String>[] pair = new List[] {reference, hypothesis};
    ErrorCounts sclite =
        runSclite(List.of("odd-00001"), Map.of("odd-00001", pair)).get("odd-00001");
    ErrorCounts ours = new Aligner().count(reference, hypothesis);
    assertThat(ours).isEqualTo(new ErrorCounts(2, 5, 0, 1));
    assertThat(sclite).isEqualTo(new ErrorCounts(4, 0, 3, 4));
    assertThat(sclite.errors()).isGreaterThan(ours.errors());
    assertThat(sclite.errors() - sclite.hits()).isLessThan(ours.errors() - ours.hits());
  }

  private static Map<String, ErrorCounts> runSclite(
      List<String> ids, Map<String, List<String>[]> pairs)
      throws IOException, InterruptedException {
    StringBuilder ref = new StringBuilder();
    StringBuilder hyp = new StringBuilder();
    for (String id : ids) {
      ref.append(String.join(" ", pairs.get(id)[0])).append(" (").append(id).append(")\n");
      hyp.append(String.join(" ", pairs.get(id)[1])).append(" (").append(id).append(")\n");
    }
    Path refFile = dir.resolve(ids.get(0) + "-ref.trn");
    Path hypFile = dir.resolve(ids.get(0) + "-hyp.trn");
    Path output = dir.resolve(ids.get(0) + "-sclite.txt");
    Files.writeString(refFile, ref, StandardCharsets.UTF_8);
    Files.writeString(hypFile, hyp, StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(
                SCLITE.toString(),
                "-r",
                refFile.toString(),
                "trn",
                "-h",
                hypFile.toString(),
                "trn",
                "-i",
                "spu_id",
                "-o",
                "pra",
                "stdout")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    Map<String, ErrorCounts> counts = new HashMap<>();
    String currentId = null;
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      Matcher id = ID.matcher(line.strip());
      if (id.matches()) {
        currentId = id.group(1);
        continue;
      }
      Matcher scores = SCORES.matcher(line.strip());
      if (scores.matches() && currentId != null) {
        counts.put(
            currentId,
            new ErrorCounts(
                Long.parseLong(scores.group(1)),
                Long.parseLong(scores.group(2)),
                Long.parseLong(scores.group(3)),
                Long.parseLong(scores.group(4))));
        currentId = null;
      }
    }
    return counts;
  }

  /** Pseudo-words of 2–8 letters; drawing them Zipf-like makes repeated words common. */
  private static List<String> vocabulary(Random random, int size) {
    List<String> words = new ArrayList<>();
    while (words.size() < size) {
      StringBuilder word = new StringBuilder();
      int length = 2 + random.nextInt(7);
      for (int i = 0; i < length; i++) {
        word.append((char) ('a' + random.nextInt(26)));
      }
      if (!words.contains(word.toString())) {
        words.add(word.toString());
      }
    }
    return words;
  }

  private static String draw(Random random, List<String> vocabulary) {
    // rank ~ 1/u gives a heavy head: "the", "a", "to" analogues repeat within a sentence
    int rank =
        (int) Math.min(vocabulary.size() - 1, Math.floor(1 / (random.nextDouble() + 1e-9)) - 1);
    return vocabulary.get(Math.max(0, rank));
  }

  private static List<String> sentence(Random random, List<String> vocabulary, int length) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      words.add(
          random.nextInt(3) == 0
              ? draw(random, vocabulary)
              : vocabulary.get(random.nextInt(vocabulary.size())));
    }
    return words;
  }

  private static List<String> withErrors(
      Random random, List<String> vocabulary, List<String> reference, double errorRate) {
    List<String> hypothesis = new ArrayList<>();
    for (String word : reference) {
      if (random.nextDouble() >= errorRate) {
        hypothesis.add(word);
        continue;
      }
      double kind = random.nextDouble();
      if (kind < 0.6) {
        hypothesis.add(draw(random, vocabulary));
      } else if (kind < 0.8) {
        continue; // deletion
      } else {
        hypothesis.add(word);
        hypothesis.add(draw(random, vocabulary));
      }
    }
    return hypothesis;
  }
}
