package dev.earmark.engine.agreement;

import dev.earmark.engine.EngineException;
import java.util.List;

/**
 * How the labels of one rubric field are ordered. Ordinal and interval statistics and weighted
 * kappa depend on the order, and a label's text is never it: {@code "10"} sorts after {@code "2"}.
 */
public sealed interface LabelScale {
  /** Labels are names with no order (nominal data); categories keep the order first seen. */
  static LabelScale unordered() {
    return new Unordered();
  }

  /** Labels are numbers, ordered and spaced by their numeric value ({@code "2" < "10"}). */
  static LabelScale numeric() {
    return new Numeric();
  }

  /**
   * Labels come from a rubric scale, ordered as given (for example {@code bad, poor, fair, good,
   * excellent}); a label outside the scale is an error. Positions, not label text, carry the order.
   */
  static LabelScale ordered(List<String> labelsInOrder) {
    return new Ordered(labelsInOrder);
  }

  /** Names with no order. */
  record Unordered() implements LabelScale {}

  /** Numbers, compared by value. */
  record Numeric() implements LabelScale {}

  /** A rubric scale in the order its author gave. */
  record Ordered(List<String> labels) implements LabelScale {
    public Ordered {
      labels = List.copyOf(labels);
      if (labels.isEmpty()) {
        throw new EngineException("an ordered label scale needs at least one label");
      }
      if (labels.stream().distinct().count() != labels.size()) {
        throw new EngineException("the label scale " + labels + " lists a label twice");
      }
    }
  }
}
