package dev.earmark.storage.qe;

import java.time.Instant;

/**
 * A stored quality-estimation hint: a model's predicted WER for a clip's ASR hypothesis and its
 * "review recommended" flag at the threshold in force when it was computed.
 *
 * @param topFeaturesJson the features that moved the prediction most, as JSON
 */
public record QeHint(
    long clipId,
    String modelId,
    double predictedWer,
    boolean reviewRecommended,
    double reviewThreshold,
    String topFeaturesJson,
    Instant computedAt) {}
