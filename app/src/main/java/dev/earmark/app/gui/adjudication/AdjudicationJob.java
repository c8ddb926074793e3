package dev.earmark.app.gui.adjudication;

/**
 * One undoable adjudication step, after Scene Builder's {@code Job} (STYLE.md): {@link #execute}
 * does it the first time, {@link #undo} takes it back in storage (not only on screen), {@link
 * #redo} does it again. The three block on the database; {@link DecisionHistory} runs them in the
 * background, one at a time.
 */
public interface AdjudicationJob {
  void execute();

  void undo();

  void redo();

  /** What the step did, for the status line ("decided clip-0012: annotator-error"). */
  String description();

  /** The dispute the step is about, so the screen can go back to it after an undo. */
  long disputeId();
}
