package dev.earmark.app.gui.background;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work as {@link Task}s on a small pool of daemon threads; JavaFX delivers progress (coalesced
 * by {@link Task#updateProgress}) and the outcome on its application thread. Every failure is
 * logged once, with the work's description ({@link #log}), before the caller's {@code onFailure}
 * turns it into a {@link FailureSentence}. After {@link #shutdown} further work is dropped without
 * a callback. Thread-safe.
 */
public final class FxTaskExecutor implements BackgroundExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);
  private final ExecutorService pool;

  /** A pool of {@code threads} daemon threads named {@code earmark-background-N}. */
  public FxTaskExecutor(int threads) {
    AtomicInteger count = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "earmark-background-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public <T> BackgroundJob runInBackground(
      String description,
      Work<T> work,
      ProgressListener onProgress,
      Consumer<T> onSuccess,
      Consumer<Throwable> onFailure) {
    Job<T> job = new Job<>(description, work);
    Task<T> task = job.task;
    task.workDoneProperty()
        .addListener(
            (obs, old, now) -> {
              if (!job.abandoned()) {
                onProgress.progress(
                    (long) task.getWorkDone(), Math.max(0, (long) task.getTotalWork()));
              }
            });
    task.setOnSucceeded(
        event -> {
          if (!job.abandoned()) {
            onSuccess.accept(task.getValue());
          }
        });
    task.setOnFailed(
        event -> {
          if (!(job.cancelRequested() && task.getException() instanceof CancellationException)) {
            log(description, task.getException()); // a cancelled job's stop is no failure
          }
          if (!job.abandoned()) {
            onFailure.accept(task.getException());
          }
        });
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      // Shut down: a closed screen's late callback asking for more work. Nobody wants the result,
      // and throwing on the JavaFX thread would only break whatever runs next.
      job.abandon();
    }
    return job;
  }

  /**
   * Logs a failure once, here, with what the work was doing: a defect with its stack trace (the
   * screen shows only that the log has the details), an expected refusal briefly.
   */
  static void log(String description, Throwable failure) {
    if (FailureSentence.expected(failure)) {
      LOG.debug("{}: {}", description, failure.getMessage());
    } else {
      LOG.error("{} failed unexpectedly", description, failure);
    }
  }

  @Override
  public void shutdown() {
    pool.shutdownNow();
  }

  /**
   * After {@link #shutdown}, waits up to {@code timeout} for the work that was running to end (it
   * was interrupted, not stopped); whether it has. Its outcome may still be waiting for the JavaFX
   * thread. Tests use this to let a window go quiet before the next one opens the same project.
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One piece of work, its progress and its cancel, run as a JavaFX {@link Task}. */
  private static final class Job<T> extends JobState implements Progress {
    private final Runner task;

    Job(String description, Work<T> work) {
      this.task = new Runner(description, work);
    }

    @Override
    public void update(long done, long total) {
      task.report(done, total);
    }

    private final class Runner extends Task<T> {
      private final String description;
      private final Work<T> work;

      Runner(String description, Work<T> work) {
        this.description = description;
        this.work = work;
      }

      @Override
      protected T call() throws Exception {
        updateTitle(description);
        return work.run(Job.this);
      }

      void report(long done, long total) {
        updateProgress(done, total);
      }
    }
  }
}
