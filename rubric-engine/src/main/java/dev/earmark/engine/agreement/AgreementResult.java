package dev.earmark.engine.agreement;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The value of one agreement statistic on some data, or the reason it has none. Exactly one of
 * {@link #value()} and {@link #undefinedReason()} is present; a present value is always finite.
 * Immutable and thread-safe.
 *
 * @param value the statistic, when defined
 * @param undefinedReason why there is no value, when there is none
 * @param items items with at least one rating
 * @param pairableItems items the statistic used (rated by two or more annotators, or by both
 *     annotators for Cohen's kappa)
 * @param annotators annotators with at least one rating
 */
public record AgreementResult(
    OptionalDouble value,
    Optional<UndefinedReason> undefinedReason,
    int items,
    int pairableItems,
    int annotators) {
  public AgreementResult {
    if (value.isPresent() == undefinedReason.isPresent()) {
      throw new IllegalArgumentException("exactly one of value and undefinedReason must be given");
    }
    if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
      throw new IllegalArgumentException("an agreement value must be finite: " + value);
    }
  }

  static AgreementResult defined(double value, int items, int pairableItems, int annotators) {
    return new AgreementResult(
        OptionalDouble.of(value), Optional.empty(), items, pairableItems, annotators);
  }

  static AgreementResult undefined(
      UndefinedReason reason, int items, int pairableItems, int annotators) {
    return new AgreementResult(
        OptionalDouble.empty(), Optional.of(reason), items, pairableItems, annotators);
  }

  /** True when the statistic has a value. */
  public boolean isDefined() {
    return value.isPresent();
  }
}
