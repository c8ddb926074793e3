package dev.earmark.app.gui.background;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The background jobs of one screen or view-model, over the window's shared executor: {@link
 * #shutdown} abandons every job still running and refuses new work, so a late result never reaches
 * a closed screen; the shared executor itself keeps running for the other screens. Used on the UI
 * thread.
 */
public final class JobScope implements BackgroundExecutor {
  private final BackgroundExecutor shared;
  private final Set<BackgroundJob> running = new LinkedHashSet<>();
  private boolean closed;

  public JobScope(BackgroundExecutor shared) {
    this.shared = shared;
  }

  @Override
  public <T> BackgroundJob runInBackground(
      String description,
      Work<T> work,
      ProgressListener onProgress,
      Consumer<T> onSuccess,
      Consumer<Throwable> onFailure) {
    if (closed) {
      return BackgroundJob.NONE;
    }
    BackgroundJob[] job = new BackgroundJob[1];
    boolean[] over = new boolean[1];
    job[0] =
        shared.runInBackground(
            description,
            work,
            onProgress,
            result -> {
              over[0] = true;
              running.remove(job[0]);
              onSuccess.accept(result);
            },
            failure -> {
              over[0] = true;
              running.remove(job[0]);
              onFailure.accept(failure);
            });
    if (!over[0]) { // a synchronous executor has already delivered
      running.add(job[0]);
    }
    return job[0];
  }

  /** Abandons every job still running; work submitted afterwards is dropped. */
  @Override
  public void shutdown() {
    closed = true;
    List.copyOf(running).forEach(BackgroundJob::abandon);
    running.clear();
  }
}
