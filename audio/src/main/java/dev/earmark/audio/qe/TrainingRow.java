package dev.earmark.audio.qe;

import dev.earmark.audio.features.FeatureSchema;
import java.util.List;
import java.util.Objects;

/**
 * One clip the QE model learns from: its id, its features in {@link FeatureSchema#NAMES} order (as
 * {@link dev.earmark.audio.features.AcousticFeatures#vector()} gives them) and the WER its ASR
 * hypothesis actually had against the final reference.
 *
 * <p>{@code group} (may be null) keeps related clips together in cross-validation: rows of one
 * group always fall in the same fold. A corpus where a speaker or a sentence recurs gives each clip
 * a group such that no speaker and no sentence spans two groups, so out-of-fold figures are
 * measured on speakers and sentences the fold's model never heard. Without groups, clips are dealt
 * into folds one by one.
 */
public record TrainingRow(String clipId, List<Double> features, double targetWer, String group) {
  /** A row without a group. */
  public TrainingRow(String clipId, List<Double> features, double targetWer) {
    this(clipId, features, targetWer, null);
  }

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

  /** This row in cross-validation group {@code newGroup}. */
  public TrainingRow withGroup(String newGroup) {
    return new TrainingRow(clipId, features, targetWer, newGroup);
  }
}
