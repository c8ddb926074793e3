package dev.earmark.app.gui.background;

import dev.earmark.audio.AudioException;
import dev.earmark.engine.EngineException;
import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one translation of what failed into what a screen shows. A failure Earmark expects is one of
 * a module's exception roots ({@link StorageException}, {@link EngineException}, {@link
 * AudioException}) or a file that cannot be read or written: its message is already a sentence for
 * the user (what went wrong and what to do). Anything else is a defect: the screen says so without
 * showing "null" or a bare class name, and the background seam logs it with its cause ({@link
 * FxTaskExecutor}). Stateless.
 */
public final class FailureSentence {
  private FailureSentence() {}

  /** Whether {@code failure} carries a sentence for the user rather than being a defect. */
  public static boolean expected(Throwable failure) {
    return failure instanceof StorageException
        || failure instanceof EngineException
        || failure instanceof AudioException
        || failure instanceof UncheckedIOException
        || failure instanceof IOException;
  }

  /**
   * The failure as a sentence of its own: the service's message capitalised and ended with a full
   * stop, or, for a defect, that the work could not finish and the log has the details.
   */
  public static String of(Throwable failure) {
    String reason = reason(failure);
    return Character.toUpperCase(reason.charAt(0))
        + reason.substring(1)
        + (reason.endsWith(".") ? "" : ".");
  }

  /**
   * The failure as a reason to follow a screen's own words ("The import stopped: …"): the service's
   * message as it wrote it, or, for a defect, that it was unexpected and the log has the details.
   * Never empty and never "null".
   */
  public static String reason(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
    if (!expected(failure)) {
      return "something unexpected went wrong ("
          + failure.getClass().getSimpleName()
          + "); the log has the details";
    }
    return message.isEmpty() ? "refused without a reason" : message;
  }
}
