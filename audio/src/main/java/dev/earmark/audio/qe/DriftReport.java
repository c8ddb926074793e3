package dev.earmark.audio.qe;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Population stability of a new batch against a model's training data: PSI per feature and for the
 * predicted WER, and whether any exceeds the warning threshold (a setting, passed in).
 *
 * @param batchSize clips in the new batch
 * @param features one PSI per feature, in schema order
 * @param predictedWer PSI of the model's predictions on the batch against its predictions on the
 *     training clips
 * @param warningThreshold PSI above which a warning is raised (0.2 by default in docs/qe.md)
 */
public record DriftReport(
    int batchSize, List<Drift> features, Drift predictedWer, double warningThreshold) {
  public DriftReport {
    features = List.copyOf(features);
  }

  /** One distribution's PSI and whether it exceeds the threshold. */
  public record Drift(String name, double psi, boolean exceeds) {}

  /** True when any feature or the predicted WER has PSI above the threshold. */
  public boolean warning() {
    return predictedWer.exceeds() || features.stream().anyMatch(Drift::exceeds);
  }

  /** The largest shift, predicted WER included. */
  public Optional<Drift> largest() {
    return java.util.stream.Stream.concat(
            features.stream(), java.util.stream.Stream.of(predictedWer))
        .max(Comparator.comparingDouble(Drift::psi));
  }
}
