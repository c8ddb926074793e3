package dev.earmark.audio.qe;

import java.util.List;

/**
 * A QE hint for one clip.
 *
 * @param predictedWer predicted WER of the clip's ASR hypothesis (never below 0)
 * @param reviewRecommended predicted WER is at or above the review threshold that was passed in
 * @param reviewThreshold the threshold used
 * @param calibration the calibration bin the prediction falls in: the observed WER that similar
 *     predictions had in cross-validation
 * @param topFeatures the features with the largest absolute contributions, largest first
 */
public record QePrediction(
    double predictedWer,
    boolean reviewRecommended,
    double reviewThreshold,
    CalibrationBin calibration,
    List<FeatureContribution> topFeatures) {
  public QePrediction {
    topFeatures = List.copyOf(topFeatures);
  }
}
