package dev.earmark.engine.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Scoring a corpus on several threads gives exactly the single-threaded result: every utterance's
 * counts in the same order, the same totals and slices.
 */
class ParallelScoringTest {
  private static final String[] WORDS = {
    "the", "cat", "sat", "on", "mat", "Dr.", "Smith", "twenty", "3", "o'clock", "new", "york",
    "réseau", "straße", "naïve", "and", "a", "of", "to", "in"
  };

  @Test
  void manyThreadsGiveTheSingleThreadedScoresInOrder() {
    List<TranscriptPair> pairs = pairs(30_000, 42);
    Scorer scorer = Scorer.withoutNormalization();

    CorpusScore alone = scorer.scoreCorpus(pairs);
    CorpusScore threaded = scorer.scoreCorpus(pairs, 3);

    assertThat(threaded.utterances()).hasSize(pairs.size());
    assertThat(threaded.utterances()).isEqualTo(alone.utterances());
    assertThat(threaded.corpus()).isEqualTo(alone.corpus());
    assertThat(threaded.slices()).isEqualTo(alone.slices());
    assertThat(alone.corpus().words().errors()).isPositive();
  }

  @Test
  void aNormalizingScorerIsSharedSafelyAcrossThreads() {
    List<TranscriptPair> pairs = pairs(12_000, 7);
    Normalizer normalizer = Normalizer.compile(RuleSets.enAsr1());
    Scorer scorer =
        new Scorer(normalizer::tokens, ProtectedPhrases.NONE, AlignmentMode.MINIMUM_EDIT);

    assertThat(scorer.scoreCorpus(pairs, 2).utterances())
        .isEqualTo(scorer.scoreCorpus(pairs).utterances());
  }

  @Test
  void fewPairsOrOneThreadStayOnTheCallingThreadWithTheSameResult() {
    List<TranscriptPair> pairs = pairs(100, 1);
    Scorer scorer = Scorer.withoutNormalization();

    assertThat(scorer.scoreCorpus(pairs, 8).utterances())
        .isEqualTo(scorer.scoreCorpus(pairs, 1).utterances());
    assertThatThrownBy(() -> scorer.scoreCorpus(pairs, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  /**
   * Reference sentences of 5–20 words and hypotheses with seeded substitutions, gaps and extras.
   */
  private static List<TranscriptPair> pairs(int count, long seed) {
    Random random = new Random(seed);
    List<TranscriptPair> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = 5 + random.nextInt(16);
      List<String> reference = new ArrayList<>();
      List<String> hypothesis = new ArrayList<>();
      for (int w = 0; w < length; w++) {
        String word = WORDS[random.nextInt(WORDS.length)];
        reference.add(word);
        int edit = random.nextInt(10);
        if (edit == 0) {
          hypothesis.add(WORDS[random.nextInt(WORDS.length)]);
        } else if (edit == 1) {
          continue;
        } else {
          hypothesis.add(word);
          if (edit == 2) {
            hypothesis.add(WORDS[random.nextInt(WORDS.length)]);
          }
        }
      }
      pairs.add(
          new TranscriptPair(
              "u" + i,
              i % 3 == 0 ? "names" : "",
              String.join(" ", reference),
              String.join(" ", hypothesis)));
    }
    return pairs;
  }
}
