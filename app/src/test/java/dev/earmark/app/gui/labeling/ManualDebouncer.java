package dev.earmark.app.gui.labeling;

import java.time.Duration;

/** A {@link Debouncer} the test advances by hand: it remembers the last scheduled action only. */
final class ManualDebouncer implements Debouncer {
  private Runnable pending;
  private Duration delay;
  private int scheduled;

  @Override
  public Runnable schedule(Duration delay, Runnable action) {
    this.delay = delay;
    this.pending = action;
    scheduled++;
    Runnable mine = action;
    return () -> {
      if (pending == mine) {
        pending = null;
      }
    };
  }

  /** Lets the quiet period end: runs the pending action, if any. */
  void elapse() {
    Runnable action = pending;
    pending = null;
    if (action != null) {
      action.run();
    }
  }

  boolean hasPending() {
    return pending != null;
  }

  Duration lastDelay() {
    return delay;
  }

  int scheduled() {
    return scheduled;
  }
}
