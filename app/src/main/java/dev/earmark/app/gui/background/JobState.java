package dev.earmark.app.gui.background;

/**
 * The cancel state every {@link BackgroundJob} keeps, for implementations of {@link
 * BackgroundExecutor}: asked to stop ({@link #cancel}), or also no longer wanted ({@link #abandon},
 * after which the executor delivers nothing). Thread-safe: set on the UI thread, read by the work.
 */
public class JobState implements BackgroundJob {
  private volatile boolean cancelRequested;
  private volatile boolean abandoned;

  @Override
  public final void cancel() {
    cancelRequested = true;
  }

  @Override
  public final void abandon() {
    abandoned = true;
    cancelRequested = true;
  }

  @Override
  public final boolean cancelRequested() {
    return cancelRequested;
  }

  /** Whether the outcome is no longer wanted: the executor drops progress and callbacks. */
  public final boolean abandoned() {
    return abandoned;
  }
}
