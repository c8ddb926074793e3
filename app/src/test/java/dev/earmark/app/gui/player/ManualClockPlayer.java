package dev.earmark.app.gui.player;

import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A test double of the JavaFX media boundary only: an {@link AudioPlayer} whose clock is moved by
 * the test ({@link #advance}) instead of a sound card, so view-model tests of seeking, looping,
 * following and speed are deterministic. Playback itself is tested on the real engine in the audio
 * module's {@code PlaybackOnRealSinkTest}.
 */
public final class ManualClockPlayer implements AudioPlayer {
  private final ReadOnlyObjectWrapper<PlayerState> state =
      new ReadOnlyObjectWrapper<>(PlayerState.EMPTY);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyDoubleWrapper rate = new ReadOnlyDoubleWrapper(1.0);
  private final ReadOnlyObjectWrapper<Optional<LoopRegion>> loop =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final double duration;
  private double position;
  private Path loaded;
  private boolean lateSeeks;
  private boolean overshootLoops;
  private double seekTarget = Double.NaN;

  /** A player whose every clip lasts {@code durationSeconds}. */
  public ManualClockPlayer(double durationSeconds) {
    this.duration = durationSeconds;
  }

  /** Lets {@code seconds} of wall-clock time pass. */
  public void advance(double seconds) {
    if (state.get() != PlayerState.PLAYING) {
      return;
    }
    position += seconds * rate.get();
    Optional<LoopRegion> region = loop.get();
    if (region.isPresent() && !overshootLoops) {
      LoopRegion r = region.get();
      while (position >= r.endSeconds()) {
        position -= r.lengthSeconds();
      }
    }
    if (position >= duration) {
      position = duration;
      state.set(PlayerState.PAUSED);
    }
  }

  /**
   * Makes seeks take effect only at {@link #completeSeek()}, as MediaPlayer's asynchronous seeks
   * do: until then {@link #position()} reports the old position.
   */
  public void seekLate(boolean late) {
    lateSeeks = late;
  }

  /**
   * Makes the engine ignore the loop's end and play on, as MediaPlayer does on a device without a
   * clock; whoever drives the player must wrap it.
   */
  public void overshootLoops(boolean overshoot) {
    overshootLoops = overshoot;
  }

  /** Applies a seek held back by {@link #seekLate}. */
  public void completeSeek() {
    if (!Double.isNaN(seekTarget)) {
      position = seekTarget;
      seekTarget = Double.NaN;
    }
  }

  public Path loaded() {
    return loaded;
  }

  @Override
  public void load(Path file) {
    loaded = file;
    position = 0;
    state.set(PlayerState.PAUSED);
  }

  @Override
  public void play() {
    if (state.get() == PlayerState.PAUSED) {
      state.set(PlayerState.PLAYING);
    }
  }

  @Override
  public void pause() {
    if (state.get() == PlayerState.PLAYING) {
      state.set(PlayerState.PAUSED);
    }
  }

  @Override
  public void seek(double seconds) {
    double target = Math.max(0, Math.min(duration, seconds));
    if (loop.get().isPresent() && !loop.get().get().contains(target)) {
      target = loop.get().get().startSeconds();
    }
    if (lateSeeks) {
      seekTarget = target;
    } else {
      position = target;
    }
  }

  @Override
  public double position() {
    return position;
  }

  @Override
  public double duration() {
    return duration;
  }

  @Override
  public void setRate(double requested) {
    rate.set(AudioPlayer.clampRate(requested));
  }

  @Override
  public ReadOnlyDoubleProperty rateProperty() {
    return rate.getReadOnlyProperty();
  }

  @Override
  public void setLoop(Optional<LoopRegion> region) {
    loop.set(region);
  }

  @Override
  public ReadOnlyObjectProperty<Optional<LoopRegion>> loopProperty() {
    return loop.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyObjectProperty<PlayerState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  @Override
  public void close() {
    state.set(PlayerState.EMPTY);
  }
}
