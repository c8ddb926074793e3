package dev.earmark.audio.qe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {
  @Test
  void matchesTheWikipediaIqAndTelevisionExample() {
    // en.wikipedia.org/wiki/Spearman%27s_rank_correlation_coefficient, "Example": rho = -29/165.
    double[] iq = {106, 86, 100, 101, 99, 103, 97, 113, 112, 110};
    double[] hoursOfTv = {7, 0, 27, 50, 28, 29, 20, 12, 6, 17};
    assertEquals(-29.0 / 165, RankCorrelation.spearman(iq, hoursOfTv), 1e-12);
  }

  @Test
  void tiesShareTheMeanRankAndRhoIsPearsonOfRanks() {
    // Ranks of x are 1, 2.5, 2.5, 4: Pearson of the ranks is 4.5 / sqrt(4.5 * 5) = sqrt(0.9)
    // (scipy.stats.spearmanr gives 0.9486832980505139); the no-ties shortcut would give 0.95.
    double[] x = {1, 2, 2, 3};
    double[] y = {1, 3, 2, 4};
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, RankCorrelation.averageRanks(x), 0);
    assertEquals(Math.sqrt(0.9), RankCorrelation.spearman(x, y), 1e-12);
  }

  @Test
  void monotoneButNonlinearIsPerfect() {
    assertEquals(
        1.0,
        RankCorrelation.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 8, 27, 64}),
        1e-12);
    assertEquals(
        -1.0, RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {9, 4, 1}), 1e-12);
  }

  @Test
  void constantOrTooShortSamplesAreUndefined() {
    assertTrue(
        Double.isNaN(RankCorrelation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    assertTrue(Double.isNaN(RankCorrelation.spearman(new double[] {1}, new double[] {2})));
    assertThrows(
        IllegalArgumentException.class,
        () -> RankCorrelation.spearman(new double[] {1, 2}, new double[] {1}));
  }
}
