package dev.earmark.audio.features;

import java.util.List;

/**
 * The versioned feature schema the QE model is trained on. {@link #NAMES} is the order of {@link
 * AcousticFeatures#vector()}. Any change to a name, its order or its definition (see
 * docs/audio-features.md) bumps {@link #VERSION}; a model trained on another version must be
 * retrained, not reused.
 */
public final class FeatureSchema {
  /** Version of the names, order and definitions below. */
  public static final int VERSION = 2;

  /** Feature names in vector order. */
  public static final List<String> NAMES =
      List.of(
          "duration_s",
          "rms_mean_dbfs",
          "rms_p10_dbfs",
          "rms_p90_dbfs",
          "snr_db",
          "clipping_ratio",
          "silence_ratio",
          "zero_crossing_rate",
          "spectral_centroid_hz",
          "spectral_flatness",
          "spectral_rolloff_hz",
          "high_band_energy_db",
          "narrow_band",
          "f0_median_hz",
          "f0_iqr_hz",
          "voiced_ratio",
          "speech_rate_nuclei_per_s");

  private FeatureSchema() {}
}
