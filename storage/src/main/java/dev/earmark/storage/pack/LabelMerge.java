package dev.earmark.storage.pack;

import dev.earmark.storage.label.LabelState;

/**
 * What happened to one label of a label pack when it was merged into the lead's project: a closed
 * set of outcomes. Immutable.
 */
public sealed interface LabelMerge {
  /** The clip's id (the manifest id it was imported under). */
  String clipId();

  /** The rubric version the label was made under. */
  String rubric();

  /**
   * The label was stored.
   *
   * @param state whether it was stored as a draft or a submission
   * @param replacedDraft whether it replaced an older draft of the same annotator
   */
  record Imported(String clipId, String rubric, LabelState state, boolean replacedDraft)
      implements LabelMerge {}

  /**
   * The label was not stored, for {@code code}: {@code already-present} (the same label is stored),
   * {@code conflict} (a different submitted label, or someone else's draft, is kept), {@code
   * newer-draft-kept}, {@code no-assignment} (the project has no such assignment for the
   * annotator), {@code invalid} (the value breaks the rubric version).
   *
   * @param reason a sentence saying what was kept and why
   */
  record Skipped(String clipId, String rubric, String code, String reason) implements LabelMerge {}
}
