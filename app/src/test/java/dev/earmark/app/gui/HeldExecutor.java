package dev.earmark.app.gui;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.BackgroundJob;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link BackgroundExecutor} that holds submitted work until the test runs it, as a busy
 * background thread would: the caller has its job in hand (to cancel or abandon it) before the work
 * starts. Work, progress and callbacks then run on the test's thread.
 */
public final class HeldExecutor implements BackgroundExecutor {
  private final List<Runnable> pending = new ArrayList<>();

  @Override
  public <T> BackgroundJob runInBackground(
      String description,
      Work<T> work,
      ProgressListener onProgress,
      Consumer<T> onSuccess,
      Consumer<Throwable> onFailure) {
    CurrentThreadExecutor.Job job = new CurrentThreadExecutor.Job(onProgress);
    pending.add(() -> job.run(work, onSuccess, onFailure));
    return job;
  }

  /** How many pieces of work wait to be run. */
  public int pending() {
    return pending.size();
  }

  /** Runs the work held so far, in the order it came. */
  public void runAll() {
    List<Runnable> now = new ArrayList<>(pending);
    pending.clear();
    now.forEach(Runnable::run);
  }

  @Override
  public void shutdown() {}
}
