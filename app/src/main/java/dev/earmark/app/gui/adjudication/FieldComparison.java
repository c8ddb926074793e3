package dev.earmark.app.gui.adjudication;

import java.util.List;
import java.util.Map;

/**
 * One rubric field of a disputed item side by side: each annotator's value (as shown text, by
 * annotator id, in label order) and the rubric's anchored descriptions or option definitions, so a
 * "3" is read as the rubric means it. Immutable.
 *
 * @param anchors "3 — some audible artefacts, still natural" lines, lowest first; empty for fields
 *     without anchors
 */
public record FieldComparison(
    String field, String definition, Map<String, String> values, List<String> anchors) {
  public FieldComparison {
    values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    anchors = List.copyOf(anchors);
  }

  /** Whether every annotator gave the same value. */
  public boolean agrees() {
    return values.values().stream().distinct().count() <= 1;
  }
}
