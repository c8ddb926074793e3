package dev.earmark.engine.release;

import java.util.Locale;

/** The split a clip is assigned to. Dev and test are both evaluation splits. */
public enum Split {
  TRAIN,
  DEV,
  TEST;

  /** True for the splits a model is evaluated on, which must never share data with train. */
  public boolean isEvaluation() {
    return this != TRAIN;
  }

  /** Lower-case name, as written in manifests. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
