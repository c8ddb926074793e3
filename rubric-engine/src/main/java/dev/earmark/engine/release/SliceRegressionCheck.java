package dev.earmark.engine.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a metric slice by slice between an old and a new model (or label set) against a {@link
 * RegressionBudget}. A slice present on only one side, or with a value that is not a finite number,
 * is a schema error reported as such: it is never read as zero, because a silently missing slice is
 * exactly how a regression slips through a release review. Thread-safe (stateless).
 */
public final class SliceRegressionCheck {
  /** Regressions smaller than this are floating-point noise, not a breach. */
  private static final double TOLERANCE = 1e-12;

  private SliceRegressionCheck() {}

  /** The outcome for one slice. */
  public sealed interface SliceOutcome {
    String slice();
  }

  /** The slice did not regress beyond the budget (it may have improved). */
  public record WithinBudget(String slice, double before, double after, double regression)
      implements SliceOutcome {}

  /**
   * The slice regressed beyond the budget.
   *
   * @param regression how much worse, in the metric's units (always positive)
   * @param relativeRegression regression as a share of the old value; infinite when the old value
   *     was 0
   * @param reason a sentence naming the slice, the values and the limit broken
   */
  public record OverBudget(
      String slice,
      double before,
      double after,
      double regression,
      double relativeRegression,
      String reason)
      implements SliceOutcome {}

  /** The slice cannot be compared: missing on one side or not a finite number. */
  public record SchemaError(String slice, String reason) implements SliceOutcome {}

  /** Every slice's outcome, ordered by slice name. */
  public record Report(String metric, List<SliceOutcome> outcomes) {
    public Report {
      outcomes = List.copyOf(outcomes);
    }

    /** Slices beyond the budget. */
    public List<OverBudget> overBudget() {
      return outcomes.stream()
          .filter(OverBudget.class::isInstance)
          .map(OverBudget.class::cast)
          .toList();
    }

    /** Slices that could not be compared. */
    public List<SchemaError> schemaErrors() {
      return outcomes.stream()
          .filter(SchemaError.class::isInstance)
          .map(SchemaError.class::cast)
          .toList();
    }

    /** True when no slice is over budget and every slice could be compared. */
    public boolean passed() {
      return overBudget().isEmpty() && schemaErrors().isEmpty();
    }
  }

  /**
   * Checks every slice named on either side.
   *
   * @param metric the metric's name, for reasons (e.g. {@code wer})
   * @param before old values by slice
   * @param after new values by slice
   */
  public static Report check(
      String metric,
      MetricDirection direction,
      RegressionBudget budget,
      Map<String, Double> before,
      Map<String, Double> after) {
    TreeSet<String> slices = new TreeSet<>(before.keySet());
    slices.addAll(after.keySet());
    List<SliceOutcome> outcomes = new ArrayList<>();
    for (String slice : slices) {
      Double old = before.get(slice);
      Double now = after.get(slice);
      if (old == null || now == null) {
        outcomes.add(
            new SchemaError(
                slice,
                "slice "
                    + slice
                    + " has a "
                    + metric
                    + " value only in the "
                    + (old == null ? "new" : "old")
                    + " results; a missing slice is not zero, so add it to both sides or drop it"
                    + " from both"));
        continue;
      }
      if (!Double.isFinite(old) || !Double.isFinite(now)) {
        outcomes.add(
            new SchemaError(
                slice,
                "slice "
                    + slice
                    + " has a "
                    + metric
                    + " value that is not a number ("
                    + old
                    + " → "
                    + now
                    + ")"));
        continue;
      }
      double regression = direction.regression(old, now);
      double relative =
          old == 0
              ? (regression > TOLERANCE ? Double.POSITIVE_INFINITY : 0)
              : regression / Math.abs(old);
      List<String> broken = new ArrayList<>();
      if (budget.absolute().isPresent()
          && regression > budget.absolute().getAsDouble() + TOLERANCE) {
        broken.add("absolute limit " + format(budget.absolute().getAsDouble()));
      }
      if (budget.relative().isPresent() && relative > budget.relative().getAsDouble() + TOLERANCE) {
        broken.add("relative limit " + percent(budget.relative().getAsDouble()));
      }
      if (broken.isEmpty()) {
        outcomes.add(new WithinBudget(slice, old, now, regression));
      } else {
        outcomes.add(
            new OverBudget(
                slice,
                old,
                now,
                regression,
                relative,
                "slice "
                    + slice
                    + ": "
                    + metric
                    + " went from "
                    + format(old)
                    + " to "
                    + format(now)
                    + " (worse by "
                    + format(regression)
                    + ", "
                    + percent(relative)
                    + "), beyond the "
                    + String.join(" and the ", broken)));
      }
    }
    return new Report(metric, outcomes);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String percent(double share) {
    return Double.isInfinite(share)
        ? "from zero"
        : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
