package dev.earmark.engine.agreement;

import dev.earmark.engine.EngineException;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The closed set of agreement statistics Earmark computes, each with its parameters. {@link
 * #compute} gives the value on a table; {@link #bootstrap} gives a seeded percentile interval by
 * resampling items. All implementations are immutable and thread-safe; each call works on its own
 * scratch state.
 */
public sealed interface AgreementStatistic {
  /** Krippendorff's alpha at a level of measurement; any number of annotators, missing allowed. */
  record KrippendorffAlpha(MeasurementLevel level) implements AgreementStatistic {}

  /**
   * Fleiss' kappa (nominal); rater identity is ignored. With a varying number of ratings per item
   * the item agreements are averaged and category proportions pooled over all pairable ratings.
   */
  record FleissKappa() implements AgreementStatistic {}

  /** Cohen's kappa for exactly two annotators, over items both rated. */
  record CohenKappa(KappaWeights weights) implements AgreementStatistic {}

  /**
   * Percent agreement: the share of agreeing annotator pairs within an item, averaged over items
   * with two or more ratings (for two annotators: the share of items they label alike).
   */
  record PercentAgreement() implements AgreementStatistic {}

  /**
   * The statistic on the table, or the reason it has none.
   *
   * @throws EngineException when the statistic does not apply to the data (Cohen's kappa with other
   *     than two annotators, an ordered level on unordered labels, ratio level with negative
   *     values)
   */
  default AgreementResult compute(RatingTable table) {
    return ItemContributions.of(this, table).evaluateAll();
  }

  /**
   * A percentile bootstrap 95% interval from {@code resamples} resamples of the items the statistic
   * uses, drawn with replacement from a {@link SplittableRandom} seeded with {@code seed}: the same
   * data, resamples and seed give the same interval. Empty when the statistic is undefined on the
   * data itself or on every resample.
   */
  default Optional<ConfidenceInterval> bootstrap(RatingTable table, int resamples, long seed) {
    return bootstrap(table, resamples, seed, 0.95);
  }

  /** As {@link #bootstrap(RatingTable, int, long)} with another confidence level in (0, 1). */
  default Optional<ConfidenceInterval> bootstrap(
      RatingTable table, int resamples, long seed, double confidence) {
    if (resamples < 1) {
      throw new EngineException(
          "the number of bootstrap resamples must be 1 or more, not " + resamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new EngineException(
          "a confidence level must lie strictly between 0 and 1, not " + confidence);
    }
    ItemContributions contributions = ItemContributions.of(this, table);
    if (!contributions.evaluateAll().isDefined()) {
      return Optional.empty();
    }
    int units = contributions.units();
    int[] weights = new int[units];
    double[] values = new double[resamples];
    int defined = 0;
    SplittableRandom random = new SplittableRandom(seed);
    for (int r = 0; r < resamples; r++) {
      Arrays.fill(weights, 0);
      for (int i = 0; i < units; i++) {
        weights[random.nextInt(units)]++;
      }
      AgreementResult result = contributions.evaluate(weights);
      if (result.isDefined()) {
        values[defined++] = result.value().getAsDouble();
      }
    }
    if (defined == 0) {
      return Optional.empty();
    }
    return Optional.of(Percentile.interval(values, defined, resamples, seed, confidence));
  }
}
