package dev.earmark.storage.agreement;

import dev.earmark.engine.agreement.GoldAccuracy;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One annotator in the annotator table of a field. Immutable.
 *
 * @param annotator the annotator's id
 * @param labels submitted labels of the task type
 * @param medianSecondsPerItem median time spent per labeled item, from the labels
 * @param gold accuracy on the gold items for this field (the engine's, with its reason when none)
 * @param withRest alpha of this annotator against the others (rated fields; the engine's figure)
 * @param withRestReason why {@code withRest} is absent
 * @param goldItems the gold items this annotator labeled, each marked right or wrong
 * @param labeledItems every item this annotator labeled, with time spent
 */
public record AnnotatorRow(
    String annotator,
    int labels,
    OptionalDouble medianSecondsPerItem,
    Optional<GoldAccuracy> gold,
    OptionalDouble withRest,
    Optional<String> withRestReason,
    List<ItemLine> goldItems,
    List<ItemLine> labeledItems) {
  public AnnotatorRow {
    goldItems = List.copyOf(goldItems);
    labeledItems = List.copyOf(labeledItems);
  }
}
