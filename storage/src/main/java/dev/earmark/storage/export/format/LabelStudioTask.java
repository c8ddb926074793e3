package dev.earmark.storage.export.format;

import java.util.List;
import java.util.Objects;

/**
 * One usable task of a Label Studio export: its id, the audio reference exactly as Label Studio
 * stored it ({@code data.audio}: a URL, {@code /data/upload/...} path or file path; the caller
 * resolves it), and one transcript per completed, not cancelled annotation. Immutable.
 *
 * @param taskId Label Studio's task id, as text
 * @param audio the audio reference
 * @param transcripts one per annotator, in the export's order
 */
public record LabelStudioTask(String taskId, String audio, List<Transcript> transcripts) {
  public LabelStudioTask {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(audio, "audio");
    transcripts = List.copyOf(transcripts);
  }

  /**
   * One annotator's transcript of a task.
   *
   * @param annotationId Label Studio's annotation id, as text
   * @param annotator the annotator: {@code completed_by}'s e-mail when the export carries user
   *     details, else its numeric user id as text
   * @param text the whole transcript: the task-level text areas joined by spaces, or, when the
   *     annotator only transcribed regions, the region texts in time order joined by spaces
   * @param segments the transcribed regions in time order (speaker = the region's first label,
   *     {@code null} when unlabelled); empty when the annotator transcribed no regions
   */
  public record Transcript(
      String annotationId, String annotator, String text, List<ExportClip.Segment> segments) {
    public Transcript {
      Objects.requireNonNull(annotator, "annotator");
      Objects.requireNonNull(text, "text");
      segments = List.copyOf(segments);
    }
  }
}
