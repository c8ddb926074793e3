package dev.earmark.storage.labelimport;

import dev.earmark.engine.version.VersionedId;

/** What became of one line of a label file. A closed set; immutable. */
public sealed interface LineOutcome {
  /** The line's number in the file, from 1. */
  int line();

  /** The clip id the line names, or "" when the line names none (unreadable JSON, no id). */
  String clipId();

  /**
   * The label is stored as the annotator's submission.
   *
   * @param assigned the clip was not assigned to the annotator before, so it was assigned first
   */
  record Imported(int line, String clipId, VersionedId rubric, boolean assigned)
      implements LineOutcome {}

  /** The annotator already has exactly this submitted label for the clip: nothing changed. */
  record Unchanged(int line, String clipId, VersionedId rubric) implements LineOutcome {}

  /** The line is not stored; {@code reason} says why and what to do. */
  record Refused(int line, String clipId, String reason) implements LineOutcome {}
}
