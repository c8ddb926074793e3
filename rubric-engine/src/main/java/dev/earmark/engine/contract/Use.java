package dev.earmark.engine.contract;

import java.util.Locale;
import java.util.Optional;

/** What a consent scope may allow a clip to be used for. */
public enum Use {
  /** People may listen to the clip and label it. */
  LABELING,
  /** The clip may be used in evaluation reports. */
  EVALUATION,
  /** The clip may be used to train models. */
  TRAINING;

  /** The lower-case word used in contract files. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Use> fromCode(String code) {
    for (Use use : values()) {
      if (use.code().equals(code)) {
        return Optional.of(use);
      }
    }
    return Optional.empty();
  }
}
