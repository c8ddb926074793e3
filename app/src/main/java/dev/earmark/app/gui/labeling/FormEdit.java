package dev.earmark.app.gui.labeling;

/**
 * One undoable edit of the labeling form (a rating, a word mark, a stage label, a flag, a segment):
 * a command object in the manner of Scene Builder's {@code Job}. {@link #execute} applies it the
 * first time, {@link #undo} restores the form as it was before, {@link #redo} applies it again.
 * Implementations change only the view-model's form state, never storage: the autosave that follows
 * any form change stores the result.
 */
public interface FormEdit {
  /** Applies the edit for the first time. */
  void execute();

  /** Puts the form back as it was before {@link #execute}. */
  void undo();

  /** Applies the edit again after an {@link #undo}; by default the same as {@link #execute}. */
  default void redo() {
    execute();
  }

  /** What the edit did, for the status line: "rate naturalness 4", "mark word 3 'nguyen'". */
  String description();
}
