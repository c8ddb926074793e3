package dev.earmark.app.gui.adjudication;

import dev.earmark.app.gui.background.BackgroundExecutor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The undo and redo stacks of one adjudication session, after Scene Builder's {@code JobManager}:
 * {@link #push} executes a job and makes it undoable (a push clears the redo stack), {@link #undo}
 * and {@link #redo} move the newest job between the stacks. Each step runs through the background
 * executor; while one runs, further pushes, undos and redos are refused (no re-entrant or
 * overlapping steps), and a step that fails leaves the stacks as they were. Used on the JavaFX
 * thread.
 */
public final class DecisionHistory {
  private final BackgroundExecutor executor;
  private final Deque<AdjudicationJob> undoable = new ArrayDeque<>();
  private final Deque<AdjudicationJob> redoable = new ArrayDeque<>();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);

  public DecisionHistory(BackgroundExecutor executor) {
    this.executor = executor;
  }

  /** Executes {@code job}; false (and nothing runs) while another step is running. */
  public boolean push(
      AdjudicationJob job, Consumer<AdjudicationJob> done, Consumer<Throwable> failed) {
    return run(
        "adjudication: " + job.description(),
        job::execute,
        () -> {
          undoable.push(job);
          redoable.clear();
        },
        job,
        done,
        failed);
  }

  /** Undoes the newest job; false when there is none or a step is running. */
  public boolean undo(Consumer<AdjudicationJob> done, Consumer<Throwable> failed) {
    if (undoable.isEmpty()) {
      return false;
    }
    AdjudicationJob job = undoable.peek();
    return run(
        "undo " + job.description(),
        job::undo,
        () -> redoable.push(undoable.pop()),
        job,
        done,
        failed);
  }

  /** Redoes the newest undone job; false when there is none or a step is running. */
  public boolean redo(Consumer<AdjudicationJob> done, Consumer<Throwable> failed) {
    if (redoable.isEmpty()) {
      return false;
    }
    AdjudicationJob job = redoable.peek();
    return run(
        "redo " + job.description(),
        job::redo,
        () -> undoable.push(redoable.pop()),
        job,
        done,
        failed);
  }

  private boolean run(
      String description,
      Runnable step,
      Runnable onSuccess,
      AdjudicationJob job,
      Consumer<AdjudicationJob> done,
      Consumer<Throwable> failed) {
    if (busy.get()) {
      return false;
    }
    busy.set(true);
    executor.inBackground(
        description,
        () -> {
          step.run();
          return job;
        },
        result -> {
          onSuccess.run();
          busy.set(false);
          update();
          done.accept(result);
        },
        error -> {
          busy.set(false);
          update();
          failed.accept(error);
        });
    return true;
  }

  private void update() {
    canUndo.set(!undoable.isEmpty());
    canRedo.set(!redoable.isEmpty());
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canUndoProperty() {
    return canUndo.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canRedoProperty() {
    return canRedo.getReadOnlyProperty();
  }

  /** The job an undo would take back, if any. */
  public java.util.Optional<AdjudicationJob> nextUndo() {
    return java.util.Optional.ofNullable(undoable.peek());
  }
}
