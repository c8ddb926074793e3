package dev.earmark.engine.agreement;

import dev.earmark.engine.EngineException;

/**
 * Cohen's kappa as 1 − Σ v·observed / Σ v·expected with disagreement weights v(i, j) = [i ≠ j], |i
 * − j| or (i − j)² of scale positions (the usual 1 − w form; the scale factor cancels). Each unit
 * is one item both annotators rated.
 */
final class CohenContributions extends ItemContributions {
  private final KappaWeights weights;
  private final int[] first;
  private final int[] second;
  private final int categories;

  CohenContributions(RatingTable table, KappaWeights weights) {
    this(table, weights, bothRated(table));
  }

  private CohenContributions(RatingTable table, KappaWeights weights, int[][] pairs) {
    super(
        ratedItems(table),
        activeAnnotators(table),
        pairs[0].length,
        precheck(table.ratingCount(), activeAnnotators(table), pairs[0].length));
    if (weights != KappaWeights.NONE) {
      ItemContributions.requireOrdered(
          table,
          "Cohen's kappa with " + weights.name().toLowerCase(java.util.Locale.ROOT) + " weights");
    }
    this.weights = weights;
    this.first = pairs[0];
    this.second = pairs[1];
    this.categories = table.categoryCount();
  }

  private static int[][] bothRated(RatingTable table) {
    if (table.ratingCount() == 0) {
      return new int[][] {new int[0], new int[0]};
    }
    if (table.annotatorCount() != 2) {
      throw new EngineException(
          "Cohen's kappa compares exactly two annotators, but the data has "
              + table.annotatorCount()
              + " "
              + table.annotatorIds()
              + ": use Fleiss' kappa or Krippendorff's alpha for other numbers of annotators");
    }
    int both = 0;
    for (int item = 0; item < table.itemCount(); item++) {
      if (table.category(item, 0) != RatingTable.MISSING
          && table.category(item, 1) != RatingTable.MISSING) {
        both++;
      }
    }
    int[] first = new int[both];
    int[] second = new int[both];
    int unit = 0;
    for (int item = 0; item < table.itemCount(); item++) {
      if (table.category(item, 0) != RatingTable.MISSING
          && table.category(item, 1) != RatingTable.MISSING) {
        first[unit] = table.category(item, 0);
        second[unit] = table.category(item, 1);
        unit++;
      }
    }
    return new int[][] {first, second};
  }

  private double disagreement(int i, int j) {
    int distance = Math.abs(i - j);
    switch (weights) {
      case NONE:
        return distance == 0 ? 0 : 1;
      case LINEAR:
        return distance;
      case QUADRATIC:
        return (double) distance * distance;
      default:
        throw new IllegalStateException(weights.name());
    }
  }

  @Override
  double value(int[] unitWeights) {
    double[] rows = new double[categories];
    double[] columns = new double[categories];
    double total = 0;
    double observed = 0;
    for (int u = 0; u < units; u++) {
      int w = unitWeights[u];
      if (w != 0) {
        rows[first[u]] += w;
        columns[second[u]] += w;
        total += w;
        observed += w * disagreement(first[u], second[u]);
      }
    }
    double expected = 0;
    for (int i = 0; i < categories; i++) {
      if (rows[i] == 0) {
        continue;
      }
      for (int j = 0; j < categories; j++) {
        if (columns[j] != 0) {
          expected += rows[i] * columns[j] * disagreement(i, j);
        }
      }
    }
    expected /= total;
    if (!(expected > 0)) {
      return Double.NaN;
    }
    return 1 - observed / expected;
  }
}
