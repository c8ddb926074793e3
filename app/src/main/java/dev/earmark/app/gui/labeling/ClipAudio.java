package dev.earmark.app.gui.labeling;

import java.nio.file.Path;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;

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
  default double heardFraction() {
    return heardProperty().get();
  }

  /**
   * The share of the open clip heard so far, 0 to 1, as it changes while the clip plays (it drops
   * to 0 when another clip is shown): what unlocks a TTS rating.
   */
  ReadOnlyDoubleProperty heardProperty();

  /**
   * Why the open clip cannot be heard here (no sound device, unreadable file), in one sentence;
   * empty while it can be.
   */
  default ReadOnlyStringProperty cannotPlayProperty() {
    return new SimpleStringProperty("");
  }

  /** For screens and tests without audio: nothing is ever heard. */
  static ClipAudio none() {
    return listenedBy(new SimpleDoubleProperty(0));
  }

  /**
   * For tests: a clip audio whose heard share is {@code heard}, which the test sets to stand for
   * listening.
   */
  static ClipAudio listenedBy(ReadOnlyDoubleProperty heard) {
    return new ClipAudio() {
      @Override
      public void open(Path audio) {}

      @Override
      public void prefetch(Path audio) {}

      @Override
      public ReadOnlyDoubleProperty heardProperty() {
        return heard;
      }
    };
  }
}
