package dev.earmark.storage.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a Label Studio JSON export (the "JSON" export of an audio transcription project: an array
 * of tasks, each with {@code id}, {@code data} and {@code annotations[].result[]}) into {@link
 * LabelStudioTask}s, so a team can migrate its labels into Earmark.
 *
 * <p>Understood results: {@code textarea} results carry the text ({@code value.text} is a list of
 * lines, joined by spaces); a textarea result whose value has {@code start}/{@code end} (seconds)
 * transcribes a region, and a {@code labels} result with the same result {@code id} names the
 * region's speaker. Other result types ({@code choices}, {@code rating}, ...) are ignored.
 * Cancelled annotations ({@code was_cancelled}), annotations without any text and tasks without an
 * audio reference or usable annotation are reported in {@link LabelStudioImportResult#skipped()}
 * with a reason instead of failing the import. Predictions are ignored: they are model output, not
 * labels. Stateless and thread-safe.
 */
public final class LabelStudioImport {
  private final ObjectMapper json = new ObjectMapper();
  private final String audioKey;
  private final String textAreaName;

  /** Reads the audio from {@code data.audio} and every text area. */
  public LabelStudioImport() {
    this("audio", null);
  }

  /**
   * @param audioKey the {@code data} key holding the audio reference (the {@code $name} of the
   *     project's Audio tag)
   * @param textAreaName only text areas with this {@code from_name} count, or {@code null} for all
   */
  public LabelStudioImport(String audioKey, String textAreaName) {
    this.audioKey = Objects.requireNonNull(audioKey, "audioKey");
    this.textAreaName = textAreaName;
  }

  /**
   * Reads {@code exportFile}.
   *
   * @throws StorageException when the file cannot be read or is not a JSON array of tasks
   */
  public LabelStudioImportResult read(Path exportFile) {
    JsonNode root;
    try {
      root = json.readTree(exportFile.toFile());
    } catch (IOException e) {
      throw new StorageException(
          "Could not read the Label Studio export "
              + exportFile
              + " as JSON ("
              + e.getMessage()
              + "); export the project again with the JSON format.",
          e);
    }
    if (root == null || !root.isArray()) {
      throw new StorageException(
          "The Label Studio export "
              + exportFile
              + " is not a JSON array of tasks; use Label Studio's \"JSON\" export (not JSON-MIN"
              + " or CSV).");
    }
    List<LabelStudioTask> tasks = new ArrayList<>();
    List<LabelStudioImportResult.Skipped> skipped = new ArrayList<>();
    for (int index = 0; index < root.size(); index++) {
      readTask(root.get(index), index, tasks, skipped);
    }
    return new LabelStudioImportResult(tasks, skipped);
  }

  private void readTask(
      JsonNode task,
      int index,
      List<LabelStudioTask> tasks,
      List<LabelStudioImportResult.Skipped> skipped) {
    String taskId = task.hasNonNull("id") ? task.get("id").asText() : "#" + (index + 1);
    if (!task.isObject()) {
      skipped.add(skip(taskId, null, "the task is not a JSON object."));
      return;
    }
    JsonNode audio = task.path("data").path(audioKey);
    if (!audio.isTextual() || audio.asText().isBlank()) {
      skipped.add(skip(taskId, null, "the task has no audio reference in data." + audioKey + "."));
      return;
    }
    JsonNode annotations = task.path("annotations");
    if (!annotations.isArray() || annotations.isEmpty()) {
      skipped.add(skip(taskId, null, "the task has no annotations."));
      return;
    }
    List<LabelStudioTask.Transcript> transcripts = new ArrayList<>();
    for (JsonNode annotation : annotations) {
      String annotationId = annotation.path("id").asText("");
      String problem = readAnnotation(annotation, annotationId, transcripts);
      if (problem != null) {
        skipped.add(skip(taskId, annotationId, problem));
      }
    }
    if (transcripts.isEmpty()) {
      skipped.add(skip(taskId, null, "none of the task's annotations holds a usable transcript."));
      return;
    }
    tasks.add(new LabelStudioTask(taskId, audio.asText(), transcripts));
  }

  /** Adds the annotation's transcript, or returns why it cannot be used. */
  private String readAnnotation(
      JsonNode annotation, String annotationId, List<LabelStudioTask.Transcript> transcripts) {
    if (annotation.path("was_cancelled").asBoolean(false)) {
      return "the annotation was cancelled (skipped) in Label Studio.";
    }
    String annotator = annotator(annotation.path("completed_by"));
    if (annotator == null) {
      return "the annotation has no completed_by, so its annotator is unknown.";
    }
    Map<String, String> regionSpeakers = new LinkedHashMap<>();
    for (JsonNode result : annotation.path("result")) {
      if ("labels".equals(result.path("type").asText())) {
        JsonNode labels = result.path("value").path("labels");
        if (labels.isArray() && !labels.isEmpty()) {
          regionSpeakers.put(result.path("id").asText(), labels.get(0).asText());
        }
      }
    }
    List<String> wholeTexts = new ArrayList<>();
    List<ExportClip.Segment> segments = new ArrayList<>();
    boolean sawText = false;
    for (JsonNode result : annotation.path("result")) {
      boolean isTextArea = "textarea".equals(result.path("type").asText());
      if (!isTextArea
          || (textAreaName != null && !textAreaName.equals(result.path("from_name").asText()))) {
        continue;
      }
      JsonNode value = result.path("value");
      String text = joined(value.path("text"));
      sawText = true;
      if (value.has("start") && value.has("end")) {
        double start = value.path("start").asDouble(Double.NaN);
        double end = value.path("end").asDouble(Double.NaN);
        if (!(start >= 0) || !(end > start)) {
          return "a transcribed region has no valid start and end (" + value + ").";
        }
        String speaker = regionSpeakers.get(result.path("id").asText());
        segments.add(new ExportClip.Segment(start, end, speaker, text));
      } else {
        wholeTexts.add(text);
      }
    }
    if (!sawText) {
      return "the annotation has no textarea result (no transcript).";
    }
    segments.sort(
        Comparator.comparingDouble(ExportClip.Segment::startSeconds)
            .thenComparingDouble(ExportClip.Segment::endSeconds));
    String text =
        wholeTexts.isEmpty()
            ? String.join(" ", segments.stream().map(ExportClip.Segment::text).toList())
            : String.join(" ", wholeTexts);
    transcripts.add(
        new LabelStudioTask.Transcript(annotationId, annotator, text.strip(), segments));
    return null;
  }

  private static String joined(JsonNode lines) {
    if (lines.isTextual()) {
      return lines.asText().strip();
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode line : lines) {
      parts.add(line.asText().strip());
    }
    return String.join(" ", parts).strip();
  }

  private static String annotator(JsonNode completedBy) {
    if (completedBy.isObject()) {
      if (completedBy.hasNonNull("email")) {
        return completedBy.get("email").asText();
      }
      return completedBy.hasNonNull("id") ? completedBy.get("id").asText() : null;
    }
    return completedBy.isNull() || completedBy.isMissingNode() ? null : completedBy.asText();
  }

  private static LabelStudioImportResult.Skipped skip(
      String taskId, String annotationId, String reason) {
    return new LabelStudioImportResult.Skipped(taskId, annotationId, reason);
  }
}
