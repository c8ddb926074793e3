package dev.earmark.audio.qe;

import java.util.List;

/**
 * Cross-validated figures of a QE model: every clip is predicted by a model that did not see it.
 *
 * @param clips clips used
 * @param folds k of the cross-validation
 * @param spearmanRho Spearman's rho of predicted vs observed WER; {@code NaN} if undefined (the
 *     predictions or targets were constant)
 * @param meanAbsoluteError mean |predicted − observed| WER
 * @param calibration equal-count bins of out-of-fold predictions, lowest first
 */
public record QeMetrics(
    int clips,
    int folds,
    double spearmanRho,
    double meanAbsoluteError,
    List<CalibrationBin> calibration) {
  public QeMetrics {
    calibration = List.copyOf(calibration);
  }

  /**
   * The calibration bin a predicted WER falls in (the nearest bin if it lies between or outside
   * them): the observed WER that predictions like it had in cross-validation.
   */
  public CalibrationBin binFor(double predictedWer) {
    CalibrationBin nearest = calibration.get(0);
    double nearestDistance = Double.POSITIVE_INFINITY;
    for (CalibrationBin bin : calibration) {
      double distance =
          predictedWer < bin.predictedLow()
              ? bin.predictedLow() - predictedWer
              : Math.max(0, predictedWer - bin.predictedHigh());
      if (distance < nearestDistance) {
        nearest = bin;
        nearestDistance = distance;
      }
    }
    return nearest;
  }
}
