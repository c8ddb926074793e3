package dev.earmark.engine.listening;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.agreement.AgreementResult;
import dev.earmark.engine.agreement.AgreementStatistic;
import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.MeasurementLevel;
import dev.earmark.engine.agreement.Percentile;
import dev.earmark.engine.agreement.Rating;
import dev.earmark.engine.agreement.RatingTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * System-level results of a listening test from screened ratings: each system's mean per dimension
 * (MOS for ACR, the MUSHRA mean) with a 95% percentile bootstrap interval over raters and items
 * ({@link TwoWayBootstrap}), the difference of two systems with its interval from the same paired
 * resamples, Krippendorff's alpha per dimension at interval level (the agreement engine's, with its
 * item bootstrap), A/B preference shares with intervals, and latency as metadata. Every interval is
 * reproducible from its recorded seed. Thread-safe: pure functions.
 */
public final class SystemResults {
  /** The confidence level of every interval here. */
  public static final double CONFIDENCE = 0.95;

  private SystemResults() {}

  /** One system's mean on one dimension, with the counts behind it. */
  public record SystemMean(
      String system,
      String dimension,
      double mean,
      int ratings,
      int raters,
      int items,
      Optional<ConfidenceInterval> interval) {}

  /** {@code first}'s mean minus {@code second}'s on one dimension, with its interval. */
  public record Difference(
      String dimension,
      String first,
      String second,
      double difference,
      Optional<ConfidenceInterval> interval) {
    /** True when the interval lies wholly above or below zero. */
    public boolean excludesZero() {
      return interval.isPresent() && (interval.get().low() > 0 || interval.get().high() < 0);
    }
  }

  /** Krippendorff's alpha (interval level) of one dimension over the clips rated twice or more. */
  public record DimensionAlpha(
      String dimension, AgreementResult alpha, Optional<ConfidenceInterval> interval) {}

  /**
   * One rater's choice in one A/B trial between two systems; {@code chosen} empty = no preference.
   */
  public record PreferenceVote(
      String rater, String item, String first, String second, String chosen, String slice) {
    public PreferenceVote {
      if (first.equals(second)) {
        throw new EngineException(
            "an A/B trial compares two different systems, not " + first + " twice");
      }
      if (!chosen.isEmpty() && !chosen.equals(first) && !chosen.equals(second)) {
        throw new EngineException(
            "a vote in the trial " + item + " of " + first + " and " + second + " chose " + chosen);
      }
      slice = slice == null ? "" : slice;
    }
  }

  /**
   * The shares of votes for each of two systems and for no preference, each with its interval; the
   * pair's systems are in name order.
   */
  public record PreferenceShares(
      String first,
      String second,
      int votes,
      double firstShare,
      double secondShare,
      double noPreferenceShare,
      Optional<ConfidenceInterval> firstInterval,
      Optional<ConfidenceInterval> secondInterval,
      Optional<ConfidenceInterval> noPreferenceInterval) {}

  /** One clip's latency until its first audio byte, from the manifest. */
  public record Latency(String system, String clip, double firstAudioByteMs) {}

  /** A system's latency as metadata: clips measured, mean and 95th percentile (type 7). */
  public record LatencySummary(String system, int clips, double meanMs, double p95Ms) {}

  /** Every system × dimension mean, ordered by dimension then system. */
  public static List<SystemMean> means(List<ListeningScore> scores, int resamples, long seed) {
    List<SystemMean> means = new ArrayList<>();
    for (String dimension : dimensions(scores)) {
      List<ListeningScore> of = ofDimension(scores, dimension);
      List<String> systems =
          new ArrayList<>(new TreeSet<>(of.stream().map(ListeningScore::system).toList()));
      Map<String, Integer> index = indexOf(systems);
      TwoWayBootstrap bootstrap =
          TwoWayBootstrap.of(
              of,
              ListeningScore::rater,
              ListeningScore::item,
              s -> index.get(s.system()),
              ListeningScore::value,
              systems.size());
      double[] plain = bootstrap.means();
      double[][] rows = bootstrap.resampledMeans(resamples, seed);
      for (String system : systems) {
        int g = index.get(system);
        List<ListeningScore> mine = of.stream().filter(s -> s.system().equals(system)).toList();
        means.add(
            new SystemMean(
                system,
                dimension,
                plain[g],
                mine.size(),
                distinct(mine, ListeningScore::rater),
                distinct(mine, ListeningScore::item),
                interval(rows, row -> row[g], resamples, seed)));
      }
    }
    return means;
  }

  /**
   * {@code first} minus {@code second} on {@code dimension}; empty when either has no rating there.
   */
  public static Optional<Difference> difference(
      List<ListeningScore> scores,
      String dimension,
      String first,
      String second,
      int resamples,
      long seed) {
    List<ListeningScore> of =
        ofDimension(scores, dimension).stream()
            .filter(s -> s.system().equals(first) || s.system().equals(second))
            .toList();
    if (of.stream().noneMatch(s -> s.system().equals(first))
        || of.stream().noneMatch(s -> s.system().equals(second))) {
      return Optional.empty();
    }
    TwoWayBootstrap bootstrap =
        TwoWayBootstrap.of(
            of,
            ListeningScore::rater,
            ListeningScore::item,
            s -> s.system().equals(first) ? 0 : 1,
            ListeningScore::value,
            2);
    double[] plain = bootstrap.means();
    double[][] rows = bootstrap.resampledMeans(resamples, seed);
    return Optional.of(
        new Difference(
            dimension,
            first,
            second,
            plain[0] - plain[1],
            interval(rows, row -> row[0] - row[1], resamples, seed)));
  }

  /**
   * Krippendorff's alpha at interval level for each dimension, over clips as units and raters as
   * coders, with the agreement engine's item bootstrap.
   */
  public static List<DimensionAlpha> alphas(List<ListeningScore> scores, int resamples, long seed) {
    List<DimensionAlpha> alphas = new ArrayList<>();
    AgreementStatistic alpha = new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.INTERVAL);
    for (String dimension : dimensions(scores)) {
      List<Rating> ratings = new ArrayList<>();
      for (ListeningScore score : ofDimension(scores, dimension)) {
        ratings.add(new Rating(score.clip(), score.rater(), Double.toString(score.value())));
      }
      RatingTable table = RatingTable.of(ratings, LabelScale.numeric());
      alphas.add(
          new DimensionAlpha(
              dimension,
              alpha.compute(table),
              alpha.bootstrap(table, resamples, seed, CONFIDENCE)));
    }
    return alphas;
  }

  /** Preference shares for every pair of systems voted on, in pair order. */
  public static List<PreferenceShares> preferences(
      List<PreferenceVote> votes, int resamples, long seed) {
    Map<List<String>, List<PreferenceVote>> byPair =
        new TreeMap<>(
            (a, b) ->
                a.get(0).equals(b.get(0))
                    ? a.get(1).compareTo(b.get(1))
                    : a.get(0).compareTo(b.get(0)));
    for (PreferenceVote vote : votes) {
      List<String> pair = new ArrayList<>(List.of(vote.first(), vote.second()));
      pair.sort(null);
      byPair.computeIfAbsent(pair, p -> new ArrayList<>()).add(vote);
    }
    List<PreferenceShares> shares = new ArrayList<>();
    byPair.forEach(
        (pair, pairVotes) -> {
          String first = pair.get(0);
          String second = pair.get(1);
          // Three groups per vote: 0 = chose first, 1 = chose second, 2 = no preference; each vote
          // enters every group with the indicator of its choice, so a group's mean is its share.
          List<Indicator> indicators = new ArrayList<>();
          for (PreferenceVote vote : pairVotes) {
            int outcome = outcome(vote, first, second);
            for (int g = 0; g < 3; g++) {
              indicators.add(new Indicator(vote.rater(), vote.item(), g, outcome == g ? 1.0 : 0.0));
            }
          }
          TwoWayBootstrap bootstrap =
              TwoWayBootstrap.of(
                  indicators,
                  Indicator::rater,
                  Indicator::item,
                  Indicator::group,
                  Indicator::value,
                  3);
          double[] plain = bootstrap.means();
          double[][] resampled = bootstrap.resampledMeans(resamples, seed);
          shares.add(
              new PreferenceShares(
                  first,
                  second,
                  pairVotes.size(),
                  plain[0],
                  plain[1],
                  plain[2],
                  interval(resampled, row -> row[0], resamples, seed),
                  interval(resampled, row -> row[1], resamples, seed),
                  interval(resampled, row -> row[2], resamples, seed)));
        });
    return shares;
  }

  private record Indicator(String rater, String item, int group, double value) {}

  private static int outcome(PreferenceVote vote, String first, String second) {
    if (vote.chosen().isEmpty()) {
      return 2;
    }
    return vote.chosen().equals(first) ? 0 : 1;
  }

  /** Each system's latency summary, by system name. */
  public static List<LatencySummary> latency(List<Latency> latencies) {
    Map<String, List<Double>> bySystem = new TreeMap<>();
    for (Latency latency : latencies) {
      bySystem
          .computeIfAbsent(latency.system(), s -> new ArrayList<>())
          .add(latency.firstAudioByteMs());
    }
    List<LatencySummary> summaries = new ArrayList<>();
    bySystem.forEach(
        (system, values) -> {
          double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          summaries.add(
              new LatencySummary(
                  system,
                  sorted.length,
                  Arrays.stream(sorted).average().orElseThrow(),
                  Percentile.of(sorted, sorted.length, 0.95)));
        });
    return summaries;
  }

  private static Optional<ConfidenceInterval> interval(
      double[][] rows, ToDoubleFunction<double[]> statistic, int resamples, long seed) {
    double[] values = new double[rows.length];
    int defined = 0;
    for (double[] row : rows) {
      double value = statistic.applyAsDouble(row);
      if (!Double.isNaN(value)) {
        values[defined++] = value;
      }
    }
    return defined == 0
        ? Optional.empty()
        : Optional.of(Percentile.interval(values, defined, resamples, seed, CONFIDENCE));
  }

  private static List<String> dimensions(List<ListeningScore> scores) {
    return new ArrayList<>(new TreeSet<>(scores.stream().map(ListeningScore::dimension).toList()));
  }

  private static List<ListeningScore> ofDimension(List<ListeningScore> scores, String dimension) {
    return scores.stream().filter(s -> s.dimension().equals(dimension)).toList();
  }

  private static Map<String, Integer> indexOf(List<String> names) {
    Map<String, Integer> index = new LinkedHashMap<>();
    names.forEach(name -> index.put(name, index.size()));
    return index;
  }

  private static int distinct(
      List<ListeningScore> scores, java.util.function.Function<ListeningScore, String> key) {
    Set<String> seen = new HashSet<>();
    scores.forEach(s -> seen.add(key.apply(s)));
    return seen.size();
  }
}
