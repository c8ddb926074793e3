package dev.earmark.app.gui.player;

import dev.earmark.audio.playback.ChannelSelection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Plays one clip at a time. All methods are called on the JavaFX thread; loading happens in the
 * background and is reported through {@link #stateProperty()}. Commands given before a clip is
 * ready (or when playback is unavailable) are remembered where that makes sense (seek, rate, loop)
 * and otherwise ignored, never thrown.
 */
public interface AudioPlayer extends AutoCloseable {

  /** Playback speeds offered by speed down / up, slowest first. */
  List<Double> RATES = List.of(0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0);

  /** Lowest and highest playback rate. */
  double MIN_RATE = 0.25;

  double MAX_RATE = 2.0;

  /** Starts loading {@code file}, replacing any loaded clip. */
  void load(Path file);

  void play();

  void pause();

  /** Plays when paused, pauses when playing. */
  default void togglePlay() {
    if (stateProperty().get() == PlayerState.PLAYING) {
      pause();
    } else {
      play();
    }
  }

  /** Moves the position to {@code seconds}, clamped to the clip (and into the loop region). */
  void seek(double seconds);

  /**
   * The current position in seconds, read fresh from the playback engine (the playhead polls it
   * once per frame, so it must be cheap).
   */
  double position();

  /** Length of the loaded clip in seconds; 0 when nothing is loaded. */
  double duration();

  /**
   * Sets the speed, clamped to {@link #MIN_RATE}..{@link #MAX_RATE}; pitch is kept where the player
   * can.
   */
  void setRate(double rate);

  ReadOnlyDoubleProperty rateProperty();

  /** Loops {@code region} (empty: plays to the end and stops). */
  void setLoop(Optional<LoopRegion> region);

  ReadOnlyObjectProperty<Optional<LoopRegion>> loopProperty();

  /** Which channels are heard (solo / mute); a player that cannot select channels ignores it. */
  default void setChannels(ChannelSelection channels) {}

  /** The channel selection last set; {@link ChannelSelection#ALL} for a new clip. */
  default ReadOnlyObjectProperty<ChannelSelection> channelsProperty() {
    return new SimpleObjectProperty<>(ChannelSelection.ALL);
  }

  ReadOnlyObjectProperty<PlayerState> stateProperty();

  /** One sentence for the user when something went wrong (empty otherwise). */
  ReadOnlyStringProperty messageProperty();

  /** Releases the playback engine; never throws. */
  @Override
  void close();

  /** The next rate up ({@code +1}) or down ({@code -1}) from {@code rate} in {@link #RATES}. */
  static double stepRate(double rate, int direction) {
    if (direction > 0) {
      for (double candidate : RATES) {
        if (candidate > rate + 1e-9) {
          return candidate;
        }
      }
      return MAX_RATE;
    }
    for (int i = RATES.size() - 1; i >= 0; i--) {
      if (RATES.get(i) < rate - 1e-9) {
        return RATES.get(i);
      }
    }
    return MIN_RATE;
  }

  /** {@code rate} clamped to the allowed range. */
  static double clampRate(double rate) {
    return Math.max(MIN_RATE, Math.min(MAX_RATE, rate));
  }
}
