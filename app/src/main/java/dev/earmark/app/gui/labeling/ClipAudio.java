package dev.earmark.app.gui.labeling;

import java.nio.file.Path;

/**
 * What the labeling form needs from the waveform and player: show a clip, warm the cache for the
 * next one, and how much of the current clip has been heard (saved with each label).
 */
public interface ClipAudio {
  /** Shows and loads {@code audio} for listening. */
  void open(Path audio);

  /** Reads {@code audio}'s peaks ahead of time (background), so the next clip shows at once. */
  void prefetch(Path audio);

  /** The share of the open clip heard so far, 0 to 1. */
  double heardFraction();

  /** For screens and tests without audio. */
  static ClipAudio none() {
    return new ClipAudio() {
      @Override
      public void open(Path audio) {}

      @Override
      public void prefetch(Path audio) {}

      @Override
      public double heardFraction() {
        return 0;
      }
    };
  }
}
