package dev.earmark.storage.importer.interchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Label Studio export of an audio transcription project into {@link LabelStudioTask}s: the
 * "JSON" export (an array of tasks with {@code data}, {@code annotations[].result[]} and {@code
 * predictions}; exports before Label Studio 1.0 call the annotations {@code completions}) and the
 * "JSON-MIN" export (one flat object per annotation). The mapping is documented in
 * docs/formats/interchange.md. Stateless and thread-safe.
 */
public final class LabelStudioImport {
  /** The text area of both of Label Studio's ASR templates. */
  public static final String DEFAULT_TEXT_AREA = "transcription";

  private static final Set<String> AUDIO_EXTENSIONS =
      Set.of("wav", "flac", "mp3", "ogg", "oga", "opus", "m4a", "aac", "aiff", "aif", "webm");
  private static final Set<String> MIN_META =
      Set.of("id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time");

  /** The annotator of a pre-1.0 completion that names none. */
  public static final String UNKNOWN_ANNOTATOR = "unknown";

  private final ObjectMapper json = new ObjectMapper();
  private final String audioKey;
  private final String textAreaName;

  /** Reads the audio from {@code data.audio} (else {@code data.url}) and every text area. */
  public LabelStudioImport() {
    this(null, null);
  }

  /**
   * @param audioKey the {@code data} key holding the audio reference (the {@code $name} of the
   *     project's Audio tag), or null for {@code audio}, then {@code url}, then the only data value
   *     naming an audio file
   * @param textAreaName only text areas with this {@code from_name} count, or {@code null} for all
   *     (JSON-MIN: {@value #DEFAULT_TEXT_AREA})
   */
  public LabelStudioImport(String audioKey, String textAreaName) {
    this.audioKey = audioKey;
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
          "cannot read the Label Studio export "
              + exportFile
              + " as JSON ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); export the project again in the JSON or JSON-MIN format",
          e);
    }
    if (root == null || !root.isArray()) {
      throw new StorageException(
          "the Label Studio export "
              + exportFile
              + " is not a JSON array of tasks; use Label Studio's JSON or JSON-MIN export (not"
              + " CSV or TSV)");
    }
    boolean min = isJsonMin(root);
    List<LabelStudioTask> tasks = new ArrayList<>();
    List<LabelStudioImportResult.Skipped> skipped = new ArrayList<>();
    for (int index = 0; index < root.size(); index++) {
      if (min) {
        readMinRecord(root.get(index), index + 1, tasks, skipped);
      } else {
        readTask(root.get(index), index + 1, tasks, skipped);
      }
    }
    return new LabelStudioImportResult(min ? "json-min" : "json", tasks, skipped);
  }

  /** JSON-MIN when no element looks like a full task (with data, annotations or completions). */
  private static boolean isJsonMin(JsonNode root) {
    boolean anyObject = false;
    for (JsonNode element : root) {
      if (element.isObject()) {
        anyObject = true;
        if (element.has("data") || element.has("annotations") || element.has("completions")) {
          return false;
        }
      }
    }
    return anyObject;
  }

  private void readTask(
      JsonNode task,
      int record,
      List<LabelStudioTask> tasks,
      List<LabelStudioImportResult.Skipped> skipped) {
    String taskId = task.hasNonNull("id") ? task.get("id").asText() : "#" + record;
    if (!task.isObject()) {
      skipped.add(skip(record, taskId, null, "the task is not a JSON object"));
      return;
    }
    String audio = audio(task.path("data"));
    if (audio == null) {
      skipped.add(skip(record, taskId, null, missingAudio()));
      return;
    }
    boolean completions = !task.has("annotations") && task.has("completions");
    JsonNode annotations = completions ? task.path("completions") : task.path("annotations");
    List<LabelStudioTask.Transcript> transcripts = new ArrayList<>();
    for (JsonNode annotation : annotations) {
      String annotationId = annotation.path("id").asText("");
      String problem = readAnnotation(annotation, annotationId, completions, transcripts);
      if (problem != null) {
        skipped.add(skip(record, taskId, annotationId, problem));
      }
    }
    List<LabelStudioTask.Prediction> predictions = new ArrayList<>();
    for (JsonNode prediction : task.path("predictions")) {
      Regions regions = regions(prediction.path("result"));
      if (regions.sawText) {
        predictions.add(
            new LabelStudioTask.Prediction(
                textOrNull(prediction.get("model_version")),
                prediction.path("score").isNumber() ? prediction.get("score").asDouble() : null,
                regions.text(),
                regions.segments));
      }
    }
    if (transcripts.isEmpty() && predictions.isEmpty()) {
      skipped.add(
          skip(
              record,
              taskId,
              null,
              annotations.isEmpty()
                  ? "the task has no annotations (annotations, or completions before Label Studio"
                      + " 1.0) and no predictions"
                  : "none of the task's annotations holds a usable transcript"));
      return;
    }
    tasks.add(new LabelStudioTask(record, taskId, audio, transcripts, predictions));
  }

  /** Adds the annotation's transcript, or returns why it cannot be used. */
  private String readAnnotation(
      JsonNode annotation,
      String annotationId,
      boolean completion,
      List<LabelStudioTask.Transcript> transcripts) {
    if (annotation.path("was_cancelled").asBoolean(false)) {
      return "annotation " + annotationId + " was cancelled (skipped) in Label Studio";
    }
    String review = review(annotation);
    if ("rejected".equals(review)) {
      return "annotation " + annotationId + " was rejected in review";
    }
    String annotator = annotator(annotation.path("completed_by"));
    if (annotator == null && completion) {
      annotator = UNKNOWN_ANNOTATOR; // exports before 1.0 often name no user
    }
    if (annotator == null) {
      return "annotation " + annotationId + " has no completed_by, so its annotator is unknown";
    }
    Regions regions = regions(annotation.path("result"));
    if (regions.problem != null) {
      return "annotation " + annotationId + ": " + regions.problem;
    }
    if (!regions.sawText) {
      return "annotation " + annotationId + " has no textarea result (no transcript)";
    }
    transcripts.add(
        new LabelStudioTask.Transcript(
            annotationId,
            annotator,
            regions.text(),
            regions.segments,
            regions.choices,
            annotation.path("lead_time").isNumber() ? annotation.get("lead_time").asDouble() : null,
            annotation.path("ground_truth").asBoolean(false),
            review));
    return null;
  }

  /**
   * The review outcome: Label Studio Enterprise writes {@code review_result} or a list of {@code
   * reviews} (the last one counts) with {@code accepted}; a rejected annotation is never a label.
   */
  private static String review(JsonNode annotation) {
    String result = annotation.path("review_result").asText("").toLowerCase(Locale.ROOT);
    if (result.startsWith("reject")) {
      return "rejected";
    }
    if (result.startsWith("accept")) {
      return "accepted";
    }
    JsonNode reviews = annotation.path("reviews");
    if (reviews.isArray() && !reviews.isEmpty()) {
      JsonNode last = reviews.get(reviews.size() - 1);
      if (last.has("accepted")) {
        return last.path("accepted").asBoolean(false) ? "accepted" : "rejected";
      }
    }
    return null;
  }

  /** The text areas, regions and choices of one annotation's or prediction's results. */
  private Regions regions(JsonNode results) {
    Regions regions = new Regions();
    Map<String, List<String>> regionLabels = new LinkedHashMap<>();
    Map<String, String> regionSpeakers = new LinkedHashMap<>();
    Map<String, double[]> regionTimes = new LinkedHashMap<>();
    for (JsonNode result : results) {
      String type = result.path("type").asText();
      JsonNode value = result.path("value");
      if (type.equals("choices")) {
        List<String> choices = new ArrayList<>();
        value.path("choices").forEach(choice -> choices.add(choice.asText()));
        regions.choices.put(result.path("from_name").asText(), choices);
      } else if (type.equals("labels")) {
        List<String> labels = new ArrayList<>();
        value.path("labels").forEach(label -> labels.add(label.asText()));
        String id = result.path("id").asText();
        if (isSpeakerControl(result.path("from_name").asText()) && !labels.isEmpty()) {
          regionSpeakers.put(id, labels.get(0));
        } else {
          regionLabels.put(id, labels);
        }
        if (value.has("start") && value.has("end")) {
          regionTimes.put(
              id, new double[] {value.path("start").asDouble(), value.path("end").asDouble()});
        }
      }
    }
    Set<String> transcribed = new java.util.HashSet<>();
    for (JsonNode result : results) {
      if (!"textarea".equals(result.path("type").asText())
          || (textAreaName != null && !textAreaName.equals(result.path("from_name").asText()))) {
        continue;
      }
      JsonNode value = result.path("value");
      String text = joined(value.path("text"));
      regions.sawText = true;
      if (value.has("start") && value.has("end")) {
        double start = value.path("start").asDouble(Double.NaN);
        double end = value.path("end").asDouble(Double.NaN);
        if (!(start >= 0) || !(end > start)) {
          regions.problem =
              "a transcribed region's value.start/value.end is missing or not increasing ("
                  + value.path("start").asText("none")
                  + ", "
                  + value.path("end").asText("none")
                  + ")";
          return regions;
        }
        String id = result.path("id").asText();
        transcribed.add(id);
        regions.segments.add(
            new Segment(
                start,
                end,
                regionSpeakers.get(id),
                regionLabels.getOrDefault(id, List.of()),
                text));
      } else {
        regions.wholeTexts.add(text);
      }
    }
    // labelled regions nobody transcribed (Noise) are kept as segments without text
    for (Map.Entry<String, double[]> region : regionTimes.entrySet()) {
      double[] times = region.getValue();
      if (!transcribed.contains(region.getKey()) && times[0] >= 0 && times[1] > times[0]) {
        regions.segments.add(
            new Segment(
                times[0],
                times[1],
                regionSpeakers.get(region.getKey()),
                regionLabels.getOrDefault(region.getKey(), List.of()),
                ""));
      }
    }
    regions.segments.sort(
        Comparator.comparingDouble(Segment::startSeconds).thenComparingDouble(Segment::endSeconds));
    return regions;
  }

  /** A Labels control whose name says speaker ({@code speaker}, {@code speakers}, ...). */
  private static boolean isSpeakerControl(String fromName) {
    return fromName.toLowerCase(Locale.ROOT).contains("speaker");
  }

  private void readMinRecord(
      JsonNode row,
      int record,
      List<LabelStudioTask> tasks,
      List<LabelStudioImportResult.Skipped> skipped) {
    String taskId = row.hasNonNull("id") ? row.get("id").asText() : "#" + record;
    if (!row.isObject()) {
      skipped.add(skip(record, taskId, null, "the record is not a JSON object"));
      return;
    }
    String audio = audio(row);
    if (audio == null) {
      skipped.add(skip(record, taskId, null, missingAudio()));
      return;
    }
    String transcriptKey = textAreaName == null ? DEFAULT_TEXT_AREA : textAreaName;
    String annotationId = row.path("annotation_id").asText("");
    String annotator = textOrNull(row.get("annotator"));
    if (annotator == null) {
      skipped.add(
          skip(
              record,
              taskId,
              annotationId,
              "the record has no annotator, so it is unknown who" + " transcribed it"));
      return;
    }
    JsonNode transcript = row.get(transcriptKey);
    if (transcript == null || transcript.isNull()) {
      skipped.add(
          skip(
              record,
              taskId,
              annotationId,
              "the record has no " + transcriptKey + " (no" + " transcript)"));
      return;
    }
    List<Segment> segments = new ArrayList<>();
    List<String> wholeTexts = new ArrayList<>();
    Map<String, List<String>> choices = new LinkedHashMap<>();
    if (transcript.isArray() && transcript.size() > 0 && transcript.get(0).isObject()) {
      for (JsonNode region : transcript) {
        double start = region.path("start").asDouble(Double.NaN);
        double end = region.path("end").asDouble(Double.NaN);
        if (!(start >= 0) || !(end > start)) {
          skipped.add(
              skip(
                  record,
                  taskId,
                  annotationId,
                  transcriptKey + " has a region whose start/end is missing or not increasing"));
          return;
        }
        segments.add(new Segment(start, end, null, List.of(), joined(region.path("text"))));
      }
    } else if (transcript.isObject()) {
      wholeTexts.add(joined(transcript.path("text")));
    } else {
      wholeTexts.add(joined(transcript));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (MIN_META.contains(key) || key.equals(transcriptKey) || value.asText().equals(audio)) {
        continue;
      }
      if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
        labelRegions(value, isSpeakerControl(key), segments);
      } else if (value.isTextual()) {
        choices.put(key, List.of(value.asText()));
      } else if (value.isArray()) {
        List<String> list = new ArrayList<>();
        value.forEach(v -> list.add(v.asText()));
        choices.put(key, list);
      }
    }
    segments.sort(
        Comparator.comparingDouble(Segment::startSeconds).thenComparingDouble(Segment::endSeconds));
    String text =
        wholeTexts.isEmpty()
            ? String.join(
                " ", segments.stream().map(Segment::text).filter(t -> !t.isEmpty()).toList())
            : String.join(" ", wholeTexts);
    LabelStudioTask.Transcript transcriptRecord =
        new LabelStudioTask.Transcript(
            annotationId,
            annotator,
            text.strip(),
            segments,
            choices,
            row.path("lead_time").isNumber() ? row.get("lead_time").asDouble() : null,
            false,
            null);
    tasks.add(new LabelStudioTask(record, taskId, audio, List.of(transcriptRecord), List.of()));
  }

  /** JSON-MIN label regions: label the transcribed region with the same times, or add one. */
  private static void labelRegions(JsonNode regions, boolean speakers, List<Segment> segments) {
    for (JsonNode region : regions) {
      double start = region.path("start").asDouble(Double.NaN);
      double end = region.path("end").asDouble(Double.NaN);
      if (!(start >= 0) || !(end > start) || !region.has("labels")) {
        continue;
      }
      List<String> labels = new ArrayList<>();
      region.path("labels").forEach(label -> labels.add(label.asText()));
      boolean merged = false;
      for (int i = 0; i < segments.size(); i++) {
        Segment segment = segments.get(i);
        if (Math.abs(segment.startSeconds() - start) < 1e-6
            && Math.abs(segment.endSeconds() - end) < 1e-6) {
          segments.set(
              i,
              speakers
                  ? new Segment(
                      start,
                      end,
                      labels.isEmpty() ? null : labels.get(0),
                      segment.labels(),
                      segment.text())
                  : new Segment(start, end, segment.speakerId(), labels, segment.text()));
          merged = true;
        }
      }
      if (!merged) {
        segments.add(
            speakers
                ? new Segment(start, end, labels.isEmpty() ? null : labels.get(0), List.of(), "")
                : new Segment(start, end, null, labels, ""));
      }
    }
  }

  /**
   * The audio reference: the configured key, else {@code audio}, {@code url}, or the one audio
   * file.
   */
  private String audio(JsonNode data) {
    if (audioKey != null) {
      return textOrNull(data.get(audioKey));
    }
    for (String key : List.of("audio", "url")) {
      String value = textOrNull(data.get(key));
      if (value != null) {
        return value;
      }
    }
    String found = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      JsonNode value = it.next().getValue();
      if (value.isTextual() && looksLikeAudio(value.asText())) {
        if (found != null) {
          return null;
        }
        found = value.asText();
      }
    }
    return found;
  }

  private String missingAudio() {
    return audioKey != null
        ? "the task has no audio reference in data." + audioKey
        : "the task has no audio reference (data.audio, data.url, or one value naming an audio"
            + " file); name the key of the project's Audio tag with --audio-key";
  }

  private static boolean looksLikeAudio(String value) {
    String path = value.split("[?#]", 2)[0];
    int dot = path.lastIndexOf('.');
    return dot > 0 && AUDIO_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
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

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() || node.asText().isBlank()
        ? null
        : node.asText();
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
      int record, String taskId, String annotationId, String reason) {
    return new LabelStudioImportResult.Skipped(record, taskId, annotationId, reason);
  }

  /** Accumulates one result list. */
  private static final class Regions {
    final List<String> wholeTexts = new ArrayList<>();
    final List<Segment> segments = new ArrayList<>();
    final Map<String, List<String>> choices = new LinkedHashMap<>();
    boolean sawText;
    String problem;

    String text() {
      return (wholeTexts.isEmpty()
              ? String.join(
                  " ", segments.stream().map(Segment::text).filter(t -> !t.isEmpty()).toList())
              : String.join(" ", wholeTexts))
          .strip();
    }
  }
}
