package dev.earmark.storage.agreement;

import dev.earmark.engine.agreement.AgreementResult;
import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.agreement.UndefinedReason;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One statistic on one field as the dashboard shows it: the engine's value, or the reason it has
 * none (the engine's reason for degenerate data, or why the statistic does not apply to the field).
 * Immutable.
 *
 * @param name the statistic's name, e.g. "Krippendorff's alpha (ordinal)"
 * @param value the value, when there is one
 * @param reason why there is no value, when there is none
 * @param interval the bootstrap 95% interval, when computed and defined
 * @param items items with at least one rating
 * @param pairableItems items the statistic used
 * @param annotators annotators with at least one rating
 */
public record Measure(
    String name,
    OptionalDouble value,
    Optional<String> reason,
    Optional<ConfidenceInterval> interval,
    int items,
    int pairableItems,
    int annotators) {

  /** The engine's result, with an interval when one was computed. */
  public static Measure of(
      String name, AgreementResult result, Optional<ConfidenceInterval> interval) {
    return new Measure(
        name,
        result.value(),
        result.undefinedReason().map(UndefinedReason::explanation),
        interval,
        result.items(),
        result.pairableItems(),
        result.annotators());
  }

  /** A statistic that does not apply to a field, with the sentence saying why. */
  public static Measure notApplicable(String name, String why) {
    return new Measure(name, OptionalDouble.empty(), Optional.of(why), Optional.empty(), 0, 0, 0);
  }

  public boolean isDefined() {
    return value.isPresent();
  }

  /** The value with three decimals, or an em dash. */
  public String text() {
    return value.isPresent() ? format(value.getAsDouble()) : "—";
  }

  public static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
