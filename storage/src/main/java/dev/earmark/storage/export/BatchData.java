package dev.earmark.storage.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.export.format.ExportClip;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * The project data one export reads, in one pass per table, and the final label of each item.
 * Immutable once loaded.
 */
record BatchData(
    List<Item> items, Map<String, DatasetContract> contracts, Optional<String> qeModel) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Rows per round trip of the big reads (clips, labels). With a fetch size and inside a
   * transaction the PostgreSQL driver streams a result instead of holding all of it before the
   * first row is mapped (1M labels at team scale, issue 22); H2 reads lazily anyway.
   */
  static final int FETCH_SIZE = 2_000;

  record Clip(
      long id,
      String datasetId,
      String key,
      String audioPath,
      String sha256,
      Double durationSeconds,
      Integer sampleRate,
      Integer channels,
      String speakerId,
      String consentScope,
      LocalDate retentionUntil,
      String split,
      String source,
      String language,
      String hypothesis,
      String slicesJson) {}

  record SubmittedLabel(String annotatorId, VersionedId rubric, JsonNode value) {}

  record Decision(
      long id,
      long disputeId,
      JsonNode value,
      String reason,
      String adjudicator,
      String decidedAt) {}

  /**
   * One clip of the batch and how its final label was reached.
   *
   * @param finalKind single, consensus, adjudicated, or unresolved
   */
  record Item(
      Clip clip,
      List<SubmittedLabel> labels,
      List<Decision> decisions,
      String finalKind,
      JsonNode finalValue,
      String finalHash) {
    boolean unresolved() {
      return finalKind.equals("unresolved");
    }

    String transcript() {
      return transcriptOf(finalValue);
    }

    /**
     * The clip as the format writers see it.
     *
     * @param batchDirectory the directory the batch is being written into
     * @param audioInBatch whether the audio was copied to {@code audio/<file name>} in it; the clip
     *     then points at that copy, never at the project's source
     */
    ExportClip toExportClip(Path batchDirectory, boolean audioInBatch) {
      if (clip.durationSeconds() == null || clip.sampleRate() == null || clip.channels() == null) {
        throw new StorageException(
            "Clip " + clip.key() + " has no audio facts (duration, rate, channels); re-import it.");
      }
      Path audio = Path.of(clip.audioPath()).toAbsolutePath().normalize();
      String relative = null;
      if (audioInBatch) {
        relative = BatchExporter.AUDIO_DIRECTORY + "/" + audio.getFileName();
        audio = batchDirectory.resolve(relative).toAbsolutePath().normalize();
      }
      Map<String, String> slices = new TreeMap<>();
      if (clip.slicesJson() != null) {
        readJson(clip.slicesJson())
            .fields()
            .forEachRemaining(e -> slices.put(e.getKey(), e.getValue().asText()));
      }
      return new ExportClip(
          clip.key(),
          audio,
          relative,
          clip.durationSeconds(),
          clip.sampleRate(),
          clip.channels(),
          clip.speakerId(),
          transcript(),
          segmentsOf(finalValue, transcript()),
          clip.hypothesis(),
          slices,
          clip.language());
    }

    ObjectNode toManifest() {
      ObjectNode node = JSON.createObjectNode();
      node.put("clip_id", clip.key());
      node.put("dataset", clip.datasetId());
      node.put("audio_path", clip.audioPath());
      node.put("audio_sha256", clip.sha256());
      node.put("speaker_id", clip.speakerId());
      node.put("consent_scope", clip.consentScope());
      node.put(
          "retention_until",
          clip.retentionUntil() == null ? null : clip.retentionUntil().toString());
      node.put("split", clip.split());
      node.put("source", clip.source());
      node.put("final", finalKind);
      node.put("label_sha256", finalHash());
      // The final value itself, so verify can recompute label_sha256 and compare the transcript.
      node.set("label", finalValue);
      node.put("transcript", transcript());
      ArrayNode annotators = node.putArray("annotators");
      for (SubmittedLabel label : labels) {
        ObjectNode annotator = annotators.addObject();
        annotator.put("annotator", label.annotatorId());
        annotator.put("rubric", label.rubric().toString());
        annotator.put("label_sha256", ContentHash.of(label.value()));
      }
      ArrayNode adjudications = node.putArray("adjudications");
      for (Decision decision : decisions) {
        ObjectNode adjudication = adjudications.addObject();
        adjudication.put("dispute_id", decision.disputeId());
        adjudication.put("adjudicator", decision.adjudicator());
        adjudication.put("reason", decision.reason());
        adjudication.put("decided_at", decision.decidedAt());
      }
      return node;
    }
  }

  /**
   * The segments of a final label ({@code fields.segments}: start, end, speaker), each with its own
   * {@code text} where the label carries one (labels imported from tiered formats do). When no
   * segment carries text, a single segment holds the whole transcript, and several are speaker
   * turns with empty text (the writers then keep the transcript whole).
   */
  static List<ExportClip.Segment> segmentsOf(JsonNode value, String transcript) {
    JsonNode nodes = value.path("fields").path("segments");
    List<ExportClip.Segment> segments = new ArrayList<>();
    if (!nodes.isArray()) {
      return segments;
    }
    boolean anyText = false;
    for (JsonNode node : nodes) {
      anyText |= node.path("text").isTextual();
    }
    for (JsonNode node : nodes) {
      if (!node.path("start").isNumber() || !node.path("end").isNumber()) {
        continue;
      }
      double start = node.get("start").asDouble();
      double end = node.get("end").asDouble();
      if (!(start >= 0) || !(end > start)) {
        continue; // the rubric refuses such segments; nothing a tier could hold
      }
      String text = anyText ? node.path("text").asText("") : nodes.size() == 1 ? transcript : "";
      String speaker = node.path("speaker").isTextual() ? node.get("speaker").asText() : null;
      segments.add(new ExportClip.Segment(start, end, speaker, text));
    }
    return segments;
  }

  static String transcriptOf(JsonNode value) {
    return value.path("fields").path("transcript").asText("");
  }

  static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new StorageException("Stored JSON could not be read: " + e.getMessage(), e);
    }
  }

  /** Every dataset's contract by dataset id. */
  static Map<String, DatasetContract> contracts(Handle handle) {
    Map<String, DatasetContract> contracts = new TreeMap<>();
    handle
        .createQuery("SELECT id, contract_json FROM datasets ORDER BY id")
        .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("contract_json")))
        .forEach(
            row ->
                contracts.put(
                    row.getKey(),
                    DatasetContract.parse(readJson(row.getValue()), "dataset " + row.getKey())));
    return contracts;
  }

  /**
   * The active clips of {@code taskType} in dataset and clip-key order, each with its source (the
   * clip's own, else its dataset contract's).
   */
  static List<Clip> activeClips(
      Handle handle, String taskType, Map<String, DatasetContract> contracts) {
    return activeClips(handle, taskType, contracts, "");
  }

  /**
   * {@link #activeClips(Handle, String, Map)} narrowed to the clips with a submitted label: an
   * export settles only those, and on a 1M-clip project reading every clip cost seconds for a batch
   * of a few hundred (docs/BENCHMARKS.md, the 1M-clip run).
   */
  static List<Clip> labeledActiveClips(
      Handle handle, String taskType, Map<String, DatasetContract> contracts) {
    return activeClips(
        handle,
        taskType,
        contracts,
        " AND EXISTS (SELECT 1 FROM labels l WHERE l.clip_id = clips.id"
            + " AND l.state = 'submitted')");
  }

  private static List<Clip> activeClips(
      Handle handle, String taskType, Map<String, DatasetContract> contracts, String narrowing) {
    return handle
        .createQuery(
            "SELECT id, dataset_id, clip_key, audio_path, sha256, duration_s, sample_rate,"
                + " channels, speaker_id, consent_scope, retention_until, split, source, language,"
                + " hypothesis, slices_json FROM clips WHERE status = 'active'"
                + " AND task_type = :taskType"
                + narrowing
                + " ORDER BY dataset_id, clip_key")
        .bind("taskType", taskType)
        .setFetchSize(FETCH_SIZE)
        .map(
            (rs, ctx) -> {
              java.sql.Date retention = rs.getDate("retention_until");
              String datasetId = rs.getString("dataset_id");
              String source = rs.getString("source");
              if (source == null || source.isBlank()) {
                DatasetContract contract = contracts.get(datasetId);
                source = contract == null ? null : contract.source();
              }
              return new Clip(
                  rs.getLong("id"),
                  datasetId,
                  rs.getString("clip_key"),
                  rs.getString("audio_path"),
                  rs.getString("sha256"),
                  (Double) rs.getObject("duration_s", Double.class),
                  (Integer) rs.getObject("sample_rate", Integer.class),
                  (Integer) rs.getObject("channels", Integer.class),
                  rs.getString("speaker_id"),
                  rs.getString("consent_scope"),
                  retention == null ? null : retention.toLocalDate(),
                  rs.getString("split"),
                  source,
                  rs.getString("language"),
                  rs.getString("hypothesis"),
                  rs.getString("slices_json"));
            })
        .list();
  }

  /**
   * Reads every active asr-transcript clip with a submitted label and settles its final label. Run
   * it inside a transaction so the big reads stream (see {@link #FETCH_SIZE}).
   */
  static BatchData load(Handle handle, Normalizer normalizer) {
    Map<String, DatasetContract> contracts = contracts(handle);

    Map<Long, Clip> clips = new LinkedHashMap<>();
    labeledActiveClips(handle, "asr-transcript", contracts)
        .forEach(clip -> clips.put(clip.id(), clip));

    Map<Long, List<SubmittedLabel>> labels = new HashMap<>();
    handle
        .createQuery(
            "SELECT clip_id, annotator_id, rubric_version, value_json FROM labels"
                + " WHERE state = 'submitted' ORDER BY clip_id, annotator_id, id")
        .setFetchSize(FETCH_SIZE)
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getLong("clip_id"),
                    new SubmittedLabel(
                        rs.getString("annotator_id"),
                        VersionedId.parse(rs.getString("rubric_version")),
                        readJson(rs.getString("value_json")))))
        .forEach(
            row ->
                labels
                    .computeIfAbsent(row.getKey(), unused -> new ArrayList<>())
                    .add(row.getValue()));

    Map<Long, Boolean> openDispute = new HashMap<>();
    handle
        .createQuery("SELECT clip_id, status FROM disputes")
        .map((rs, ctx) -> Map.entry(rs.getLong("clip_id"), rs.getString("status")))
        .forEach(
            row -> {
              if (!row.getValue().equals("resolved")) {
                openDispute.put(row.getKey(), true);
              }
            });

    Map<Long, List<Decision>> decisions = new HashMap<>();
    handle
        .createQuery(
            "SELECT a.id, a.dispute_id, a.final_value_json, a.reason_code, a.adjudicator,"
                + " a.decided_at, d.clip_id FROM adjudications a JOIN disputes d"
                + " ON d.id = a.dispute_id ORDER BY a.decided_at, a.id")
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getLong("clip_id"),
                    new Decision(
                        rs.getLong("id"),
                        rs.getLong("dispute_id"),
                        readJson(rs.getString("final_value_json")),
                        rs.getString("reason_code"),
                        rs.getString("adjudicator"),
                        rs.getObject("decided_at", OffsetDateTime.class).toInstant().toString())))
        .forEach(
            row ->
                decisions
                    .computeIfAbsent(row.getKey(), unused -> new ArrayList<>())
                    .add(row.getValue()));

    List<Item> items = new ArrayList<>();
    for (Clip clip : clips.values()) {
      List<SubmittedLabel> clipLabels = labels.getOrDefault(clip.id(), List.of());
      if (clipLabels.isEmpty()) {
        continue;
      }
      List<Decision> clipDecisions = decisions.getOrDefault(clip.id(), List.of());
      String kind;
      JsonNode value;
      if (openDispute.getOrDefault(clip.id(), false)) {
        kind = "unresolved";
        value = clipLabels.get(0).value();
      } else if (!clipDecisions.isEmpty()) {
        kind = "adjudicated";
        value = clipDecisions.get(clipDecisions.size() - 1).value();
      } else if (clipLabels.size() == 1) {
        kind = "single";
        value = clipLabels.get(0).value();
      } else {
        List<String> first = normalizer.normalize(transcriptOf(clipLabels.get(0).value())).words();
        boolean agree =
            clipLabels.stream()
                .allMatch(
                    label ->
                        normalizer.normalize(transcriptOf(label.value())).words().equals(first));
        kind = agree ? "consensus" : "unresolved";
        value = clipLabels.get(0).value();
      }
      items.add(
          new Item(
              clip,
              List.copyOf(clipLabels),
              List.copyOf(clipDecisions),
              kind,
              value,
              ContentHash.of(value)));
    }

    Optional<String> qeModel =
        handle
            .createQuery(
                "SELECT id FROM qe_models WHERE passed_gate ORDER BY stored_at DESC, id DESC"
                    + " LIMIT 1")
            .mapTo(String.class)
            .findOne();
    return new BatchData(List.copyOf(items), contracts, qeModel);
  }
}
