package dev.earmark.storage.qe;

import dev.earmark.audio.qe.QePrediction;
import java.util.List;

/**
 * What one QE inference pass over project clips did (after an import, or on demand): the hints it
 * stored, the clips it could not measure, and the drift check. Immutable.
 *
 * @param modelId the model that predicted the hints
 * @param defaultModel true when the project had no current model and the model shipped with Earmark
 *     was used
 * @param modelPassedGate whether that model passed its rho gate (the shipped one did not: its hints
 *     are to be shown as unreliable)
 * @param reviewThreshold the review threshold in force: {@code qe.review_threshold} when the lead
 *     set it, else the model's calibrated one
 * @param reviewThresholdSource where it came from, e.g. "from the model's calibration: 90%
 *     precision at WER > 0.2" or "the project's qe.review_threshold setting"
 * @param hints one stored hint per measured clip, in clip-key order
 * @param failures clips whose audio could not be measured, with the reason; they get no hint
 */
public record QeRun(
    String modelId,
    boolean defaultModel,
    boolean modelPassedGate,
    double reviewThreshold,
    String reviewThresholdSource,
    List<ClipHint> hints,
    List<ClipFailure> failures,
    DriftCheck drift) {
  public QeRun {
    hints = List.copyOf(hints);
    failures = List.copyOf(failures);
  }

  /** A stored hint and the clip it is for. */
  public record ClipHint(long clipId, String datasetId, String clipKey, QePrediction prediction) {}

  /** A clip that got no hint, and why (a plain sentence from the audio module). */
  public record ClipFailure(long clipId, String datasetId, String clipKey, String reason) {}

  /** Whether and how the batch was checked for drift. */
  public sealed interface DriftCheck {
    /** Checked and stored. */
    record Checked(QeDrift drift) implements DriftCheck {}

    /**
     * Not checked: fewer measured clips than {@code qe.drift_min_clips} (PSI over a handful of
     * clips is noise).
     */
    record TooFewClips(int clips, int minimumClips) implements DriftCheck {}

    /** Not asked for (on-demand prediction). */
    record NotRequested() implements DriftCheck {}
  }
}
