package dev.earmark.engine.agreement;

/**
 * The items of a table with two or more ratings, each as its distinct categories and how often each
 * was given (compressed rows: the entries of item {@code u} are {@code start[u]} to {@code start[u
 * + 1] - 1}). This is all any multi-annotator statistic needs from an item. Immutable once built.
 */
final class PairableItems {
  final int count;
  final int[] start;
  final int[] category;
  final int[] frequency;
  final int[] ratings;
  final int ratingTotal;

  PairableItems(RatingTable table) {
    int annotators = table.annotatorCount();
    int[] seen = new int[table.categoryCount()];
    int[] touched = new int[annotators];
    int[] startBuilder = new int[table.itemCount() + 1];
    int[] categoryBuilder = new int[table.ratingCount()];
    int[] frequencyBuilder = new int[table.ratingCount()];
    int[] ratingsBuilder = new int[table.itemCount()];
    int units = 0;
    int entries = 0;
    int total = 0;
    for (int item = 0; item < table.itemCount(); item++) {
      int distinct = 0;
      int rated = 0;
      for (int annotator = 0; annotator < annotators; annotator++) {
        int c = table.category(item, annotator);
        if (c != RatingTable.MISSING) {
          rated++;
          if (seen[c]++ == 0) {
            touched[distinct++] = c;
          }
        }
      }
      if (rated >= 2) {
        startBuilder[units] = entries;
        ratingsBuilder[units] = rated;
        total += rated;
        for (int i = 0; i < distinct; i++) {
          categoryBuilder[entries] = touched[i];
          frequencyBuilder[entries] = seen[touched[i]];
          entries++;
        }
        units++;
      }
      for (int i = 0; i < distinct; i++) {
        seen[touched[i]] = 0;
      }
    }
    startBuilder[units] = entries;
    this.count = units;
    this.start = java.util.Arrays.copyOf(startBuilder, units + 1);
    this.category = java.util.Arrays.copyOf(categoryBuilder, entries);
    this.frequency = java.util.Arrays.copyOf(frequencyBuilder, entries);
    this.ratings = java.util.Arrays.copyOf(ratingsBuilder, units);
    this.ratingTotal = total;
  }

  /** Share of agreeing ordered rating pairs within item {@code u}: Σ n(n−1) / (m(m−1)). */
  double agreement(int u) {
    double agreeing = 0;
    for (int e = start[u]; e < start[u + 1]; e++) {
      agreeing += (double) frequency[e] * (frequency[e] - 1);
    }
    double m = ratings[u];
    return agreeing / (m * (m - 1));
  }

  /** Accumulates the weighted category frequencies (pairable values n_c) into {@code marginals}. */
  void marginals(int[] weights, double[] marginals) {
    java.util.Arrays.fill(marginals, 0);
    for (int u = 0; u < count; u++) {
      int w = weights[u];
      if (w != 0) {
        for (int e = start[u]; e < start[u + 1]; e++) {
          marginals[category[e]] += (double) w * frequency[e];
        }
      }
    }
  }

  /** Number of categories with a positive marginal. */
  static int used(double[] marginals) {
    int used = 0;
    for (double n : marginals) {
      if (n > 0) {
        used++;
      }
    }
    return used;
  }
}
