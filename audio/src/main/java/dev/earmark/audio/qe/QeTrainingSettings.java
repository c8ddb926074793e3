package dev.earmark.audio.qe;

/**
 * Everything that decides how a QE model is trained and whether it is accepted. These are project
 * settings passed in by the caller; {@link #defaults()} gives the documented starting values
 * (docs/qe.md), it is not a hidden constant.
 *
 * @param rhoGate the lowest cross-validated Spearman rho at which a model is accepted
 * @param folds k of k-fold cross-validation (at least 2)
 * @param minUsableClips fewer clips than this is refused as too little data
 * @param seed seeds the fold assignment and XGBoost, so training is repeatable
 * @param rounds boosting rounds
 * @param maxDepth maximum tree depth
 * @param learningRate XGBoost {@code eta}
 * @param minChildWeight XGBoost {@code min_child_weight}
 * @param calibrationBins equal-count bins of the calibration table
 * @param driftBins quantile bins per feature for the drift (PSI) baseline
 */
public record QeTrainingSettings(
    double rhoGate,
    int folds,
    int minUsableClips,
    long seed,
    int rounds,
    int maxDepth,
    double learningRate,
    double minChildWeight,
    int calibrationBins,
    int driftBins) {

  public QeTrainingSettings {
    require(rhoGate >= -1 && rhoGate <= 1, "rho gate must be within [-1, 1], got " + rhoGate);
    require(folds >= 2, "k folds must be at least 2, got " + folds);
    require(minUsableClips >= folds, "min usable clips must be at least k folds (" + folds + ")");
    require(rounds >= 1, "rounds must be at least 1, got " + rounds);
    require(maxDepth >= 1, "max depth must be at least 1, got " + maxDepth);
    require(learningRate > 0 && learningRate <= 1, "learning rate must be in (0, 1]");
    require(minChildWeight >= 0, "min child weight must be >= 0");
    require(calibrationBins >= 1, "calibration bins must be at least 1");
    require(driftBins >= 2, "drift bins must be at least 2");
  }

  /** Rho gate 0.4, 5 folds, 30 clips minimum, seed 17, 200 rounds of depth-3 trees at eta 0.05. */
  public static QeTrainingSettings defaults() {
    return new QeTrainingSettings(0.4, 5, 30, 17L, 200, 3, 0.05, 1.0, 5, 10);
  }

  public QeTrainingSettings withRhoGate(double gate) {
    return new QeTrainingSettings(
        gate,
        folds,
        minUsableClips,
        seed,
        rounds,
        maxDepth,
        learningRate,
        minChildWeight,
        calibrationBins,
        driftBins);
  }

  public QeTrainingSettings withFolds(int k) {
    return new QeTrainingSettings(
        rhoGate,
        k,
        minUsableClips,
        seed,
        rounds,
        maxDepth,
        learningRate,
        minChildWeight,
        calibrationBins,
        driftBins);
  }

  public QeTrainingSettings withMinUsableClips(int minimum) {
    return new QeTrainingSettings(
        rhoGate,
        folds,
        minimum,
        seed,
        rounds,
        maxDepth,
        learningRate,
        minChildWeight,
        calibrationBins,
        driftBins);
  }

  public QeTrainingSettings withSeed(long newSeed) {
    return new QeTrainingSettings(
        rhoGate,
        folds,
        minUsableClips,
        newSeed,
        rounds,
        maxDepth,
        learningRate,
        minChildWeight,
        calibrationBins,
        driftBins);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new QeModelException("QE training settings: " + message + ".");
    }
  }
}
