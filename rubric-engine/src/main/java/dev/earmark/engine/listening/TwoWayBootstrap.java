package dev.earmark.engine.listening;

import dev.earmark.engine.EngineException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Means of observations in groups, resampled over raters and items at once: each resample draws as
 * many raters as there are, with replacement, and independently as many items, and weighs an
 * observation by how often its rater was drawn times how often its item was drawn. Every group
 * shares one resample's draws, so a difference of two groups is paired by rater and item. The same
 * observations, resamples and seed give the same means. Immutable after construction.
 */
final class TwoWayBootstrap {
  private final int[] rater;
  private final int[] item;
  private final int[] group;
  private final double[] value;
  private final int raters;
  private final int items;
  private final int groups;

  private <T> TwoWayBootstrap(
      List<T> observations,
      Function<T, String> raterOf,
      Function<T, String> itemOf,
      Function<T, Integer> groupOf,
      Function<T, Double> valueOf,
      int groups) {
    Map<String, Integer> raterIndex = new LinkedHashMap<>();
    Map<String, Integer> itemIndex = new LinkedHashMap<>();
    int n = observations.size();
    rater = new int[n];
    item = new int[n];
    group = new int[n];
    value = new double[n];
    for (int o = 0; o < n; o++) {
      T observation = observations.get(o);
      rater[o] = raterIndex.computeIfAbsent(raterOf.apply(observation), k -> raterIndex.size());
      item[o] = itemIndex.computeIfAbsent(itemOf.apply(observation), k -> itemIndex.size());
      group[o] = groupOf.apply(observation);
      value[o] = valueOf.apply(observation);
    }
    raters = raterIndex.size();
    items = itemIndex.size();
    this.groups = groups;
  }

  static <T> TwoWayBootstrap of(
      List<T> observations,
      Function<T, String> raterOf,
      Function<T, String> itemOf,
      Function<T, Integer> groupOf,
      Function<T, Double> valueOf,
      int groups) {
    return new TwoWayBootstrap(observations, raterOf, itemOf, groupOf, valueOf, groups);
  }

  /** Each group's plain mean (NaN for a group without observations). */
  double[] means() {
    double[] wr = new double[raters];
    double[] wi = new double[items];
    Arrays.fill(wr, 1);
    Arrays.fill(wi, 1);
    return weightedMeans(wr, wi);
  }

  /**
   * {@code resamples} rows of group means from resamples drawn by a {@link SplittableRandom} seeded
   * with {@code seed}; a group without weight in a resample is NaN there.
   */
  double[][] resampledMeans(int resamples, long seed) {
    if (resamples < 1) {
      throw new EngineException(
          "the number of bootstrap resamples must be 1 or more, not " + resamples);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[][] rows = new double[resamples][];
    double[] wr = new double[raters];
    double[] wi = new double[items];
    for (int r = 0; r < resamples; r++) {
      Arrays.fill(wr, 0);
      Arrays.fill(wi, 0);
      for (int k = 0; k < raters; k++) {
        wr[random.nextInt(raters)]++;
      }
      for (int k = 0; k < items; k++) {
        wi[random.nextInt(items)]++;
      }
      rows[r] = weightedMeans(wr, wi);
    }
    return rows;
  }

  private double[] weightedMeans(double[] wr, double[] wi) {
    double[] sum = new double[groups];
    double[] weight = new double[groups];
    for (int o = 0; o < value.length; o++) {
      double w = wr[rater[o]] * wi[item[o]];
      sum[group[o]] += w * value[o];
      weight[group[o]] += w;
    }
    double[] means = new double[groups];
    for (int g = 0; g < groups; g++) {
      means[g] = weight[g] > 0 ? sum[g] / weight[g] : Double.NaN;
    }
    return means;
  }
}
