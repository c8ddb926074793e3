package dev.earmark.audio.qe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A baseline distribution for the population stability index: bin {@code i} holds the values in
 * {@code (upperEdges[i-1], upperEdges[i]]}, the first bin everything up to {@code upperEdges[0]},
 * the last everything above the last edge; {@code proportions} (one more than the edges, summing to
 * 1) is the share of the baseline in each bin. Stored in the model file so drift is measured
 * against exactly what the model was trained on.
 */
public record FeatureBins(String name, List<Double> upperEdges, List<Double> proportions) {
  /**
   * Proportions below this are raised to it before taking logarithms, so an empty bin gives a large
   * but finite PSI term instead of infinity (a common convention; documented in docs/qe.md).
   */
  public static final double PROPORTION_FLOOR = 1e-4;

  public FeatureBins {
    Objects.requireNonNull(name, "name");
    upperEdges = List.copyOf(upperEdges);
    proportions = List.copyOf(proportions);
    if (proportions.size() != upperEdges.size() + 1) {
      throw new QeModelException("Drift bins of " + name + " need one proportion more than edges.");
    }
    for (int i = 1; i < upperEdges.size(); i++) {
      if (!(upperEdges.get(i - 1) < upperEdges.get(i))) {
        throw new QeModelException("Drift bin edges of " + name + " must strictly increase.");
      }
    }
  }

  /**
   * Quantile bins of {@code baseline}: edges at the lower {@code 1/bins … (bins-1)/bins} quantiles,
   * duplicates dropped (a feature with few distinct values gets fewer bins), so each bin holds
   * about the same share of the baseline.
   */
  public static FeatureBins fromBaseline(String name, double[] baseline, int bins) {
    if (baseline.length == 0) {
      throw new QeModelException("Drift baseline of " + name + " is empty.");
    }
    double[] sorted = baseline.clone();
    Arrays.sort(sorted);
    List<Double> edges = new ArrayList<>();
    for (int i = 1; i < bins; i++) {
      int index = (int) Math.ceil((double) i * sorted.length / bins) - 1;
      double edge = sorted[Math.max(0, index)];
      if (edge < sorted[sorted.length - 1]
          && (edges.isEmpty() || edge > edges.get(edges.size() - 1))) {
        edges.add(edge);
      }
    }
    FeatureBins shape = new FeatureBins(name, edges, zeros(edges.size() + 1));
    return new FeatureBins(name, edges, Features.toList(shape.proportionsOf(baseline)));
  }

  /** The share of {@code values} falling in each bin. */
  public double[] proportionsOf(double[] values) {
    double[] counts = new double[proportions.size()];
    for (double value : values) {
      counts[binOf(value)]++;
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] = values.length == 0 ? 0 : counts[i] / values.length;
    }
    return counts;
  }

  /** PSI of {@code values} against this baseline. */
  public double psi(double[] values) {
    return psi(Features.toArray(proportions), proportionsOf(values));
  }

  /**
   * Population stability index Σ (actual − expected) · ln(actual / expected) over bins, with both
   * proportions floored at {@link #PROPORTION_FLOOR}. 0 means identical; the usual reading is below
   * 0.1 stable, 0.1–0.2 moderate shift, above 0.2 a significant shift.
   */
  public static double psi(double[] expected, double[] actual) {
    if (expected.length != actual.length) {
      throw new IllegalArgumentException(
          "bin counts differ: " + expected.length + ", " + actual.length);
    }
    double sum = 0;
    for (int i = 0; i < expected.length; i++) {
      double e = Math.max(expected[i], PROPORTION_FLOOR);
      double a = Math.max(actual[i], PROPORTION_FLOOR);
      sum += (a - e) * Math.log(a / e);
    }
    return sum;
  }

  private int binOf(double value) {
    int low = 0;
    int high = upperEdges.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (value <= upperEdges.get(mid)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  private static List<Double> zeros(int count) {
    return Features.toList(new double[count]);
  }
}
