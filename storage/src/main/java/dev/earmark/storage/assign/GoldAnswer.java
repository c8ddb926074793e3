package dev.earmark.storage.assign;

import dev.earmark.engine.rubric.LabelValue;
import java.util.Objects;

/**
 * The known answer of one gold clip, as a gold file gives it. Immutable.
 *
 * @param clipKey the clip's manifest id
 * @param value the answer, already valid under the plan's rubric version
 * @param line the line of the gold file it came from (1-based), so later refusals can name it
 */
public record GoldAnswer(String clipKey, LabelValue value, int line) {
  public GoldAnswer {
    Objects.requireNonNull(clipKey, "clipKey");
    Objects.requireNonNull(value, "value");
  }
}
