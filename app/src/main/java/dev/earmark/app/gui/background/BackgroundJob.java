package dev.earmark.app.gui.background;

/**
 * Work handed to the {@link BackgroundExecutor}, which its owner may call off. Used on the UI
 * thread.
 */
public interface BackgroundJob {
  /**
   * Asks the work to stop: it sees {@link Progress#cancelRequested()} and decides what a stopped
   * run returns (an import keeps the chunks it committed); its outcome is still delivered.
   */
  void cancel();

  /**
   * Cancels and drops the outcome: neither callback runs any more. For a result nobody waits for (a
   * newer preview replaced it, the screen closed).
   */
  void abandon();

  /** Whether {@link #cancel} or {@link #abandon} was called. */
  boolean cancelRequested();

  /** A job that is already over, for owners that hold one before anything ran. */
  BackgroundJob NONE =
      new BackgroundJob() {
        @Override
        public void cancel() {}

        @Override
        public void abandon() {}

        @Override
        public boolean cancelRequested() {
          return false;
        }
      };
}
