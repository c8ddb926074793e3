package dev.earmark.audio.qe;

import dev.earmark.audio.features.FeatureSchema;
import java.util.List;
import java.util.Objects;

/**
 * One clip the QE model learns from: its id, its features in {@link FeatureSchema#NAMES} order (as
 * {@link dev.earmark.audio.features.AcousticFeatures#vector()} gives them) and the WER its ASR
 * hypothesis actually had against the final reference.
 */
public record TrainingRow(String clipId, List<Double> features, double targetWer) {
  public TrainingRow {
    Objects.requireNonNull(clipId, "clipId");
    features = List.copyOf(features);
    if (features.size() != FeatureSchema.NAMES.size()) {
      throw new QeModelException(
          "Clip "
              + clipId
              + " has "
              + features.size()
              + " feature values; feature schema v"
              + FeatureSchema.VERSION
              + " has "
              + FeatureSchema.NAMES.size()
              + ".");
    }
    for (int i = 0; i < features.size(); i++) {
      if (!Double.isFinite(features.get(i))) {
        throw new QeModelException(
            "Clip " + clipId + " has a non-finite " + FeatureSchema.NAMES.get(i) + ".");
      }
    }
    if (!Double.isFinite(targetWer) || targetWer < 0) {
      throw new QeModelException(
          "Clip " + clipId + " has target WER " + targetWer + "; it must be a finite number >= 0.");
    }
  }

  /** Convenience for {@code AcousticFeatures.vector()}. */
  public static TrainingRow of(String clipId, double[] features, double targetWer) {
    return new TrainingRow(clipId, Features.toList(features), targetWer);
  }
}
