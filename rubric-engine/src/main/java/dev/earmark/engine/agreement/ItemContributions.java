package dev.earmark.engine.agreement;

import dev.earmark.engine.EngineException;
import java.util.Optional;

/**
 * A statistic prepared on a table as per-item contributions, so that it can be evaluated under any
 * integer weighting of its items (all ones for the value, bootstrap counts for a resample) without
 * going back to the raw ratings. Not thread-safe: one instance per call.
 */
abstract class ItemContributions {
  final int items;
  final int annotators;
  final int units;
  private final Optional<UndefinedReason> degenerate;

  ItemContributions(int items, int annotators, int units, Optional<UndefinedReason> degenerate) {
    this.items = items;
    this.annotators = annotators;
    this.units = units;
    this.degenerate = degenerate;
  }

  static ItemContributions of(AgreementStatistic statistic, RatingTable table) {
    if (statistic instanceof AgreementStatistic.KrippendorffAlpha alpha) {
      return new AlphaContributions(table, alpha.level());
    }
    if (statistic instanceof AgreementStatistic.FleissKappa) {
      return new ItemAgreementContributions(table, true);
    }
    if (statistic instanceof AgreementStatistic.PercentAgreement) {
      return new ItemAgreementContributions(table, false);
    }
    if (statistic instanceof AgreementStatistic.CohenKappa cohen) {
      return new CohenContributions(table, cohen.weights());
    }
    throw new IllegalStateException("no implementation for " + statistic);
  }

  /** Resampling units: the items the statistic uses. */
  final int units() {
    return units;
  }

  final AgreementResult evaluateAll() {
    int[] ones = new int[units];
    java.util.Arrays.fill(ones, 1);
    return evaluate(ones);
  }

  /** The statistic with unit {@code u} counted {@code weights[u]} times. */
  final AgreementResult evaluate(int[] weights) {
    if (degenerate.isPresent()) {
      return AgreementResult.undefined(degenerate.get(), items, units, annotators);
    }
    double value = value(weights);
    if (Double.isNaN(value)) {
      return AgreementResult.undefined(UndefinedReason.ONE_CATEGORY, items, units, annotators);
    }
    return AgreementResult.defined(value, items, units, annotators);
  }

  /** The statistic under the weights, or NaN (internally only) when there is one category. */
  abstract double value(int[] weights);

  /** The reason a table cannot give a value before any computation, if there is one. */
  static Optional<UndefinedReason> precheck(int ratings, int annotators, int units) {
    if (ratings == 0) {
      return Optional.of(UndefinedReason.EMPTY_INPUT);
    }
    if (annotators < 2) {
      return Optional.of(UndefinedReason.ONE_ANNOTATOR);
    }
    if (units == 0) {
      return Optional.of(UndefinedReason.NO_PAIRABLE_ITEMS);
    }
    return Optional.empty();
  }

  static int ratedItems(RatingTable table) {
    int rated = 0;
    for (int item = 0; item < table.itemCount(); item++) {
      for (int annotator = 0; annotator < table.annotatorCount(); annotator++) {
        if (table.category(item, annotator) != RatingTable.MISSING) {
          rated++;
          break;
        }
      }
    }
    return rated;
  }

  static int activeAnnotators(RatingTable table) {
    int active = 0;
    for (int annotator = 0; annotator < table.annotatorCount(); annotator++) {
      for (int item = 0; item < table.itemCount(); item++) {
        if (table.category(item, annotator) != RatingTable.MISSING) {
          active++;
          break;
        }
      }
    }
    return active;
  }

  static void requireOrdered(RatingTable table, String what) {
    if (!table.isOrdered()) {
      throw new EngineException(
          what
              + " needs ordered labels, but labels "
              + table.categoryLabels()
              + " have no order: use numeric labels or give the rubric scale's order");
    }
  }
}
