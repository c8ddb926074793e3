package dev.earmark.storage.label;

import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.StorageException;
import java.time.Duration;

/**
 * What an annotator's form sends with each save: the value, the time spent on the item so far and
 * the share of the clip listened to. Immutable.
 */
public record LabelInput(LabelValue value, Duration timeSpent, double listenedCoverage) {
  public LabelInput {
    if (value == null) {
      throw new StorageException("a label save needs a value");
    }
    if (timeSpent == null || timeSpent.isNegative()) {
      throw new StorageException("the time spent on a label cannot be negative: " + timeSpent);
    }
    if (!(listenedCoverage >= 0 && listenedCoverage <= 1)) {
      throw new StorageException(
          "listened coverage is a share of the clip between 0 and 1, not " + listenedCoverage);
    }
  }
}
