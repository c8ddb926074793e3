package dev.earmark.app.gui;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.BackgroundJob;
import dev.earmark.app.gui.background.JobState;
import dev.earmark.app.gui.background.Progress;
import java.util.function.Consumer;

/**
 * A {@link BackgroundExecutor} for view-model tests: runs the work, its progress and its callback
 * at once on the calling thread, so a test reads the outcome on the next line.
 */
public final class CurrentThreadExecutor implements BackgroundExecutor {
  private int submitted;

  @Override
  public <T> BackgroundJob runInBackground(
      String description,
      Work<T> work,
      ProgressListener onProgress,
      Consumer<T> onSuccess,
      Consumer<Throwable> onFailure) {
    submitted++;
    Job job = new Job(onProgress);
    job.run(work, onSuccess, onFailure);
    return job;
  }

  /** How many pieces of work were submitted (to check that nothing is decoded twice). */
  public int submitted() {
    return submitted;
  }

  @Override
  public void shutdown() {}

  /**
   * One job run on the calling thread, whenever the test says: its progress goes straight to the
   * listener, its cancel to the work, and an abandoned job delivers nothing.
   */
  public static final class Job extends JobState implements Progress {
    private final ProgressListener onProgress;

    public Job(ProgressListener onProgress) {
      this.onProgress = onProgress;
    }

    /** Runs {@code work} now and delivers its outcome unless abandoned meanwhile. */
    public <T> void run(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
      T result;
      try {
        result = work.run(this);
      } catch (Exception | Error e) {
        if (!abandoned()) {
          onFailure.accept(e);
        }
        return;
      }
      if (!abandoned()) {
        onSuccess.accept(result);
      }
    }

    @Override
    public void update(long done, long total) {
      if (!abandoned()) {
        onProgress.progress(done, total);
      }
    }
  }
}
