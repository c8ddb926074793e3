package dev.earmark.storage.demo;

/**
 * Told of each step of building the demo project, in order, on the building thread; the workbench
 * shows it as a progress bar during its first run (a build takes tens of seconds: the clips are
 * imported with their QE features).
 */
@FunctionalInterface
public interface DemoProgress {
  /** Ignores every step. */
  DemoProgress NONE = (step, of, what) -> {};

  /**
   * Step {@code step} of {@code of} (1-based) starts.
   *
   * @param what the step in a few words, e.g. "Importing the clips"
   */
  void step(int step, int of, String what);
}
