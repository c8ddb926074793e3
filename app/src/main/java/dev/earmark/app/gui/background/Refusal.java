package dev.earmark.app.gui.background;

import dev.earmark.engine.EngineException;
import dev.earmark.storage.StorageException;

/** Turns what a storage service threw into the one line a screen shows. */
public final class Refusal {
  private Refusal() {}

  /**
   * The service's own sentence (a {@link StorageException} or {@link EngineException} says what
   * went wrong and what to do), capitalised and ended with a full stop; anything else is an
   * unexpected failure and says so with its cause.
   */
  public static String sentence(Throwable failure) {
    if (failure instanceof StorageException || failure instanceof EngineException) {
      String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
      if (message.isEmpty()) {
        return "Refused without a reason.";
      }
      return Character.toUpperCase(message.charAt(0))
          + message.substring(1)
          + (message.endsWith(".") ? "" : ".");
    }
    return "Could not finish: " + failure;
  }
}
