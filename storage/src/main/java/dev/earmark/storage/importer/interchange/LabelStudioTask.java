package dev.earmark.storage.importer.interchange;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One usable task of a Label Studio export: its id, the audio reference exactly as Label Studio
 * stored it (a URL, {@code /data/upload/...}, {@code /data/local-files/?d=...} or a file path; the
 * caller resolves it), its usable annotations and its predictions. Immutable.
 *
 * @param record the task's 1-based position in the export
 * @param taskId Label Studio's task id, as text ({@code #N} when the task has none)
 * @param audio the audio reference
 * @param transcripts one per usable annotation, in the export's order
 * @param predictions model output stored with the task (ASR hypotheses), in the export's order
 */
public record LabelStudioTask(
    int record,
    String taskId,
    String audio,
    List<Transcript> transcripts,
    List<Prediction> predictions) {
  public LabelStudioTask {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(audio, "audio");
    transcripts = List.copyOf(transcripts);
    predictions = List.copyOf(predictions);
  }

  /**
   * One annotator's transcript of a task.
   *
   * @param annotationId Label Studio's annotation id, as text
   * @param annotator {@code completed_by}'s e-mail when the export carries user details, else its
   *     user id as text (JSON-MIN: {@code annotator})
   * @param text the task-level text areas joined by spaces, or, when the annotator only transcribed
   *     regions, the region texts in time order joined by spaces
   * @param segments the transcribed or labelled regions in time order
   * @param choices every {@code choices} result by its {@code from_name} (e.g. audio quality)
   * @param leadTimeSeconds {@code lead_time}: seconds the annotator spent, or null
   * @param groundTruth whether the annotation is marked as ground truth
   * @param review {@code accepted} when a reviewer accepted it, else null (rejected annotations are
   *     never here)
   */
  public record Transcript(
      String annotationId,
      String annotator,
      String text,
      List<Segment> segments,
      Map<String, List<String>> choices,
      Double leadTimeSeconds,
      boolean groundTruth,
      String review) {
    public Transcript {
      Objects.requireNonNull(annotator, "annotator");
      Objects.requireNonNull(text, "text");
      segments = List.copyOf(segments);
      choices = Map.copyOf(choices);
    }
  }

  /**
   * One prediction (model output) of a task: an ASR hypothesis.
   *
   * @param modelVersion {@code model_version}, or null
   * @param score {@code score}, or null
   * @param text the predicted transcript (task-level text areas, else region texts in time order)
   * @param segments predicted regions in time order
   */
  public record Prediction(String modelVersion, Double score, String text, List<Segment> segments) {
    public Prediction {
      Objects.requireNonNull(text, "text");
      segments = List.copyOf(segments);
    }
  }
}
