package dev.earmark.storage.importer;

/**
 * A clip's acoustic features measured while it was imported ({@link Importer#measuringFeatures}),
 * in {@link dev.earmark.audio.features.FeatureSchema} order, or why its audio could not be
 * measured. Exactly one of the two is set. The vector is not copied: treat it as read-only.
 *
 * @param vector the features, as {@link dev.earmark.audio.features.AcousticFeatures#vector()}
 * @param failure the audio module's sentence when the clip could not be measured
 */
public record MeasuredFeatures(double[] vector, String failure) {}
