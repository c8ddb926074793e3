package dev.earmark.audio.qe;

/**
 * One row of the calibration table: out-of-fold predictions in {@code [predictedLow,
 * predictedHigh]}, how many clips, and the mean predicted and mean observed WER among them. Reading
 * down the table says what a predicted WER has meant in observed WER for this model.
 */
public record CalibrationBin(
    double predictedLow,
    double predictedHigh,
    int clips,
    double meanPredictedWer,
    double meanObservedWer) {}
