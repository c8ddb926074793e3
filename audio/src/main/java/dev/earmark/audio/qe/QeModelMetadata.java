package dev.earmark.audio.qe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A QE model's lineage and figures, saved next to the XGBoost bytes in the model file.
 *
 * @param formatVersion version of the model file layout ({@link QeModelFile#FORMAT_VERSION})
 * @param modelId content-derived id: the same training clips, target, schema and settings give the
 *     same id, whenever trained
 * @param createdAt when it was trained (from the clock passed to the trainer)
 * @param featureSchemaVersion {@link dev.earmark.audio.features.FeatureSchema#VERSION} at training
 * @param featureNames feature names in the order the model reads them
 * @param trainingClipIdsSha256 SHA-256 (hex) of the sorted training clip ids, one per line
 * @param target what the target was, e.g. "WER of the ASR hypothesis, normalization en-asr@1"
 * @param settings the training settings, gate included
 * @param metrics cross-validated figures
 * @param passedGate whether cross-validated rho reached the gate; a model that did not is only ever
 *     saved as a marked candidate, never used as if accepted
 * @param featureBaselines drift baseline per feature, schema order
 * @param predictionBaseline drift baseline of the model's predictions on its training clips
 * @param review the review threshold its calibration supports; null when none reached the target
 *     precision, or the file predates model format 2 (then {@link
 *     ReviewCalibration#FALLBACK_THRESHOLD} applies)
 */
public record QeModelMetadata(
    int formatVersion,
    String modelId,
    Instant createdAt,
    int featureSchemaVersion,
    List<String> featureNames,
    String trainingClipIdsSha256,
    String target,
    QeTrainingSettings settings,
    QeMetrics metrics,
    boolean passedGate,
    List<FeatureBins> featureBaselines,
    FeatureBins predictionBaseline,
    ReviewCalibration review) {
  public QeModelMetadata {
    featureNames = List.copyOf(featureNames);
    featureBaselines = List.copyOf(featureBaselines);
  }

  /** The calibrated review threshold, if the model carries one. */
  public Optional<ReviewCalibration> reviewCalibration() {
    return Optional.ofNullable(review);
  }

  /**
   * The review threshold to use when nobody set one: the calibrated one, else {@link
   * ReviewCalibration#FALLBACK_THRESHOLD}.
   */
  public double defaultReviewThreshold() {
    return review == null ? ReviewCalibration.FALLBACK_THRESHOLD : review.threshold();
  }

  /**
   * Where {@link #defaultReviewThreshold()} comes from, for hint text: "from the model's
   * calibration: 90% precision at WER > 0.2", or why it is the fallback.
   */
  public String reviewThresholdSource() {
    if (review != null) {
      return "from the model's calibration: " + review.describe();
    }
    return formatVersion < 2
        ? "the fallback: the model file predates calibrated thresholds; retrain it with earmark qe"
            + " train"
        : "the fallback: the model's calibration reached no threshold at its target precision";
  }
}
