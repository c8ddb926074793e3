package dev.earmark.app.gui.listening;

/** The answer of an A/B preference trial. */
public enum Preference {
  A,
  B,
  /** Allowed only when the trial is not forced-choice. */
  NO_PREFERENCE
}
