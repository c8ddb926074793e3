package dev.earmark.audio.qe;

/**
 * How much one feature moved a prediction: XGBoost's exact per-tree contribution (TreeSHAP, {@code
 * predictContrib}); the contributions of all features plus the model's bias sum to the raw
 * prediction.
 *
 * @param feature feature name from the schema
 * @param value the clip's value of that feature
 * @param contribution change in predicted WER attributed to it (positive: predicts more errors)
 */
public record FeatureContribution(String feature, double value, double contribution) {}
