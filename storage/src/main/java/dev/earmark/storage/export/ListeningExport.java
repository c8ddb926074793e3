package dev.earmark.storage.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.engine.listening.Screening;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.importer.Checksums;
import dev.earmark.storage.listening.TtsReport;
import dev.earmark.storage.listening.TtsReportJson;
import dev.earmark.storage.listening.TtsReports;
import dev.earmark.storage.listening.trial.ListeningTrials;
import dev.earmark.storage.listening.trial.Trial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * The listening-test part of a batch (docs/formats/listening-tests.md, "In a batch"): per design
 * {@code listening/<task>/labels.jsonl} (every submitted label per trial and rater, with what
 * screening made of it: excluded raters' labels are marked, never dropped), {@code
 * listening/<task>/report.json} (the system-level report as {@code earmark tts report --json} gives
 * it) and the manifest's {@code listening} member naming the screening rules with their versions
 * and each rater's outcome. Stateless.
 *
 * <p>A design's released clips ({@link #releasedClips}) go through the batch's release check like
 * any ASR clip, and the manifest lists each with its consent scope and retention date.
 */
final class ListeningExport {
  /** The batch directory the listening files go into; {@link BatchVerifier} knows it. */
  static final String DIRECTORY = "listening";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ListeningExport() {}

  /** Writes each design's two files into {@code temp} and lists them in {@code fileHashes}. */
  static void write(
      Path temp, String projectId, List<TtsReports.Screened> designs, Map<String, String> hashes)
      throws IOException {
    for (TtsReports.Screened screened : designs) {
      String task = screened.design().taskType().id();
      Path dir = temp.resolve(DIRECTORY).resolve(task);
      Files.createDirectories(dir);
      StringBuilder lines = new StringBuilder();
      for (TtsReports.ScreenedLabel label : screened.labels()) {
        ObjectNode line = JSON.createObjectNode();
        line.put("trial", label.trial());
        line.put("rater", label.rater());
        line.put("session", label.session());
        line.put("kind", label.kind());
        line.put("rubric", label.rubric());
        line.put("status", label.status());
        exclusions(line.putArray("excluded_by"), label.exclusions());
        line.set("value", label.value());
        lines.append(JSON.writeValueAsString(line)).append('\n');
      }
      Path labels = dir.resolve("labels.jsonl");
      Files.writeString(labels, lines, StandardCharsets.UTF_8);
      Path report = dir.resolve("report.json");
      Files.write(
          report,
          BatchManifest.bytes(JSON.valueToTree(TtsReportJson.of(projectId, screened.report()))));
      hashes.put(labelsFile(task), Checksums.sha256(labels));
      hashes.put(reportFile(task), Checksums.sha256(report));
    }
  }

  /**
   * The clips exporting design {@code type} releases: every active clip with a submitted label of
   * it, and every stimulus of a trial whose key clip has one (the labels name the stimuli, and the
   * report their systems), in dataset and clip-key order.
   */
  static List<BatchData.Clip> releasedClips(
      Handle handle, TaskType type, Map<String, DatasetContract> contracts) {
    Set<Long> labelled =
        new HashSet<>(
            handle
                .createQuery(
                    "SELECT DISTINCT l.clip_id FROM labels l JOIN clips c ON c.id = l.clip_id"
                        + " WHERE l.state = 'submitted' AND c.task_type = :t")
                .bind("t", type.id())
                .mapTo(Long.class)
                .list());
    Set<Long> released = new HashSet<>(labelled);
    for (Trial trial : ListeningTrials.trials(handle, type).trials()) {
      if (labelled.contains(trial.keyClip().clipId())) {
        trial.stimuli().forEach(stimulus -> released.add(stimulus.clipId()));
      }
    }
    return BatchData.activeClips(handle, type.id(), contracts).stream()
        .filter(clip -> released.contains(clip.id()))
        .toList();
  }

  /**
   * The manifest's {@code listening} member: one entry per design, with the clips it releases
   * ({@code clips} by task type id).
   */
  static ArrayNode describe(
      List<TtsReports.Screened> designs, Map<String, List<BatchData.Clip>> clips) {
    ArrayNode out = JSON.createArrayNode();
    for (TtsReports.Screened screened : designs) {
      TtsReport.Design design = screened.design();
      String task = design.taskType().id();
      ObjectNode node = out.addObject();
      node.put("task_type", task);
      ArrayNode rubrics = node.putArray("rubrics");
      design.rubrics().forEach(rubrics::add);
      node.put("labels_file", labelsFile(task));
      node.put("report_file", reportFile(task));
      ArrayNode clipNodes = node.putArray("clips");
      for (BatchData.Clip clip : clips.getOrDefault(task, List.of())) {
        ObjectNode c = clipNodes.addObject();
        c.put("clip_id", clip.key());
        c.put("dataset", clip.datasetId());
        c.put("audio_sha256", clip.sha256());
        c.put("consent_scope", clip.consentScope());
        c.put(
            "retention_until",
            clip.retentionUntil() == null ? null : clip.retentionUntil().toString());
        c.put("split", clip.split());
        c.put("source", clip.source());
      }
      node.put("labels", screened.labels().size());
      node.put("excluded_labels", count(screened, TtsReports.ScreenedLabel.EXCLUDED));
      node.put("training_labels", count(screened, TtsReports.ScreenedLabel.TRAINING));
      ArrayNode rules = node.putArray("screening");
      Map<String, List<Screening.Exclusion>> byRater = new TreeMap<>();
      screened.labels().forEach(label -> byRater.putIfAbsent(label.rater(), new ArrayList<>()));
      for (TtsReport.RuleOutcome rule : design.screening()) {
        ObjectNode r = rules.addObject();
        r.put("rule", rule.rule());
        r.put("checked", rule.checked());
        r.put("exclusions", rule.exclusions().size());
        rule.exclusions()
            .forEach(e -> byRater.computeIfAbsent(e.rater(), k -> new ArrayList<>()).add(e));
      }
      ArrayNode raters = node.putArray("raters");
      byRater.forEach(
          (rater, exclusions) -> {
            ObjectNode r = raters.addObject();
            r.put("rater", rater);
            r.put("outcome", outcome(exclusions));
            exclusions(r.putArray("exclusions"), exclusions);
          });
    }
    return out;
  }

  /** {@code excluded} (a rule excluded the rater), {@code sessions-excluded} or {@code kept}. */
  private static String outcome(List<Screening.Exclusion> exclusions) {
    if (exclusions.stream().anyMatch(e -> e.session().isEmpty())) {
      return "excluded";
    }
    return exclusions.isEmpty() ? "kept" : "sessions-excluded";
  }

  private static void exclusions(ArrayNode array, List<Screening.Exclusion> exclusions) {
    for (Screening.Exclusion exclusion : exclusions) {
      ObjectNode e = array.addObject();
      e.put("rule", exclusion.rule());
      if (exclusion.session().isEmpty()) {
        e.putNull("session");
      } else {
        e.put("session", exclusion.session());
      }
      e.put("reason", exclusion.reason());
    }
  }

  private static long count(TtsReports.Screened screened, String status) {
    return screened.labels().stream().filter(label -> label.status().equals(status)).count();
  }

  static String labelsFile(String task) {
    return DIRECTORY + "/" + task + "/labels.jsonl";
  }

  static String reportFile(String task) {
    return DIRECTORY + "/" + task + "/report.json";
  }
}
