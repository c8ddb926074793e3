package dev.earmark.engine.release;

import dev.earmark.engine.EngineException;

/** What data may be used for, as a dataset contract's allowed uses and consent scopes say. */
public enum DataUse {
  LABELING("labeling"),
  EVALUATION("evaluation"),
  TRAINING("training");

  private final String id;

  DataUse(String id) {
    this.id = id;
  }

  /** The written form, as in dataset contracts. */
  public String id() {
    return id;
  }

  /** Parses the written form. */
  public static DataUse fromId(String id) {
    for (DataUse use : values()) {
      if (use.id.equals(id)) {
        return use;
      }
    }
    throw new EngineException(
        "'" + id + "' is not a data use: use labeling, evaluation or training");
  }
}
