package dev.earmark.app.gui.qe;

import dev.earmark.audio.qe.CalibrationBin;
import dev.earmark.audio.qe.FeatureContribution;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A clip's QE hint ready to show: the prediction, the review flag, its threshold and where that
 * came from (the model's calibration or the project's setting), the model's calibration bin for the
 * prediction (empty when the model is not stored in the project), and the top contributing
 * features, largest first. Immutable.
 */
public record QeHintSummary(
    String modelId,
    double predictedWer,
    boolean reviewRecommended,
    double reviewThreshold,
    String reviewThresholdSource,
    Optional<CalibrationBin> calibration,
    List<FeatureContribution> topFeatures) {
  public QeHintSummary {
    topFeatures = List.copyOf(topFeatures);
  }

  /** "predicted WER 0.34". */
  public String predictionLine() {
    return String.format(Locale.ROOT, "predicted WER %.2f", predictedWer);
  }

  /**
   * "review recommended (≥ 0.50, from the model's calibration: 90% precision at WER > 0.2)" or "no
   * review needed (< 0.30, the project's qe.review_threshold setting)".
   */
  public String flagLine() {
    return reviewRecommended
        ? String.format(
            Locale.ROOT, "review recommended (≥ %.2f, %s)", reviewThreshold, reviewThresholdSource)
        : String.format(
            Locale.ROOT, "no review needed (< %.2f, %s)", reviewThreshold, reviewThresholdSource);
  }

  /**
   * "calibration: predictions 0.25–0.41 had observed WER 0.37 (n=12)", or a sentence saying the
   * calibration is unknown.
   */
  public String calibrationLine() {
    return calibration
        .map(
            bin ->
                String.format(
                    Locale.ROOT,
                    "calibration: predictions %.2f–%.2f had observed WER %.2f (n=%d)",
                    bin.predictedLow(),
                    bin.predictedHigh(),
                    bin.meanObservedWer(),
                    bin.clips()))
        .orElse("calibration unknown: model " + modelId + " is not stored in the project");
  }

  /** "speech_ratio +0.12 · snr_db −0.05", largest first. */
  public String featuresLine() {
    if (topFeatures.isEmpty()) {
      return "no feature contributions recorded";
    }
    StringBuilder line = new StringBuilder();
    for (FeatureContribution feature : topFeatures) {
      if (line.length() > 0) {
        line.append(" · ");
      }
      line.append(feature.feature())
          .append(' ')
          .append(String.format(Locale.ROOT, "%+.2f", feature.contribution()).replace('-', '−'));
    }
    return line.toString();
  }
}
