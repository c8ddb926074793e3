package dev.earmark.app.gui.adjudication;

import dev.earmark.app.gui.labeling.ClipDetails;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.TaskType;
import java.util.List;
import java.util.Optional;

/**
 * One dispute opened for deciding: its queue row, the clip, the rubric version the labels were made
 * under, every annotator's label, and the normalizer of the project's rule set for that task type.
 * Immutable.
 *
 * @param ruleSet the rule set's id (e.g. {@code en-asr@1}), or "none"
 */
public record DisputeCase(
    DisputeRow row,
    ClipDetails clip,
    Rubric rubric,
    List<AnnotatorLabel> labels,
    Normalizer normalizer,
    String ruleSet) {
  public DisputeCase {
    labels = List.copyOf(labels);
  }

  /** One annotator's label of the disputed item. */
  public record AnnotatorLabel(String annotatorId, LabelValue value) {}

  /** Whether this is an ASR transcript dispute (word-aligned view) or a ratings/stages one. */
  public boolean isTranscript() {
    return rubric.taskType() == TaskType.ASR_TRANSCRIPT;
  }

  /** The label of {@code annotatorId}, if they labeled the item. */
  public Optional<AnnotatorLabel> label(String annotatorId) {
    return labels.stream().filter(l -> l.annotatorId().equals(annotatorId)).findFirst();
  }
}
