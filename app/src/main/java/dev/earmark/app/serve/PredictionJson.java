package dev.earmark.app.serve;

import dev.earmark.audio.qe.FeatureContribution;
import dev.earmark.audio.qe.QeModelMetadata;
import dev.earmark.audio.qe.QePrediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one prediction as the service answers it and as {@code earmark qe predict --batch}
 * writes it (one JSONL line), so a pipeline reads both the same way.
 */
public final class PredictionJson {
  private PredictionJson() {}

  /**
   * predicted_wer, review_recommended, review_threshold, calibrated_observed_wer, top_features
   * (feature, value, contribution), model_id, model_passed_gate, feature_schema_version.
   */
  public static Map<String, Object> of(QePrediction prediction, QeModelMetadata model) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("predicted_wer", prediction.predictedWer());
    body.put("review_recommended", prediction.reviewRecommended());
    body.put("review_threshold", prediction.reviewThreshold());
    body.put("calibrated_observed_wer", prediction.calibration().meanObservedWer());
    body.put("top_features", topFeatures(prediction.topFeatures()));
    body.put("model_id", model.modelId());
    body.put("model_passed_gate", model.passedGate());
    body.put("feature_schema_version", model.featureSchemaVersion());
    return body;
  }

  /** Each contribution as {@code {"feature", "value", "contribution"}}, in the order given. */
  public static List<Map<String, Object>> topFeatures(List<FeatureContribution> contributions) {
    List<Map<String, Object>> top = new ArrayList<>();
    for (FeatureContribution contribution : contributions) {
      Map<String, Object> feature = new LinkedHashMap<>();
      feature.put("feature", contribution.feature());
      feature.put("value", contribution.value());
      feature.put("contribution", contribution.contribution());
      top.add(feature);
    }
    return top;
  }
}
