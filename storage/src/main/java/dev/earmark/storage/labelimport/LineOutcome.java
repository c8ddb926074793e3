package dev.earmark.storage.labelimport;

import dev.earmark.engine.version.VersionedId;
import java.util.Locale;

/** What became of one line of a label file. A closed set; immutable. */
public sealed interface LineOutcome {
  /** The line's number in the file, from 1. */
  int line();

  /** The clip id the line names, or "" when the line names none (unreadable JSON, no id). */
  String clipId();

  /** The outcome's name: {@code imported}, {@code unchanged} or {@code refused}. */
  default String code() {
    return getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  /**
   * The line as reports show it, e.g. {@code line 3 clip-7 imported (assigned first)} or {@code
   * line 4 - refused: REASON}; the CLI and the window print the same sentence.
   */
  default String sentence() {
    String detail = "";
    if (this instanceof Imported imported && imported.assigned()) {
      detail = " (assigned first)";
    } else if (this instanceof Refused refused) {
      detail = ": " + refused.reason();
    }
    return "line " + line() + "  " + (clipId().isEmpty() ? "-" : clipId()) + "  " + code() + detail;
  }

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
