package dev.earmark.app.gui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/** Runs a piece of a window test on the JavaFX thread and waits for its result. */
public final class FxThread {
  private FxThread() {}

  /**
   * The result of {@code call} run on the JavaFX thread (at once when already on it), waiting at
   * most 30 s; any failure is rethrown unchecked so that test bodies stay plain.
   */
  public static <T> T fx(Callable<T> call) {
    try {
      if (Platform.isFxApplicationThread()) {
        return call.call();
      }
      return WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
