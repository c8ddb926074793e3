package dev.earmark.engine.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitParallelDistanceTest {
  private final BitParallelDistance bitParallel = new BitParallelDistance();
  private final Aligner aligner = new Aligner();

  /** The textbook programme, cell by cell: errors first, then substitutions (as Aligner ranks). */
  private static long[] referenceCosts(int[] reference, int[] hypothesis) {
    int n = reference.length;
    int m = hypothesis.length;
    long[][] errors = new long[n + 1][m + 1];
    long[][] substitutions = new long[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= m; j++) {
        if (i == 0 || j == 0) {
          errors[i][j] = i + j;
          continue;
        }
        boolean same = reference[i - 1] == hypothesis[j - 1];
        long bestErrors = errors[i - 1][j - 1] + (same ? 0 : 1);
        long bestSubstitutions = substitutions[i - 1][j - 1] + (same ? 0 : 1);
        long[][] gaps = {
          {errors[i - 1][j] + 1, substitutions[i - 1][j]},
          {errors[i][j - 1] + 1, substitutions[i][j - 1]}
        };
        for (long[] gap : gaps) {
          if (gap[0] < bestErrors || gap[0] == bestErrors && gap[1] < bestSubstitutions) {
            bestErrors = gap[0];
            bestSubstitutions = gap[1];
          }
        }
        errors[i][j] = bestErrors;
        substitutions[i][j] = bestSubstitutions;
      }
    }
    return new long[] {errors[n][m], substitutions[n][m]};
  }

  private static ErrorCounts referenceCounts(int[] reference, int[] hypothesis) {
    long[] costs = referenceCosts(reference, hypothesis);
    long n = reference.length;
    long m = hypothesis.length;
    long gaps = costs[0] - costs[1];
    long deletions = (gaps + n - m) / 2;
    long insertions = (gaps - n + m) / 2;
    return new ErrorCounts(n - costs[1] - deletions, costs[1], deletions, insertions);
  }

  private static int[] randomText(Random random, int length, int alphabet, int base) {
    int[] text = new int[length];
    for (int i = 0; i < length; i++) {
      text[i] = base + random.nextInt(alphabet);
    }
    return text;
  }

  /** A copy of {@code text} with about {@code rate} of its positions edited. */
  private static int[] edited(Random random, int[] text, double rate, int alphabet, int base) {
    int[] out = new int[text.length * 2 + 4];
    int length = 0;
    for (int value : text) {
      double roll = random.nextDouble();
      if (roll >= rate) {
        out[length++] = value;
      } else if (roll < rate / 3) {
        out[length++] = base + random.nextInt(alphabet); // substitution
      } else if (roll >= 2 * rate / 3) {
        out[length++] = value;
        out[length++] = base + random.nextInt(alphabet); // insertion
      } // else deletion
    }
    return java.util.Arrays.copyOf(out, length);
  }

  private void assertSameAsTheProgramme(int[] reference, int[] hypothesis) {
    long expected = referenceCosts(reference, hypothesis)[0];
    assertThat(bitParallel.distance(reference, reference.length, hypothesis, hypothesis.length))
        .as("distance of %d vs %d code points", reference.length, hypothesis.length)
        .isEqualTo(expected);
    String referenceText = new String(reference, 0, reference.length);
    String hypothesisText = new String(hypothesis, 0, hypothesis.length);
    assertThat(aligner.countCodePoints(referenceText, hypothesisText))
        .as("counts with the fewest substitutions")
        .isEqualTo(referenceCounts(reference, hypothesis));
  }

  @Test
  void equalsTheCellByCellProgrammeOnRandomTextsOfEveryBlockCount() {
    Random random = new Random(22);
    for (int round = 0; round < 600; round++) {
      int length = random.nextInt(round < 400 ? 90 : 200);
      int alphabet = 1 + random.nextInt(round % 3 == 0 ? 4 : 40);
      int base = round % 5 == 0 ? 0x1F600 : 'a'; // every fifth text outside the BMP
      int[] reference = randomText(random, length, alphabet, base);
      int[] hypothesis =
          round % 2 == 0
              ? edited(random, reference, random.nextDouble() * 0.5, alphabet, base)
              : randomText(random, random.nextInt(200), alphabet, base);
      assertSameAsTheProgramme(reference, hypothesis);
      assertSameAsTheProgramme(hypothesis, reference);
    }
  }

  @Test
  void blockBoundariesOfTheReferenceAreExact() {
    Random random = new Random(7);
    for (int length : new int[] {1, 2, 63, 64, 65, 127, 128, 129, 191, 192, 193, 640}) {
      for (int round = 0; round < 8; round++) {
        int[] reference = randomText(random, length, 3 + round, 'a');
        assertSameAsTheProgramme(reference, edited(random, reference, 0.2, 3 + round, 'a'));
        assertSameAsTheProgramme(
            reference,
            randomText(random, length + round - 10 < 0 ? 0 : length + round - 10, 3, 'a'));
      }
    }
  }

  @ParameterizedTest(name = "[{0}] vs [{1}] = {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''        | ''        | 0
          ''        | abc       | 3
          abc       | ''        | 3
          kitten    | sitting   | 3
          flaw      | lawn      | 2
          a😀b      | a😁b      | 1
          😀😀😀    | 😀        | 2
          abc       | abc       | 0
          abc       | xyz       | 3
          """)
  void knownDistances(String reference, String hypothesis, int expected) {
    int[] ref = reference.codePoints().toArray();
    int[] hyp = hypothesis.codePoints().toArray();
    assertThat(bitParallel.distance(ref, ref.length, hyp, hyp.length)).isEqualTo(expected);
  }

  @Test
  void characterCountsOfLongUtterancesMatchTheProgramme() {
    // Over 64 code points on both sides and astral characters inside words.
    String reference = "the quick brown fox jumps over the lazy dog 😀 and then it runs away again";
    String hypothesis = "a quick brown fax jumped over lazy dogs 😁 and it then runs away agin now";
    assertSameAsTheProgramme(reference.codePoints().toArray(), hypothesis.codePoints().toArray());
    assertThat(reference.codePointCount(0, reference.length())).isGreaterThan(64);
  }
}
