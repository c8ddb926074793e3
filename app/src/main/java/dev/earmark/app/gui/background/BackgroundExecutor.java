package dev.earmark.app.gui.background;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one seam for work that must stay off the JavaFX thread (decoding, peak building, spectrogram
 * tiles, database calls). {@code work} runs elsewhere; exactly one of the callbacks then runs on
 * the JavaFX thread (or, in the synchronous test implementation, on the caller's thread), so
 * callers update their properties there without {@code Platform.runLater}.
 */
public interface BackgroundExecutor {

  /**
   * Runs {@code work} in the background.
   *
   * @param description what the work does, in a few words (for progress displays and logs)
   * @param onSuccess receives the result on the UI thread
   * @param onFailure receives what {@code work} threw, on the UI thread
   */
  <T> void submit(
      String description, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

  /** Stops accepting work; running work may finish. */
  void shutdown();
}
