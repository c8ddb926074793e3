package dev.earmark.storage.importer.interchange;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.importer.Checksums;
import dev.earmark.storage.importer.ManifestEntry;
import dev.earmark.storage.importer.ManifestLine;
import dev.earmark.storage.importer.ManifestSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Label Studio export (JSON or JSON-MIN) as an import source: one clip per task, id {@code
 * ls-TASKID}, its audio resolved under an audio root, the chosen annotation's transcript as the
 * reference, the first prediction as the hypothesis, and every usable annotation and prediction
 * kept in the payload under {@code label_studio}. A task that cannot be a clip is an error naming
 * its record and field; a left-out annotation is a warning. Mapping: docs/formats/interchange.md.
 * Not thread-safe (the export is parsed once and kept).
 */
public final class LabelStudioSource implements ManifestSource {
  private final Path file;
  private final Path audioRoot;
  private final LabelStudioImport reader;
  private LabelStudioImportResult parsed;

  /**
   * @param file the export
   * @param audioRoot where the audio lives (Label Studio's upload or local-files folder), or null
   *     for the export's folder
   * @param audioKey the {@code data} key of the Audio tag, or null to find it
   */
  public LabelStudioSource(Path file, Path audioRoot, String audioKey) {
    this.file = file;
    this.audioRoot =
        (audioRoot != null ? audioRoot : file.toAbsolutePath().getParent())
            .toAbsolutePath()
            .normalize();
    this.reader = new LabelStudioImport(audioKey, null);
  }

  /** The parsed export. */
  public LabelStudioImportResult result() {
    if (parsed == null) {
      parsed = reader.read(file);
    }
    return parsed;
  }

  @Override
  public Path path() {
    return file;
  }

  @Override
  public String sha256() {
    try {
      return Checksums.sha256(file);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long size() {
    LabelStudioImportResult result = result();
    return result.tasks().size()
        + result.skipped().stream().filter(skip -> skip.annotationId() == null).count();
  }

  @Override
  public void read(DatasetContract contract, Consumer<ManifestLine> sink) {
    LabelStudioImportResult result = result();
    List<ManifestLine> lines = new ArrayList<>();
    for (LabelStudioImportResult.Skipped skipped : result.skipped()) {
      if (skipped.annotationId() == null) {
        lines.add(
            new ManifestLine.Error(
                skipped.record(), "task " + skipped.taskId() + ": " + skipped.reason()));
      } else {
        lines.add(
            new ManifestLine.Note(
                skipped.record(),
                clipId(skipped.taskId()),
                "annotation-skipped",
                "task " + skipped.taskId() + ": " + skipped.reason()));
      }
    }
    for (LabelStudioTask task : result.tasks()) {
      lines.add(toLine(task, contract.allowsAudioOutsideManifestFolder()));
    }
    // entries first within a record, so a note follows the clip it is about
    lines.sort(
        Comparator.comparingInt(ManifestLine::line)
            .thenComparingInt(line -> line instanceof ManifestLine.Note ? 1 : 0));
    lines.forEach(sink);
  }

  private ManifestLine toLine(LabelStudioTask task, boolean audioOutside) {
    String field = "data.audio";
    Path audio;
    try {
      audio = AudioReferences.resolve(task.audio(), audioRoot);
    } catch (AudioReferences.Unresolvable e) {
      return new ManifestLine.Error(
          task.record(), "task " + task.taskId() + ": " + field + " " + e.getMessage());
    }
    if (!audioOutside && !audio.startsWith(audioRoot)) {
      return new ManifestLine.Error(
          task.record(),
          "task "
              + task.taskId()
              + ": "
              + field
              + " '"
              + task.audio()
              + "' leads outside the audio root "
              + audioRoot
              + "; give --audio-root, or set \""
              + DatasetContract.AUDIO_OUTSIDE_MANIFEST_FOLDER
              + "\": true in the dataset contract");
    }
    LabelStudioTask.Transcript chosen = chosen(task.transcripts());
    LabelStudioTask.Prediction prediction =
        task.predictions().isEmpty() ? null : task.predictions().get(0);
    ObjectNode payload = Payloads.JSON.objectNode();
    ObjectNode studio = payload.putObject("label_studio");
    studio.put("task_id", task.taskId());
    studio.put("audio", task.audio());
    studio.put("chosen_annotation", chosen == null ? null : chosen.annotationId());
    ArrayNode annotations = studio.putArray("annotations");
    for (LabelStudioTask.Transcript transcript : task.transcripts()) {
      ObjectNode node = annotations.addObject();
      node.put("id", transcript.annotationId());
      node.put("annotator", transcript.annotator());
      node.put("text", transcript.text());
      node.set("segments", Payloads.segments(transcript.segments()));
      ObjectNode choices = node.putObject("choices");
      for (Map.Entry<String, List<String>> choice : transcript.choices().entrySet()) {
        ArrayNode values = choices.putArray(choice.getKey());
        choice.getValue().forEach(values::add);
      }
      node.put("lead_time", transcript.leadTimeSeconds());
      node.put("ground_truth", transcript.groundTruth());
      node.put("review", transcript.review());
    }
    ArrayNode predictions = studio.putArray("predictions");
    for (LabelStudioTask.Prediction each : task.predictions()) {
      ObjectNode node = predictions.addObject();
      node.put("model_version", each.modelVersion());
      node.put("score", each.score());
      node.put("text", each.text());
      node.set("segments", Payloads.segments(each.segments()));
    }
    if (chosen != null && !chosen.segments().isEmpty()) {
      payload.set("segments", Payloads.segments(chosen.segments()));
    }
    return new ManifestLine.Entry(
        new ManifestEntry(
            task.record(),
            clipId(task.taskId()),
            audio,
            null,
            "asr-transcript",
            chosen == null ? null : chosen.text(),
            prediction == null ? null : prediction.text(),
            Map.of(),
            chosen == null ? null : Payloads.onlySpeaker(chosen.segments()),
            null,
            null,
            null,
            null,
            null,
            payload));
  }

  /**
   * The annotation whose transcript becomes the reference: the ground-truth one, else the first
   * accepted in review, else the first usable one.
   */
  static LabelStudioTask.Transcript chosen(List<LabelStudioTask.Transcript> transcripts) {
    return transcripts.stream()
        .filter(LabelStudioTask.Transcript::groundTruth)
        .findFirst()
        .or(() -> transcripts.stream().filter(t -> "accepted".equals(t.review())).findFirst())
        .or(() -> transcripts.stream().findFirst())
        .orElse(null);
  }

  /** The clip id of a task: {@code ls-} and Label Studio's task id. */
  public static String clipId(String taskId) {
    return "ls-" + (taskId.startsWith("#") ? "record-" + taskId.substring(1) : taskId);
  }
}
