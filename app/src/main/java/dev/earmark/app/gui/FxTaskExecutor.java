package dev.earmark.app.gui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Runs work as {@link Task}s on a small pool of daemon threads; JavaFX delivers the outcome on its
 * application thread. Work submitted after {@link #shutdown} is dropped without a callback: its
 * screen is closed. Thread-safe.
 */
public final class FxTaskExecutor implements BackgroundExecutor {
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
  public <T> void submit(
      String description, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
    Task<T> task =
        new Task<>() {
          @Override
          protected T call() throws Exception {
            updateTitle(description);
            return work.call();
          }
        };
    task.setOnSucceeded(event -> onSuccess.accept(task.getValue()));
    task.setOnFailed(event -> onFailure.accept(task.getException()));
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      // Shut down: the screen that asked is closed and nobody waits for the outcome (a load that
      // finished after its screen closed may still ask to read ahead). Dropped on purpose.
    }
  }

  @Override
  public void shutdown() {
    pool.shutdownNow();
  }
}
