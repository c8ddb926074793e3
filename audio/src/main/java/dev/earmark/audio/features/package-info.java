/**
 * Acoustic features for quality estimation: {@link dev.earmark.audio.features.FeatureExtractor}
 * measures a clip in one streaming pass into {@link dev.earmark.audio.features.AcousticFeatures},
 * whose order and meaning are fixed by {@link dev.earmark.audio.features.FeatureSchema} (exact
 * definitions in docs/audio-features.md). Import, the workbench and QE training all use this one
 * code path, so there is no training/serving skew. The package-private {@code PitchTrack} measures
 * each frame's pitch, on an anti-alias-filtered, decimated signal above 16 kHz so that a 48 kHz
 * recording and its 16 kHz rendering read the same pitch.
 */
package dev.earmark.audio.features;
