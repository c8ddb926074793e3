package dev.earmark.engine.agreement;

/**
 * Quantiles of sorted samples by linear interpolation between order statistics (R's default, type
 * 7), shared by the agreement bootstrap and the listening-test results.
 */
public final class Percentile {
  private Percentile() {}

  /** The {@code probability} quantile of the first {@code count} values of {@code sorted}. */
  public static double of(double[] sorted, int count, double probability) {
    double h = (count - 1) * probability;
    int below = (int) Math.floor(h);
    int above = Math.min(below + 1, count - 1);
    return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
  }

  /**
   * The central {@code confidence} percentile interval of the first {@code defined} values of
   * {@code values}, which this sorts in place.
   */
  public static ConfidenceInterval interval(
      double[] values, int defined, int resamples, long seed, double confidence) {
    java.util.Arrays.sort(values, 0, defined);
    double tail = (1 - confidence) / 2;
    return new ConfidenceInterval(
        of(values, defined, tail), of(values, defined, 1 - tail), resamples, defined, seed);
  }
}
