package dev.earmark.engine.score;

import static dev.earmark.engine.score.AlignerTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.normalize.GlmImporter;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.version.VersionedId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkAlignerTest {
  private final NetworkAligner minimumEdit = new NetworkAligner(AlignmentMode.MINIMUM_EDIT);
  private final NetworkAligner sclite = new NetworkAligner(AlignmentMode.SCLITE);

  @Test
  void withoutAlternationsTheMinimumEditModeGivesTheAlignersAlignment() {
    Random random = new Random(7);
    Aligner aligner = new Aligner();
    for (int pair = 0; pair < 2000; pair++) {
      List<String> reference = randomWords(random, random.nextInt(12));
      List<String> hypothesis = randomWords(random, random.nextInt(12));

      assertThat(minimumEdit.align(reference, hypothesis))
          .as(reference + " / " + hypothesis)
          .isEqualTo(aligner.align(reference, hypothesis));
    }
  }

  @ParameterizedTest(name = "[{0}] vs [{1}]")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # reference           | hypothesis          | H | S | D | I
          b c a d a             | d d b b c           | 2 | 0 | 3 | 3
          a a a a b b b         | b b b a b a a a     | 4 | 0 | 3 | 4
          a b                   | b a                 | 1 | 0 | 1 | 1
          a b c                 | x y z               | 0 | 3 | 0 | 0
          x {a / @} y           | x z y               | 2 | 0 | 0 | 1
          i {are not / have not} seen it | i have seen it | 4 | 0 | 1 | 0
          """)
  void scliteModeWeighsSubstitutionsFourAndGapsThree(
      String reference, String hypothesis, long hits, long subs, long dels, long ins) {
    assertThat(sclite.align(words(reference), words(hypothesis)).counts())
        .isEqualTo(new ErrorCounts(hits, subs, dels, ins));
  }

  @ParameterizedTest(name = "[{0}] vs [{1}]")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # reference                        | hypothesis             | H | S | D | I
          i {are not / have not} seen it     | i have not seen it     | 5 | 0 | 0 | 0
          i {are not / have not} seen it     | i are not seen it      | 5 | 0 | 0 | 0
          i { are not / have not } seen it   | i is not seen it       | 4 | 1 | 0 | 0
          {huh / @} what                     | what                   | 1 | 0 | 0 | 0
          {huh / @} what                     | huh what               | 2 | 0 | 0 | 0
          a {b / c d} e                      | a c e                  | 3 | 0 | 1 | 0
          a b c                              | a {b / x y} c          | 3 | 0 | 0 | 0
          """)
  void alternationsAreChoicesTheOtherSideMayMatch(
      String reference, String hypothesis, long hits, long subs, long dels, long ins) {
    Alignment alignment = minimumEdit.align(words(reference), words(hypothesis));

    assertThat(alignment.counts()).isEqualTo(new ErrorCounts(hits, subs, dels, ins));
  }

  @Test
  void theOpsOfAnAlternationNameTheChosenTokensAndGapsSitInPlace() {
    List<String> reference = words("i {are not / have not} seen");
    List<String> hypothesis = words("i have seen");

    Alignment alignment = minimumEdit.align(reference, hypothesis);

    assertThat(alignment.ops())
        .containsExactly(
            new AlignmentOp.Hit(0, 0, "i"),
            new AlignmentOp.Hit(4, 1, "have"),
            new AlignmentOp.Deletion(5, 2, "not"),
            new AlignmentOp.Hit(6, 2, "seen"));
  }

  @Test
  void aGlmAlternationInTheReferenceIsAChoiceNotARewriteOfTheHypothesis() {
    Normalizer glm =
        GlmImporter.importText(
                ";; contractions\n* case_sensitive = 'F'\n"
                    + "ain't => [{are not / have not}] / [ ] __ [ ]\n",
                "inline.glm",
                VersionedId.parse("glm@1"))
            .compile();
    Scorer scorer = new Scorer(glm::tokens, ProtectedPhrases.NONE);

    assertThat(scorer.score("u1", "", "i have not seen it", "i are not seen it").words())
        .as("sclite: no alternation in the reference, so one substitution")
        .isEqualTo(new ErrorCounts(4, 1, 0, 0));
    assertThat(scorer.score("u2", "", "i ain't seen it", "i have not seen it").words())
        .isEqualTo(new ErrorCounts(5, 0, 0, 0));
    assertThat(scorer.score("u3", "", "i ain't seen it", "i are not seen it").words())
        .isEqualTo(new ErrorCounts(5, 0, 0, 0));
    assertThat(scorer.score("u4", "", "I AIN'T seen it", "i ain't seen it").words())
        .as("the hypothesis' alternation matches the reference's")
        .isEqualTo(new ErrorCounts(5, 0, 0, 0));
    assertThat(scorer.score("u5", "", "i ain't seen it", "i has not seen it").characters())
        .as("CER counts the words of the chosen path, i are not seen it, against the hypothesis")
        .isEqualTo(new CharacterErrors(3, 17));
  }

  @Test
  void theScliteModeScorerCountsOnScliteAlignmentsAndTheDefaultDoesNot() {
    Scorer scliteScorer =
        new Scorer(Tokenizer.WHITESPACE, ProtectedPhrases.NONE, AlignmentMode.SCLITE);
    Scorer defaultScorer = Scorer.withoutNormalization();

    assertThat(scliteScorer.mode()).isEqualTo(AlignmentMode.SCLITE);
    assertThat(scliteScorer.score("u", "", "b c a d a", "d d b b c").words())
        .isEqualTo(new ErrorCounts(2, 0, 3, 3));
    assertThat(defaultScorer.score("u", "", "b c a d a", "d d b b c").words())
        .isEqualTo(new ErrorCounts(0, 5, 0, 0));
    assertThat(scliteScorer.align("b c a d a", "d d b b c").counts())
        .isEqualTo(new ErrorCounts(2, 0, 3, 3));
  }

  private static List<String> randomWords(Random random, int length) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      words.add(String.valueOf((char) ('a' + random.nextInt(4))));
    }
    return words;
  }
}
