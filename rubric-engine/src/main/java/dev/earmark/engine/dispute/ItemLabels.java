package dev.earmark.engine.dispute;

import java.util.List;
import java.util.Optional;

/**
 * Everything routing needs to know about one item: its field kind, each annotator's label and, for
 * a gold item, the known answer. Immutable.
 */
public record ItemLabels(
    String itemId, LabelField field, List<AnnotatorLabel> labels, Optional<String> goldAnswer) {
  public ItemLabels {
    labels = List.copyOf(labels);
  }

  /**
   * One annotator's label.
   *
   * @param unsure the annotator flagged the label as unsure
   */
  public record AnnotatorLabel(String annotatorId, String value, boolean unsure) {}
}
