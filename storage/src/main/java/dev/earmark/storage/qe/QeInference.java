package dev.earmark.storage.qe;

import dev.earmark.audio.AudioException;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.DriftReport;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QePrediction;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.MeasuredFeatures;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Predicts QE hints for project clips with the project's current model (or, while it has none, the
 * model shipped with Earmark) and stores them: after an import for the clips it brought in, with a
 * drift check of those clips against the model's training data, and on demand. Features come from
 * {@link FeatureExtractor}, the one code path training uses. A clip whose audio cannot be measured
 * is reported and skipped; it never fails the pass. Lead only (hints and drift checks are lead
 * writes). Stateless apart from the project; thread-safe as far as the project is.
 */
public final class QeInference {
  /** Contributing features stored with each hint. */
  public static final int TOP_FEATURES = 3;

  private final Project project;
  private final ProjectSettings settings;
  private final QeHints hints;

  public QeInference(Project project, ProjectSettings settings, QeHints hints) {
    this.project = project;
    this.settings = settings;
    this.hints = hints;
  }

  /**
   * Hints for the active clips with a hypothesis of the import's dataset that have no hint yet (the
   * ones this import brought in, and those of an interrupted earlier run), then the drift of those
   * clips against the model's training data, stored for the workbench unless fewer than {@code
   * qe.drift_min_clips} clips were measured.
   *
   * @throws dev.earmark.audio.qe.QeModelException when no model can be loaded (the import itself
   *     has succeeded; the caller reports it)
   */
  public QeRun afterImport(Actor actor, ImportReport report) {
    return afterImport(actor, report, Map.of());
  }

  /**
   * As {@link #afterImport(Actor, ImportReport)}, taking the features of the clips the import
   * measured already ({@link dev.earmark.storage.importer.Importer#measuringFeatures}, by manifest
   * clip id); the other clips without a hint are measured here. The hints are the same either way:
   * the same extractor measured the same files.
   *
   * @throws dev.earmark.audio.qe.QeModelException when no model can be loaded
   */
  public QeRun afterImport(
      Actor actor, ImportReport report, Map<String, MeasuredFeatures> measuredByImport) {
    Access.require(project, actor, "compute QE hints", Role.LEAD);
    return run(actor, unhinted(report.datasetId()), report.runId(), measuredByImport);
  }

  /**
   * Hints for the active clips with a hypothesis of {@code datasetId} that have no hint yet,
   * without a drift check (the demo builder uses it: its clips are the shipped model's own training
   * data). Finds nothing, and writes nothing, once every such clip has a hint.
   *
   * @throws dev.earmark.audio.qe.QeModelException when no model can be loaded
   */
  public QeRun hintDataset(Actor actor, String datasetId) {
    Access.require(project, actor, "compute QE hints", Role.LEAD);
    return run(actor, unhinted(datasetId), null, Map.of());
  }

  private List<ClipRow> unhinted(String datasetId) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT id, dataset_id, clip_key, audio_path FROM clips c"
                            + " WHERE dataset_id = :dataset AND status = 'active'"
                            + " AND hypothesis IS NOT NULL AND hypothesis <> ''"
                            + " AND NOT EXISTS (SELECT 1 FROM qe_hints h"
                            + " WHERE h.clip_id = c.id) ORDER BY clip_key")
                    .bind("dataset", datasetId)
                    .map(ClipRow::of)
                    .list());
  }

  /**
   * Hints for the named clips (manifest ids, in any dataset), or for every active clip with a
   * hypothesis when {@code clipKeys} is empty. No drift check.
   *
   * @throws StorageException naming a clip id that is not an active clip with a hypothesis
   * @throws dev.earmark.audio.qe.QeModelException when no model can be loaded
   */
  public QeRun predict(Actor actor, Collection<String> clipKeys) {
    Access.require(project, actor, "compute QE hints", Role.LEAD);
    List<ClipRow> all =
        project
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT id, dataset_id, clip_key, audio_path FROM clips"
                                + " WHERE status = 'active' AND hypothesis IS NOT NULL"
                                + " AND hypothesis <> '' ORDER BY dataset_id, clip_key")
                        .map(ClipRow::of)
                        .list());
    List<ClipRow> chosen = all;
    if (!clipKeys.isEmpty()) {
      Set<String> wanted = new LinkedHashSet<>(clipKeys);
      chosen = all.stream().filter(clip -> wanted.contains(clip.key())).toList();
      Set<String> found = new LinkedHashSet<>();
      chosen.forEach(clip -> found.add(clip.key()));
      for (String key : wanted) {
        if (!found.contains(key)) {
          throw new StorageException(
              "Clip "
                  + key
                  + " is not an active clip with an ASR hypothesis in this project; check the id"
                  + " (the manifest's id).");
        }
      }
    }
    return run(actor, chosen, null, Map.of());
  }

  /** A review threshold and where it came from, for hint text. */
  public record ReviewThreshold(double value, String source) {}

  /**
   * The review threshold hints from {@code model} use: the project's {@code qe.review_threshold}
   * when a lead set it, else the threshold the model's calibration supports (0.3 for a model file
   * that carries none).
   */
  public ReviewThreshold reviewThreshold(QeModel model) {
    return settings
        .get(Setting.QE_REVIEW_THRESHOLD.key())
        .map(
            value ->
                new ReviewThreshold(
                    Double.parseDouble(value),
                    "the project's " + Setting.QE_REVIEW_THRESHOLD.key() + " setting"))
        .orElseGet(
            () ->
                new ReviewThreshold(
                    model.metadata().defaultReviewThreshold(),
                    model.metadata().reviewThresholdSource()));
  }

  /** The model hints come from: the project's current model, else the shipped default. */
  public QeModel modelInUse() {
    return hints.currentModel().orElseGet(QeModel::loadDefault);
  }

  private QeRun run(
      Actor actor,
      List<ClipRow> clips,
      Long importRunId,
      Map<String, MeasuredFeatures> measuredByImport) {
    java.util.Optional<QeModel> current = hints.currentModel();
    boolean defaultModel = current.isEmpty();
    QeModel model = current.orElseGet(QeModel::loadDefault);
    String modelId = model.metadata().modelId();
    ReviewThreshold threshold = reviewThreshold(model);
    List<QeRun.ClipHint> clipHints = new ArrayList<>();
    List<QeRun.ClipFailure> failures = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    Map<Long, QePrediction> predictions = new LinkedHashMap<>();
    // Decoding and measuring dominate (docs/BENCHMARKS.md, QE on import): clips are measured in
    // parallel like the importer's audio checks (or were measured by the import itself); the
    // booster then predicts them in order, many clips per call.
    List<Measured> measured =
        clips.parallelStream()
            .map(
                clip -> {
                  MeasuredFeatures known = measuredByImport.get(clip.key());
                  return known == null
                      ? measure(clip)
                      : new Measured(clip, known.vector(), known.failure());
                })
            .toList();
    List<ClipRow> predicted = new ArrayList<>();
    for (Measured clip : measured) {
      if (clip.failure() != null) {
        failures.add(
            new QeRun.ClipFailure(
                clip.row().id(), clip.row().datasetId(), clip.row().key(), clip.failure()));
        continue;
      }
      vectors.add(clip.features());
      predicted.add(clip.row());
    }
    List<QePrediction> predictedHints = model.predictAll(vectors, threshold.value(), TOP_FEATURES);
    for (int i = 0; i < predicted.size(); i++) {
      ClipRow row = predicted.get(i);
      QePrediction prediction = predictedHints.get(i);
      predictions.put(row.id(), prediction);
      clipHints.add(new QeRun.ClipHint(row.id(), row.datasetId(), row.key(), prediction));
    }
    if (!predictions.isEmpty()) {
      // A hint row references its model: the shipped default is stored on first use.
      hints.storeModel(actor, model);
      hints.recordHints(actor, modelId, predictions);
    }
    QeRun.DriftCheck drift;
    if (importRunId == null) {
      drift = new QeRun.DriftCheck.NotRequested();
    } else {
      int minimum = settings.wholeNumber(Setting.QE_DRIFT_MIN_CLIPS);
      if (vectors.isEmpty() || vectors.size() < minimum) {
        drift = new QeRun.DriftCheck.TooFewClips(vectors.size(), minimum);
      } else {
        DriftReport report = model.drift(vectors, settings.number(Setting.QE_DRIFT_PSI_THRESHOLD));
        drift =
            new QeRun.DriftCheck.Checked(hints.recordDrift(actor, importRunId, modelId, report));
      }
    }
    return new QeRun(
        modelId,
        defaultModel,
        model.metadata().passedGate(),
        threshold.value(),
        threshold.source(),
        clipHints,
        failures,
        drift);
  }

  /** A clip's feature vector, or the reason it could not be measured. */
  private record Measured(ClipRow row, double[] features, String failure) {}

  private static Measured measure(ClipRow clip) {
    try {
      return new Measured(clip, FeatureExtractor.extract(Path.of(clip.audioPath())).vector(), null);
    } catch (AudioException e) {
      return new Measured(clip, null, e.getMessage());
    }
  }

  private record ClipRow(long id, String datasetId, String key, String audioPath) {
    static ClipRow of(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
        throws java.sql.SQLException {
      return new ClipRow(
          rs.getLong("id"),
          rs.getString("dataset_id"),
          rs.getString("clip_key"),
          rs.getString("audio_path"));
    }
  }
}
