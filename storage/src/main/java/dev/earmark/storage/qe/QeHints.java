package dev.earmark.storage.qe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.audio.qe.DriftReport;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelMetadata;
import dev.earmark.audio.qe.QePrediction;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * QE models and hints of a project. Leads store models and hints; leads and adjudicators read
 * hints; annotators read them only when the lead has enabled {@link
 * Setting#QE_HINTS_VISIBLE_TO_ANNOTATORS} (hints anchor judgement). Roles are checked against the
 * user table, not taken from the actor's claim. Thread-safe.
 */
public final class QeHints {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Project project;
  private final ProjectSettings settings;

  public QeHints(Project project, ProjectSettings settings) {
    this.project = project;
    this.settings = settings;
  }

  /** Stores a model (idempotent for the same id); audited. */
  public void storeModel(Actor actor, QeModel model) {
    project
        .jdbi()
        .useTransaction(
            handle -> {
              Access.require(handle, actor, "store a QE model", Role.LEAD);
              QeModelMetadata metadata = model.metadata();
              boolean exists =
                  handle
                          .createQuery("SELECT COUNT(*) FROM qe_models WHERE id = :id")
                          .bind("id", metadata.modelId())
                          .mapTo(Long.class)
                          .one()
                      > 0;
              if (exists) {
                return;
              }
              handle
                  .createUpdate(
                      "INSERT INTO qe_models (id, feature_schema_version, training_clips_sha256,"
                          + " passed_gate, metadata_json, model_bytes, stored_at, stored_by)"
                          + " VALUES (:id, :schema, :clips, :gate, :metadata, :bytes, :at, :by)")
                  .bind("id", metadata.modelId())
                  .bind("schema", metadata.featureSchemaVersion())
                  .bind("clips", metadata.trainingClipIdsSha256())
                  // The column says whether the model may be the project's current model: the
                  // shipped default, stored only as the lineage of its hints, never is, even
                  // though it passed its gate (metadata_json keeps that).
                  .bind("gate", metadata.passedGate() && !isShippedDefault(metadata))
                  .bind("metadata", model.metadataJson())
                  .bind("bytes", model.toBytes())
                  .bind("at", StoredTime.now(project.clock()))
                  .bind("by", actor.userId())
                  .execute();
              ObjectNode after = JSON.createObjectNode();
              after.put("passed_gate", metadata.passedGate());
              after.put("feature_schema_version", metadata.featureSchemaVersion());
              after.put("training_clips_sha256", metadata.trainingClipIdsSha256());
              project
                  .audit()
                  .append(
                      handle, actor, AuditAction.QE_MODEL_STORE.created(metadata.modelId(), after));
            });
  }

  private static boolean isShippedDefault(QeModelMetadata metadata) {
    return metadata.modelId().equals(QeModel.loadDefault().metadata().modelId());
  }

  /**
   * The project's current model: the most recently stored model that passed its rho gate (the same
   * model an export names as {@code qe_model}). Empty while the project has none; callers then fall
   * back to the model shipped with Earmark ({@link QeModel#loadDefault()}), saying so.
   */
  public Optional<QeModel> currentModel() {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT id, model_bytes FROM qe_models WHERE passed_gate"
                            + " ORDER BY stored_at DESC, id DESC LIMIT 1")
                    .map(
                        (rs, ctx) ->
                            QeModel.fromBytes(
                                rs.getBytes("model_bytes"), "project model " + rs.getString("id")))
                    .findOne());
  }

  /** A stored model, loaded back. */
  public Optional<QeModel> model(String modelId) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT model_bytes FROM qe_models WHERE id = :id")
                    .bind("id", modelId)
                    .mapTo(byte[].class)
                    .findOne()
                    .map(bytes -> QeModel.fromBytes(bytes, "project model " + modelId)));
  }

  /**
   * Records predictions for clips (replacing earlier hints of the same model), in one transaction
   * with one audit event.
   */
  public void recordHints(Actor actor, String modelId, Map<Long, QePrediction> predictions) {
    project
        .jdbi()
        .useTransaction(
            handle -> {
              Access.require(handle, actor, "record QE hints", Role.LEAD);
              PreparedBatch delete =
                  handle.prepareBatch(
                      "DELETE FROM qe_hints WHERE clip_id = :clip AND model_id = :model");
              PreparedBatch insert =
                  handle.prepareBatch(
                      "INSERT INTO qe_hints (clip_id, model_id, predicted_wer, review_recommended,"
                          + " review_threshold, top_features_json, computed_at) VALUES (:clip,"
                          + " :model, :wer, :flag, :threshold, :features, :at)");
              OffsetDateTime at = StoredTime.now(project.clock());
              predictions.entrySet().stream()
                  .sorted(Map.Entry.comparingByKey())
                  .forEach(
                      entry -> {
                        QePrediction prediction = entry.getValue();
                        delete.bind("clip", entry.getKey()).bind("model", modelId).add();
                        insert
                            .bind("clip", entry.getKey())
                            .bind("model", modelId)
                            .bind("wer", prediction.predictedWer())
                            .bind("flag", prediction.reviewRecommended())
                            .bind("threshold", prediction.reviewThreshold())
                            .bind("features", json(prediction.topFeatures()))
                            .bind("at", at)
                            .add();
                      });
              if (predictions.isEmpty()) {
                return;
              }
              delete.execute();
              insert.execute();
              ObjectNode after = JSON.createObjectNode();
              after.put("clips", predictions.size());
              after.put(
                  "review_recommended",
                  predictions.values().stream().filter(QePrediction::reviewRecommended).count());
              project
                  .audit()
                  .append(handle, actor, AuditAction.QE_HINTS_RECORD.created(modelId, after));
            });
  }

  /**
   * The newest hint for a clip as {@code actor} may see it: empty for an annotator unless the lead
   * enabled hints for annotators.
   */
  public Optional<QeHint> hint(Actor actor, long clipId) {
    return project
        .jdbi()
        .withHandle(
            handle -> {
              if (!maySee(handle, actor)) {
                return Optional.<QeHint>empty();
              }
              return handle
                  .createQuery(
                      "SELECT clip_id, model_id, predicted_wer, review_recommended,"
                          + " review_threshold, top_features_json, computed_at FROM qe_hints"
                          + " WHERE clip_id = :clip ORDER BY computed_at DESC,"
                          // Hints computed in the same instant (a fast machine, a fixed clock):
                          // the project's current model's hint is the newer one.
                          + " CASE WHEN model_id = (SELECT id FROM qe_models WHERE passed_gate"
                          + " ORDER BY stored_at DESC, id DESC LIMIT 1) THEN 0 ELSE 1 END,"
                          + " model_id")
                  .bind("clip", clipId)
                  .map(
                      (rs, ctx) ->
                          new QeHint(
                              rs.getLong(1),
                              rs.getString(2),
                              rs.getDouble(3),
                              rs.getBoolean(4),
                              rs.getDouble(5),
                              rs.getString(6),
                              rs.getObject(7, OffsetDateTime.class).toInstant()))
                  .findFirst();
            });
  }

  /** Clip ids whose newest hints recommend review, for leads and adjudicators. */
  public List<Long> reviewRecommended(Actor actor, String modelId) {
    return project
        .jdbi()
        .withHandle(
            handle -> {
              Access.require(
                  handle, actor, "list clips flagged for review", Role.LEAD, Role.ADJUDICATOR);
              return handle
                  .createQuery(
                      "SELECT clip_id FROM qe_hints WHERE model_id = :model AND review_recommended"
                          + " ORDER BY predicted_wer DESC, clip_id")
                  .bind("model", modelId)
                  .mapTo(Long.class)
                  .list();
            });
  }

  /**
   * Stores a drift check of a batch against {@code modelId}'s training data (lead only; the model
   * must be stored); audited. Returns it as stored.
   *
   * @param importRunId the import run the batch came from, or null for a check not tied to one
   */
  public QeDrift recordDrift(Actor actor, Long importRunId, String modelId, DriftReport report) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(handle, actor, "record a QE drift check", Role.LEAD);
              OffsetDateTime at = StoredTime.now(project.clock());
              long id =
                  handle
                      .createUpdate(
                          "INSERT INTO qe_drift (import_run_id, model_id, clips, psi_threshold,"
                              + " drift_warning, report_json, computed_at, computed_by) VALUES"
                              + " (:run, :model, :clips, :threshold, :warning, :report, :at, :by)")
                      .bind("run", importRunId)
                      .bind("model", modelId)
                      .bind("clips", report.batchSize())
                      .bind("threshold", report.warningThreshold())
                      .bind("warning", report.warning())
                      .bind("report", driftJson(report))
                      .bind("at", at)
                      .bind("by", actor.userId())
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one();
              ObjectNode after = JSON.createObjectNode();
              after.put("model", modelId);
              after.put("clips", report.batchSize());
              after.put("psi_threshold", report.warningThreshold());
              after.put("warning", report.warning());
              ArrayNode shifted = after.putArray("shifted");
              Stream.concat(Stream.of(report.predictedWer()), report.features().stream())
                  .filter(DriftReport.Drift::exceeds)
                  .forEach(drift -> shifted.add(drift.name()));
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      AuditAction.QE_DRIFT_RECORD.created(
                          importRunId == null ? "none" : Long.toString(importRunId), after));
              return new QeDrift(
                  id,
                  importRunId == null ? OptionalLong.empty() : OptionalLong.of(importRunId),
                  modelId,
                  report,
                  at.toInstant());
            });
  }

  /**
   * The newest drift check, for leads and adjudicators (the workbench shows its warning); empty for
   * annotators and while no import has been checked. {@link QeDrift#shifted()} lists what exceeds
   * the threshold.
   */
  public Optional<QeDrift> latestDrift(Actor actor) {
    return driftHistory(actor, 1).stream().findFirst().map(ImportDrift::drift);
  }

  /**
   * The newest {@code limit} drift checks, newest first, each with the import it checked: which
   * import moved which feature. For leads and adjudicators; empty for annotators.
   */
  public List<ImportDrift> driftHistory(Actor actor, int limit) {
    if (limit < 1) {
      throw new StorageException("The drift history needs a limit of at least 1, not " + limit);
    }
    return project
        .jdbi()
        .withHandle(
            handle -> {
              Set<Role> roles =
                  Access.require(
                      handle, actor, "read QE drift", Role.ANNOTATOR, Role.ADJUDICATOR, Role.LEAD);
              if (!roles.contains(Role.LEAD) && !roles.contains(Role.ADJUDICATOR)) {
                return List.<ImportDrift>of();
              }
              return handle
                  .createQuery(
                      "SELECT d.id, d.import_run_id, d.model_id, d.clips, d.psi_threshold,"
                          + " d.report_json, d.computed_at, r.dataset_id, r.manifest_path"
                          + " FROM qe_drift d LEFT JOIN import_runs r ON r.id = d.import_run_id"
                          + " ORDER BY d.computed_at DESC, d.id DESC LIMIT :limit")
                  .bind("limit", limit)
                  .map(
                      (rs, ctx) ->
                          new ImportDrift(
                              storedDrift(rs),
                              Optional.ofNullable(rs.getString("dataset_id")),
                              Optional.ofNullable(rs.getString("manifest_path"))))
                  .list();
            });
  }

  private static QeDrift storedDrift(java.sql.ResultSet rs) throws java.sql.SQLException {
    long run = rs.getLong("import_run_id");
    OptionalLong importRun = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(run);
    return new QeDrift(
        rs.getLong("id"),
        importRun,
        rs.getString("model_id"),
        readDrift(rs.getString("report_json"), rs.getInt("clips"), rs.getDouble("psi_threshold")),
        rs.getObject("computed_at", OffsetDateTime.class).toInstant());
  }

  private static String driftJson(DriftReport report) {
    ObjectNode node = JSON.createObjectNode();
    node.set("predicted_wer", driftNode(report.predictedWer()));
    ArrayNode features = node.putArray("features");
    report.features().forEach(drift -> features.add(driftNode(drift)));
    return node.toString();
  }

  private static ObjectNode driftNode(DriftReport.Drift drift) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", drift.name());
    node.put("psi", drift.psi());
    node.put("exceeds", drift.exceeds());
    return node;
  }

  private static DriftReport readDrift(String json, int clips, double threshold) {
    try {
      JsonNode node = JSON.readTree(json);
      List<DriftReport.Drift> features = new ArrayList<>();
      node.path("features").forEach(feature -> features.add(readDriftNode(feature)));
      return new DriftReport(clips, features, readDriftNode(node.path("predicted_wer")), threshold);
    } catch (JsonProcessingException e) {
      throw new StorageException("A stored QE drift check could not be read: " + e.getMessage(), e);
    }
  }

  private static DriftReport.Drift readDriftNode(JsonNode node) {
    return new DriftReport.Drift(
        node.path("name").asText(), node.path("psi").asDouble(), node.path("exceeds").asBoolean());
  }

  private boolean maySee(Handle handle, Actor actor) {
    Set<Role> roles =
        Access.require(handle, actor, "read QE hints", Role.ANNOTATOR, Role.ADJUDICATOR, Role.LEAD);
    return roles.contains(Role.LEAD)
        || roles.contains(Role.ADJUDICATOR)
        || settings.flag(handle, Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a QE value could not be written as JSON", e);
    }
  }
}
