package dev.earmark.audio.features;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One clip's acoustic features, schema {@link FeatureSchema#VERSION}. Definitions are in
 * docs/audio-features.md; {@link #vector()} follows {@link FeatureSchema#NAMES}.
 */
public record AcousticFeatures(
    double durationSeconds,
    double rmsMeanDbfs,
    double rmsP10Dbfs,
    double rmsP90Dbfs,
    double snrDb,
    double clippingRatio,
    double silenceRatio,
    double zeroCrossingRate,
    double spectralCentroidHz,
    double spectralFlatness,
    double spectralRolloffHz,
    double highBandEnergyDb,
    boolean narrowBand,
    double f0MedianHz,
    double f0IqrHz,
    double voicedRatio,
    double speechRateNucleiPerSecond) {

  /** Values in {@link FeatureSchema#NAMES} order (booleans as 0/1). */
  public double[] vector() {
    return new double[] {
      durationSeconds,
      rmsMeanDbfs,
      rmsP10Dbfs,
      rmsP90Dbfs,
      snrDb,
      clippingRatio,
      silenceRatio,
      zeroCrossingRate,
      spectralCentroidHz,
      spectralFlatness,
      spectralRolloffHz,
      highBandEnergyDb,
      narrowBand ? 1 : 0,
      f0MedianHz,
      f0IqrHz,
      voicedRatio,
      speechRateNucleiPerSecond
    };
  }

  /** Name to value, in schema order. */
  public Map<String, Double> asMap() {
    double[] values = vector();
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(FeatureSchema.NAMES.get(i), values[i]);
    }
    return map;
  }
}
