package dev.earmark.audio.qe;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Spearman's rank correlation with ties: tied values share the mean of the ranks they span, and rho
 * is Pearson's correlation of those ranks (the definition that stays exact under ties; the 1 -
 * 6Σd²/(n(n²-1)) shortcut does not). Stateless.
 */
public final class RankCorrelation {
  private RankCorrelation() {}

  /**
   * Spearman's rho of two equally long samples; {@code NaN} when it is undefined (fewer than two
   * values, or one sample constant so its ranks have no variance).
   */
  public static double spearman(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("samples differ in length: " + x.length + ", " + y.length);
    }
    if (x.length < 2) {
      return Double.NaN;
    }
    return pearson(averageRanks(x), averageRanks(y));
  }

  /** Ranks from 1, ties given the mean of their positions. */
  static double[] averageRanks(double[] values) {
    Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[values.length];
    int start = 0;
    while (start < order.length) {
      int end = start;
      while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double meanRank = (start + end) / 2.0 + 1;
      for (int i = start; i <= end; i++) {
        ranks[order[i]] = meanRank;
      }
      start = end + 1;
    }
    return ranks;
  }

  static double pearson(double[] x, double[] y) {
    double meanX = Arrays.stream(x).average().orElse(0);
    double meanY = Arrays.stream(y).average().orElse(0);
    double covariance = 0;
    double varianceX = 0;
    double varianceY = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - meanX;
      double dy = y[i] - meanY;
      covariance += dx * dy;
      varianceX += dx * dx;
      varianceY += dy * dy;
    }
    if (varianceX == 0 || varianceY == 0) {
      return Double.NaN;
    }
    return covariance / Math.sqrt(varianceX * varianceY);
  }
}
