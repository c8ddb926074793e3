package dev.earmark.audio.qe;

/**
 * What training produced. Refusals are ordinary outcomes, not exceptions: the caller shows their
 * figures and exits with "data failed a check".
 */
public sealed interface TrainingOutcome {
  /** The model reached the rho gate. */
  record Accepted(QeModel model) implements TrainingOutcome {}

  /**
   * Cross-validated rho was below the gate (or undefined). {@code candidate} is the model that
   * would have been used, marked {@code passedGate = false}; it may be saved for inspection but
   * must not be used for hints as if accepted.
   */
  record BelowGate(QeMetrics metrics, double rhoGate, QeModel candidate)
      implements TrainingOutcome {}

  /** Fewer usable clips than the minimum; nothing was trained. */
  record TooFewClips(int usableClips, int minimumClips) implements TrainingOutcome {}
}
