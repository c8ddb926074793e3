package dev.earmark.app.gui.qe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.audio.qe.CalibrationBin;
import dev.earmark.audio.qe.FeatureContribution;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHint;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.settings.ProjectSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads QE hints for the acting user through storage's {@link QeHints} (which decides whether they
 * may see them: leads and adjudicators always, annotators only when the lead allows it). The
 * calibration bin comes from the stored model's cross-validated calibration table; a model is
 * loaded once per reader. Blocks: call through the background executor. Thread-safe.
 */
public final class QeHintReader {
  private static final Logger LOG = LoggerFactory.getLogger(QeHintReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Project project;
  private final String userId;
  private final QeHints hints;
  private final Map<String, Optional<QeModel>> models = new ConcurrentHashMap<>();

  public QeHintReader(Project project, String userId) {
    this.project = project;
    this.userId = userId;
    this.hints = new QeHints(project, new ProjectSettings(project));
  }

  /** The newest hint for {@code clipId} the user may see, empty when there is none. */
  public Optional<QeHintSummary> read(long clipId) {
    Optional<QeHint> hint = hints.hint(project.users().actor(userId), clipId);
    if (hint.isEmpty()) {
      return Optional.empty();
    }
    QeHint stored = hint.get();
    Optional<QeModel> model = models.computeIfAbsent(stored.modelId(), this::loadModel);
    // A hint keeps the threshold it was computed at: the model's own when it equals the one the
    // model carries (the project's setting was unset), else the setting a lead chose.
    String source =
        model
            .map(QeModel::metadata)
            .filter(metadata -> metadata.defaultReviewThreshold() == stored.reviewThreshold())
            .map(metadata -> metadata.reviewThresholdSource())
            .orElse("the project's qe.review_threshold setting");
    Optional<CalibrationBin> calibration =
        model
            .map(m -> m.metadata().metrics())
            .filter(metrics -> !metrics.calibration().isEmpty())
            .map(metrics -> metrics.binFor(stored.predictedWer()));
    return Optional.of(
        new QeHintSummary(
            stored.modelId(),
            stored.predictedWer(),
            stored.reviewRecommended(),
            stored.reviewThreshold(),
            source,
            calibration,
            features(stored.topFeaturesJson())));
  }

  private Optional<QeModel> loadModel(String modelId) {
    try {
      return hints.model(modelId);
    } catch (RuntimeException e) {
      // A model this build cannot read still leaves the hint itself worth showing; the log says
      // why its calibration is missing.
      LOG.warn("QE model {} cannot be read; its hints show without calibration", modelId, e);
      return Optional.empty();
    }
  }

  static List<FeatureContribution> features(String json) {
    List<FeatureContribution> features = new ArrayList<>();
    if (json == null || json.isBlank()) {
      return features;
    }
    try {
      for (JsonNode node : JSON.readTree(json)) {
        features.add(
            new FeatureContribution(
                node.path("feature").asText(),
                node.path("value").asDouble(),
                node.path("contribution").asDouble()));
      }
    } catch (JsonProcessingException e) {
      LOG.warn("a QE hint's feature contributions are not JSON; showing none", e);
      return List.of();
    }
    return features;
  }
}
