package dev.earmark.engine.release;

import dev.earmark.engine.EngineException;
import java.util.OptionalDouble;

/**
 * How much a slice's metric may regress before the release is flagged: an absolute limit (in the
 * metric's units, e.g. 0.01 = one WER point) and/or a relative one (a share of the old value, e.g.
 * 0.05 = 5%). A slice is over budget when its regression exceeds <em>any</em> limit given; a
 * regression exactly at a limit is within it. Immutable.
 */
public record RegressionBudget(OptionalDouble absolute, OptionalDouble relative) {
  public RegressionBudget {
    if (absolute.isEmpty() && relative.isEmpty()) {
      throw new EngineException("a regression budget needs an absolute or a relative limit");
    }
    check(absolute, "absolute");
    check(relative, "relative");
  }

  /** Only an absolute limit. */
  public static RegressionBudget absolute(double limit) {
    return new RegressionBudget(OptionalDouble.of(limit), OptionalDouble.empty());
  }

  /** Only a relative limit (share of the old value). */
  public static RegressionBudget relative(double share) {
    return new RegressionBudget(OptionalDouble.empty(), OptionalDouble.of(share));
  }

  /** Both limits; exceeding either breaks the budget. */
  public static RegressionBudget of(double absolute, double relativeShare) {
    return new RegressionBudget(OptionalDouble.of(absolute), OptionalDouble.of(relativeShare));
  }

  private static void check(OptionalDouble limit, String name) {
    if (limit.isPresent() && !(limit.getAsDouble() >= 0 && Double.isFinite(limit.getAsDouble()))) {
      throw new EngineException(
          "the "
              + name
              + " regression limit must be a number 0 or above, not "
              + limit.getAsDouble());
    }
  }
}
