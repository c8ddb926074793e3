package dev.earmark.app.gui.labeling;

import java.time.Duration;

/**
 * Runs an action once after a quiet period (autosave after typing stops). The JavaFX implementation
 * uses a timeline; tests pass one they advance by hand.
 */
@FunctionalInterface
public interface Debouncer {
  /**
   * Runs {@code action} after {@code delay} on the UI thread, unless cancelled first.
   *
   * @return cancels the run if it has not happened yet
   */
  Runnable schedule(Duration delay, Runnable action);
}
