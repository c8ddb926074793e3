package dev.earmark.app.gui.labeling;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The undo and redo stacks of one clip's form (Scene Builder's {@code JobManager}). Pushing a new
 * edit clears what could be redone. An edit pushed while another edit is being executed, undone or
 * redone is refused with an {@link IllegalStateException}: such a nested push is a bug (an edit
 * whose listeners try to record themselves again), and taking it would corrupt both stacks. The
 * view-model clears the history whenever another clip opens, so undo never reaches into the
 * previous clip. Not thread-safe: use on the JavaFX thread.
 */
public final class EditHistory {
  private final Deque<FormEdit> done = new ArrayDeque<>();
  private final Deque<FormEdit> undone = new ArrayDeque<>();
  private boolean running;

  /** Executes {@code edit} and records it for undo. */
  public void push(FormEdit edit) {
    run(edit::execute);
    done.push(edit);
    undone.clear();
  }

  /** Records {@code edit} as already executed (a change the user made straight on a control). */
  public void record(FormEdit edit) {
    if (running) {
      throw new IllegalStateException(
          "an edit may not record another edit while it runs: " + edit.description());
    }
    done.push(edit);
    undone.clear();
  }

  /** Undoes the last edit; empty when there is nothing to undo. */
  public Optional<FormEdit> undo() {
    if (done.isEmpty()) {
      return Optional.empty();
    }
    FormEdit edit = done.pop();
    run(edit::undo);
    undone.push(edit);
    return Optional.of(edit);
  }

  /** Redoes the last undone edit; empty when there is nothing to redo. */
  public Optional<FormEdit> redo() {
    if (undone.isEmpty()) {
      return Optional.empty();
    }
    FormEdit edit = undone.pop();
    run(edit::redo);
    done.push(edit);
    return Optional.of(edit);
  }

  /** True while an edit is being executed, undone or redone. */
  public boolean running() {
    return running;
  }

  public boolean canUndo() {
    return !done.isEmpty();
  }

  public boolean canRedo() {
    return !undone.isEmpty();
  }

  /** Forgets every edit (another clip was opened). */
  public void clear() {
    done.clear();
    undone.clear();
  }

  private void run(Runnable step) {
    if (running) {
      throw new IllegalStateException("an edit may not start another edit while it runs");
    }
    running = true;
    try {
      step.run();
    } finally {
      running = false;
    }
  }
}
