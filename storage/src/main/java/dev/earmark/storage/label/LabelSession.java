package dev.earmark.storage.label;

import dev.earmark.engine.version.VersionedId;
import java.util.Optional;

/**
 * What opening an assignment gives its annotator: the rubric version to label under and their own
 * label so far, if any. Never holds another annotator's label. Immutable.
 *
 * @param readOnlyBecause why the submitted label can no longer be corrected (its item is disputed,
 *     adjudicated or exported), as a clause to follow "read-only:"; empty while it can be
 */
public record LabelSession(
    long assignmentId,
    long clipId,
    String clipKey,
    String annotatorId,
    VersionedId rubric,
    Optional<Label> label,
    Optional<String> readOnlyBecause) {
  /** The version to hand back with the first write: the label's, or 0 when there is none yet. */
  public int version() {
    return label.map(Label::version).orElse(0);
  }
}
