package dev.earmark.app.gui;

import dev.earmark.app.gui.background.BackgroundExecutor;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A {@link BackgroundExecutor} for view-model tests: runs the work and its callback at once on the
 * calling thread, so a test reads the outcome on the next line.
 */
public final class CurrentThreadExecutor implements BackgroundExecutor {
  private int submitted;

  @Override
  public <T> void submit(
      String description, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
    submitted++;
    T result;
    try {
      result = work.call();
    } catch (Exception | Error e) {
      onFailure.accept(e);
      return;
    }
    onSuccess.accept(result);
  }

  /** How many pieces of work were submitted (to check that nothing is decoded twice). */
  public int submitted() {
    return submitted;
  }

  @Override
  public void shutdown() {}
}
