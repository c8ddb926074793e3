package dev.earmark.engine.agreement;

import dev.earmark.engine.EngineException;

/**
 * Krippendorff's alpha from the coincidence matrix, kept as per-item contributions:
 *
 * <pre>
 *   alpha = 1 − (n − 1) · Σ_u D_u / Σ_c Σ_k n_c n_k δ²(c, k)
 *   D_u   = Σ_{c≠k} n_uc n_uk δ²(c, k) / (m_u − 1)      (item u's share of Σ o_ck δ²)
 * </pre>
 *
 * where n_uc counts category c in pairable item u (m_u ≥ 2 ratings), n_c = Σ_u n_uc and n = Σ_c
 * n_c. For nominal, interval and ratio data δ² does not depend on the data, so D_u is computed once
 * and a resample only re-weights it; interval also keeps Σ v and Σ v² per item so the expected
 * disagreement is 2(n·Σv² − (Σv)²) in O(items). Ordinal δ² depends on the marginals, so a resample
 * re-weights each item's off-diagonal coincidences instead.
 */
final class AlphaContributions extends ItemContributions {
  private final MeasurementLevel level;
  private final PairableItems pairable;
  private final double[] values;
  private final double[] itemDisagreement;
  private final double[] itemSum;
  private final double[] itemSquares;
  private final double[] marginals;
  private double[] allCumulative;

  AlphaContributions(RatingTable table, MeasurementLevel level) {
    this(table, level, new PairableItems(table));
  }

  private AlphaContributions(RatingTable table, MeasurementLevel level, PairableItems pairable) {
    super(
        ratedItems(table),
        activeAnnotators(table),
        pairable.count,
        precheck(table.ratingCount(), activeAnnotators(table), pairable.count));
    this.level = level;
    this.pairable = pairable;
    this.values = values(table, level);
    this.marginals = new double[table.categoryCount()];
    int units = pairable.count;
    this.itemDisagreement = new double[units];
    this.itemSum = level == MeasurementLevel.INTERVAL ? new double[units] : null;
    this.itemSquares = level == MeasurementLevel.INTERVAL ? new double[units] : null;
    if (level != MeasurementLevel.ORDINAL) {
      for (int u = 0; u < units; u++) {
        itemDisagreement[u] = itemDisagreement(u, null);
        if (itemSum != null) {
          for (int e = pairable.start[u]; e < pairable.start[u + 1]; e++) {
            double v = values[pairable.category[e]];
            itemSum[u] += pairable.frequency[e] * v;
            itemSquares[u] += pairable.frequency[e] * v * v;
          }
        }
      }
    }
  }

  /** Category values, centred for interval data so that the sums formula keeps its precision. */
  private static double[] values(RatingTable table, MeasurementLevel level) {
    int categories = table.categoryCount();
    double[] values = new double[categories];
    if (level == MeasurementLevel.ORDINAL) {
      ItemContributions.requireOrdered(table, "Krippendorff's alpha at ordinal level");
    }
    if (level == MeasurementLevel.INTERVAL || level == MeasurementLevel.RATIO) {
      if (!table.isNumeric()) {
        throw new EngineException(
            "Krippendorff's alpha at "
                + level.name().toLowerCase(java.util.Locale.ROOT)
                + " level needs numeric labels, but the labels are "
                + (table.isOrdered() ? "a rubric scale's names" : "text")
                + ": use nominal or ordinal level, or numeric labels");
      }
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < categories; c++) {
      values[c] = table.categoryValue(c);
      min = Math.min(min, values[c]);
      max = Math.max(max, values[c]);
      if (level == MeasurementLevel.RATIO && values[c] < 0) {
        throw new EngineException(
            "Krippendorff's alpha at ratio level needs non-negative values, but label '"
                + table.categoryLabels().get(c)
                + "' is negative: use interval level for data without a true zero");
      }
    }
    if (level == MeasurementLevel.INTERVAL && categories > 0) {
      double centre = min + (max - min) / 2;
      for (int c = 0; c < categories; c++) {
        values[c] -= centre;
      }
    }
    return values;
  }

  /** Squared difference δ²(c, k) for c ≤ k; ordinal reads the cumulative marginals. */
  private double delta(int c, int k, double[] cumulative) {
    switch (level) {
      case NOMINAL:
        return c == k ? 0 : 1;
      case INTERVAL:
        double difference = values[c] - values[k];
        return difference * difference;
      case RATIO:
        double sum = values[c] + values[k];
        if (sum == 0) {
          return 0;
        }
        double relative = (values[c] - values[k]) / sum;
        return relative * relative;
      case ORDINAL:
        int low = Math.min(c, k);
        int high = Math.max(c, k);
        double between =
            cumulative[high + 1]
                - cumulative[low]
                - (marginalsOf(cumulative, low) + marginalsOf(cumulative, high)) / 2;
        return between * between;
      default:
        throw new IllegalStateException(level.name());
    }
  }

  private static double marginalsOf(double[] cumulative, int c) {
    return cumulative[c + 1] - cumulative[c];
  }

  private double itemDisagreement(int u, double[] cumulative) {
    double sum = 0;
    int end = pairable.start[u + 1];
    for (int e = pairable.start[u]; e < end; e++) {
      for (int f = e + 1; f < end; f++) {
        sum +=
            2.0
                * pairable.frequency[e]
                * pairable.frequency[f]
                * delta(pairable.category[e], pairable.category[f], cumulative);
      }
    }
    return sum / (pairable.ratings[u] - 1);
  }

  @Override
  double value(int[] weights) {
    pairable.marginals(weights, marginals);
    if (PairableItems.used(marginals) < 2) {
      return Double.NaN;
    }
    double n = 0;
    for (double count : marginals) {
      n += count;
    }
    double observed = 0;
    double expected;
    if (level == MeasurementLevel.ORDINAL) {
      double[] cumulative = new double[marginals.length + 1];
      for (int c = 0; c < marginals.length; c++) {
        cumulative[c + 1] = cumulative[c] + marginals[c];
      }
      for (int u = 0; u < units; u++) {
        if (weights[u] != 0) {
          observed += weights[u] * itemDisagreement(u, cumulative);
        }
      }
      expected = pairwiseExpected(cumulative);
    } else {
      for (int u = 0; u < units; u++) {
        observed += weights[u] * itemDisagreement[u];
      }
      if (level == MeasurementLevel.NOMINAL) {
        double squares = 0;
        for (double count : marginals) {
          squares += count * count;
        }
        expected = n * n - squares;
      } else if (level == MeasurementLevel.INTERVAL) {
        double sum = 0;
        double squares = 0;
        for (int u = 0; u < units; u++) {
          sum += weights[u] * itemSum[u];
          squares += weights[u] * itemSquares[u];
        }
        expected = 2 * (n * squares - sum * sum);
      } else {
        expected = pairwiseExpected(null);
      }
    }
    if (!(expected > 0)) {
      return Double.NaN;
    }
    return 1 - (n - 1) * observed / expected;
  }

  /**
   * δ²(c, k) under the marginals of the whole table (for ordinal data they set the distances), for
   * statistics that compare single rating pairs.
   */
  double delta(int c, int k) {
    return delta(c, k, cumulativeOfAll());
  }

  /**
   * D_e of the whole table: Σ_c Σ_k n_c n_k δ²(c, k) / (n(n − 1)); 0 with fewer than two values.
   */
  double expectedDisagreement() {
    int[] ones = new int[units];
    java.util.Arrays.fill(ones, 1);
    pairable.marginals(ones, marginals);
    double n = 0;
    for (double count : marginals) {
      n += count;
    }
    if (n < 2) {
      return 0;
    }
    return pairwiseExpected(cumulativeOfAll()) / (n * (n - 1));
  }

  private double[] cumulativeOfAll() {
    if (level != MeasurementLevel.ORDINAL) {
      return null;
    }
    if (allCumulative == null) {
      int[] ones = new int[units];
      java.util.Arrays.fill(ones, 1);
      double[] counts = new double[marginals.length];
      pairable.marginals(ones, counts);
      allCumulative = new double[counts.length + 1];
      for (int c = 0; c < counts.length; c++) {
        allCumulative[c + 1] = allCumulative[c] + counts[c];
      }
    }
    return allCumulative;
  }

  /** Σ_c Σ_k n_c n_k δ²(c, k) over used categories. */
  private double pairwiseExpected(double[] cumulative) {
    double expected = 0;
    for (int c = 0; c < marginals.length; c++) {
      if (marginals[c] == 0) {
        continue;
      }
      for (int k = c + 1; k < marginals.length; k++) {
        if (marginals[k] != 0) {
          expected += 2 * marginals[c] * marginals[k] * delta(c, k, cumulative);
        }
      }
    }
    return expected;
  }
}
