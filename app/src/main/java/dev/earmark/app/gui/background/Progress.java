package dev.earmark.app.gui.background;

/**
 * What background work is handed to tell how far it got and to learn that it was cancelled. The
 * domain's own listeners (storage's {@code ImportListener}, {@code AgreementFigures.Progress})
 * adapt to it in one line each. Thread-safe: called from the worker thread.
 */
public interface Progress {
  /**
   * Tells that {@code done} of {@code total} steps are done (a total of zero or less: not known
   * yet). Only the latest value need reach the UI thread: updates may be coalesced.
   */
  void update(long done, long total);

  /** Whether the job was cancelled; long work checks between steps and stops early. */
  boolean cancelRequested();
}
