package dev.earmark.storage.importer.interchange;

import java.util.List;
import java.util.Objects;

/**
 * What a Label Studio export yielded: the usable tasks, and every task or annotation that was left
 * out with the reason. Immutable.
 *
 * @param format {@code json} or {@code json-min}
 * @param tasks usable tasks in file order
 * @param skipped tasks and annotations left out, in file order
 */
public record LabelStudioImportResult(
    String format, List<LabelStudioTask> tasks, List<Skipped> skipped) {
  public LabelStudioImportResult {
    tasks = List.copyOf(tasks);
    skipped = List.copyOf(skipped);
  }

  /**
   * A task (when {@code annotationId} is {@code null}) or one annotation of a task that could not
   * be used.
   *
   * @param record the task's 1-based position in the export
   * @param taskId the task's id, or {@code #N} (1-based position in the file) when it has none
   * @param annotationId the annotation's id, or {@code null} when the whole task is skipped
   * @param reason a plain sentence saying what is missing or wrong, naming the field
   */
  public record Skipped(int record, String taskId, String annotationId, String reason) {
    public Skipped {
      Objects.requireNonNull(taskId, "taskId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
