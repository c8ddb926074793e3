package dev.earmark.app.gui.background;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one seam for work that must stay off the JavaFX thread (decoding, peak building, spectrogram
 * tiles, database calls). {@code work} runs elsewhere; its progress and then exactly one of the
 * callbacks run on the JavaFX thread (or, in the synchronous test implementation, on the caller's
 * thread), so callers update their properties there without {@code Platform.runLater}. Every
 * failure is logged once by the implementation, with the work's description.
 */
public interface BackgroundExecutor {

  /** Work that may tell its progress and see a cancel. */
  @FunctionalInterface
  interface Work<T> {
    T run(Progress progress) throws Exception;
  }

  /** Receives a job's latest progress on the UI thread. */
  @FunctionalInterface
  interface ProgressListener {
    /** {@code done} of {@code total} steps (total zero or less: not known yet). */
    void progress(long done, long total);

    /** For work whose progress nobody shows. */
    ProgressListener IGNORED = (done, total) -> {};
  }

  /**
   * Runs {@code work} in the background.
   *
   * @param description what the work does, in a few words (for progress displays and logs)
   * @param work the work; it reports through the {@link Progress} it is handed
   * @param onProgress receives the work's latest progress on the UI thread
   * @param onSuccess receives the result on the UI thread
   * @param onFailure receives what {@code work} threw, on the UI thread
   * @return the job, to cancel or abandon
   */
  <T> BackgroundJob runInBackground(
      String description,
      Work<T> work,
      ProgressListener onProgress,
      Consumer<T> onSuccess,
      Consumer<Throwable> onFailure);

  /**
   * {@link #runInBackground} for work that tells no progress and is never called off: the usual
   * database read or write of a screen.
   */
  default <T> void inBackground(
      String description, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
    runInBackground(
        description, progress -> work.call(), ProgressListener.IGNORED, onSuccess, onFailure);
  }

  /** Stops accepting work; running work may finish. */
  void shutdown();
}
