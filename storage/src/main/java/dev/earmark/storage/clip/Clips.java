package dev.earmark.storage.clip;

import dev.earmark.storage.StorageException;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads imported clips as {@link StoredClip} records: the one place that selects clip rows for
 * screens, commands and services, so slice tags are parsed one way ({@link SliceTags}). It selects
 * no reference, label or gold column, so it needs no role: anyone who may open the project may read
 * a clip's header facts. Thread-safe.
 */
public final class Clips {
  private static final String SELECT =
      "SELECT c.id, c.dataset_id, c.clip_key, c.status, c.task_type, c.audio_path, c.duration_s,"
          + " c.sample_rate, c.channels, c.hypothesis, c.slices_json, c.speaker_id,"
          + " c.consent_scope, c.import_run_id, c.manifest_line, r.manifest_path, c.payload_json"
          + " FROM clips c JOIN import_runs r ON r.id = c.import_run_id";

  private final Project project;

  public Clips(Project project) {
    this.project = project;
  }

  /** The clip with database id {@code clipId}, if there is one. */
  public Optional<StoredClip> find(long clipId) {
    return project.jdbi().withHandle(handle -> find(handle, clipId));
  }

  /** The clip with database id {@code clipId}, read in the transaction of {@code handle}. */
  public static Optional<StoredClip> find(Handle handle, long clipId) {
    return handle
        .createQuery(SELECT + " WHERE c.id = :id")
        .bind("id", clipId)
        .map(Clips::row)
        .findOne();
  }

  /**
   * The clip with database id {@code clipId}.
   *
   * @throws StorageException when the project has no such clip
   */
  public StoredClip get(long clipId) {
    return find(clipId)
        .orElseThrow(() -> new StorageException("there is no clip " + clipId + " in the project"));
  }

  /** The clips among {@code clipIds} that exist, by id; ids with no clip are left out. */
  public Map<Long, StoredClip> byIds(Collection<Long> clipIds) {
    Map<Long, StoredClip> clips = new LinkedHashMap<>();
    if (clipIds.isEmpty()) {
      return clips;
    }
    project
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createQuery(SELECT + " WHERE c.id IN (<ids>) ORDER BY c.id")
                    .bindList("ids", List.copyOf(clipIds))
                    .map(Clips::row)
                    .forEach(clip -> clips.put(clip.id(), clip)));
    return clips;
  }

  /**
   * The clips whose manifest id is {@code clipKey}: one per dataset that has it, in dataset order;
   * only of {@code datasetId} when it is given.
   */
  public List<StoredClip> withKey(String clipKey, Optional<String> datasetId) {
    return project.jdbi().withHandle(handle -> withKey(handle, clipKey, datasetId));
  }

  /** {@link #withKey(String, Optional)} in the transaction of {@code handle}. */
  public static List<StoredClip> withKey(
      Handle handle, String clipKey, Optional<String> datasetId) {
    return handle
        .createQuery(
            SELECT
                + " WHERE c.clip_key = :key"
                + (datasetId.isPresent() ? " AND c.dataset_id = :dataset" : "")
                + " ORDER BY c.dataset_id")
        .bind("key", clipKey)
        .bind("dataset", datasetId.orElse(null))
        .map(Clips::row)
        .list();
  }

  /** The active clips stored by import run {@code importRunId}, in manifest order. */
  public List<StoredClip> activeOfImportRun(long importRunId) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        SELECT
                            + " WHERE c.import_run_id = :run AND c.status = 'active'"
                            + " ORDER BY c.manifest_line, c.id")
                    .bind("run", importRunId)
                    .map(Clips::row)
                    .list());
  }

  /** The active clips of {@code taskType} (of one dataset, or all), by id. */
  public List<StoredClip> active(String taskType, Optional<String> datasetId) {
    return project.jdbi().withHandle(handle -> active(handle, taskType, datasetId));
  }

  /**
   * The active clips of {@code taskType} (of one dataset, or all), by id, read in the transaction
   * of {@code handle}.
   */
  public static List<StoredClip> active(
      Handle handle, String taskType, Optional<String> datasetId) {
    return handle
        .createQuery(
            SELECT
                + " WHERE c.status = 'active' AND c.task_type = :task"
                + (datasetId.isPresent() ? " AND c.dataset_id = :dataset" : "")
                + " ORDER BY c.id")
        .bind("task", taskType)
        .bind("dataset", datasetId.orElse(null))
        .map(Clips::row)
        .list();
  }

  /** How many clips the project holds in each status; every status is listed, zeros included. */
  public Map<ClipStatus, Integer> countByStatus() {
    Map<ClipStatus, Integer> counts = new EnumMap<>(ClipStatus.class);
    for (ClipStatus status : ClipStatus.values()) {
      counts.put(status, 0);
    }
    project
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createQuery("SELECT status, COUNT(*) FROM clips GROUP BY status")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                    .forEach(row -> counts.put(ClipStatus.fromCode(row.getKey()), row.getValue())));
    return counts;
  }

  private static StoredClip row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StoredClip(
        rs.getLong("id"),
        rs.getString("dataset_id"),
        rs.getString("clip_key"),
        ClipStatus.fromCode(rs.getString("status")),
        rs.getString("task_type"),
        Path.of(rs.getString("audio_path")),
        rs.getDouble("duration_s"),
        rs.getInt("sample_rate"),
        rs.getInt("channels"),
        Optional.ofNullable(rs.getString("hypothesis")),
        SliceTags.parse(rs.getString("slices_json")),
        Optional.ofNullable(rs.getString("speaker_id")).filter(s -> !s.isBlank()),
        Optional.ofNullable(rs.getString("consent_scope")).filter(s -> !s.isBlank()),
        rs.getLong("import_run_id"),
        rs.getInt("manifest_line"),
        Path.of(rs.getString("manifest_path")),
        rs.getString("payload_json"));
  }
}
