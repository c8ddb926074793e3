package dev.earmark.app.gui.player;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.audio.decode.InvalidAudioException;
import dev.earmark.audio.playback.ChannelSelection;
import dev.earmark.audio.playback.PcmClip;
import dev.earmark.audio.playback.PlaybackEngine;
import dev.earmark.audio.playback.PlaybackStatus;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AudioPlayer} on the audio module's {@link PlaybackEngine}: pitch-kept speed from 0.25×
 * to 2×, gapless loops, solo / mute per channel, and a position that is what the device played. The
 * clip is decoded and the output line opened in the background; the engine's status changes reach
 * the JavaFX thread through {@link Platform#runLater}.
 *
 * <p>When no device can play (none opens, or the one opened takes no audio), the player is {@link
 * PlayerState#UNAVAILABLE} with the engine's sentence as its message, never {@link
 * PlayerState#PLAYING}; seeks still move the position so the waveform works. JavaFX thread only.
 */
public final class EngineAudioPlayer implements AudioPlayer {
  private static final Logger LOG = LoggerFactory.getLogger(EngineAudioPlayer.class);

  private final BackgroundExecutor executor;
  private final ReadOnlyObjectWrapper<PlayerState> state =
      new ReadOnlyObjectWrapper<>(this, "state", PlayerState.EMPTY);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyDoubleWrapper rate = new ReadOnlyDoubleWrapper(this, "rate", 1.0);
  private final ReadOnlyObjectWrapper<Optional<LoopRegion>> loop =
      new ReadOnlyObjectWrapper<>(this, "loop", Optional.empty());
  private final ReadOnlyObjectWrapper<ChannelSelection> channels =
      new ReadOnlyObjectWrapper<>(this, "channels", ChannelSelection.ALL);

  private PlaybackEngine engine;
  private long generation;
  private double duration;

  /** The position while no engine exists (loading, or the clip cannot be read). */
  private double detachedPosition;

  public EngineAudioPlayer(BackgroundExecutor executor) {
    this.executor = executor;
  }

  @Override
  public void load(Path clip) {
    closeEngine();
    long current = ++generation;
    duration = 0;
    detachedPosition = 0;
    channels.set(ChannelSelection.ALL);
    message.set("");
    state.set(PlayerState.LOADING);
    executor.inBackground(
        "prepare " + clip.getFileName() + " for playback",
        () -> {
          PcmClip pcm = PcmClip.load(clip);
          return new PlaybackEngine(
              pcm, (status, why) -> Platform.runLater(() -> heard(current, status, why)));
        },
        opened -> {
          if (current != generation) {
            opened.close();
            return;
          }
          engine = opened;
          duration = opened.durationSeconds();
          opened.setRate(rate.get());
          applyLoop();
          if (detachedPosition > 0) {
            opened.seek(clamp(detachedPosition));
          }
          show(opened.status(), opened.message());
        },
        error -> {
          if (current == generation) {
            LOG.warn("cannot prepare {} for playback", clip, error);
            message.set(
                "cannot play "
                    + clip.getFileName()
                    + ": "
                    + (error instanceof InvalidAudioException invalid
                        ? invalid.invalid().message()
                        : FailureSentence.reason(error)));
            state.set(PlayerState.UNAVAILABLE);
          }
        });
  }

  private void heard(long forGeneration, PlaybackStatus status, String why) {
    if (forGeneration == generation && engine != null) {
      show(engine.status(), engine.message());
    }
  }

  private void show(PlaybackStatus status, String why) {
    switch (status) {
      case PLAYING -> state.set(PlayerState.PLAYING);
      case PAUSED, ENDED -> state.set(PlayerState.PAUSED);
      case UNAVAILABLE -> {
        if (state.get() != PlayerState.UNAVAILABLE) {
          LOG.warn("playback unavailable: {}", why);
        }
        message.set(why);
        state.set(PlayerState.UNAVAILABLE);
        return;
      }
    }
    message.set("");
  }

  private void refresh() {
    if (engine != null) {
      show(engine.status(), engine.message());
    }
  }

  @Override
  public void play() {
    if (engine != null) {
      engine.play();
      refresh();
    }
  }

  @Override
  public void pause() {
    if (engine != null) {
      engine.pause();
      refresh();
    }
  }

  @Override
  public void seek(double seconds) {
    double target = clamp(seconds);
    Optional<LoopRegion> region = loop.get();
    if (region.isPresent() && !region.get().contains(target)) {
      target = region.get().startSeconds();
    }
    detachedPosition = target;
    if (engine != null) {
      engine.seek(target);
      refresh();
    }
  }

  private double clamp(double seconds) {
    double max = duration > 0 ? duration : Double.MAX_VALUE;
    return Math.max(0, Math.min(max, seconds));
  }

  @Override
  public double position() {
    return engine == null ? detachedPosition : engine.positionSeconds();
  }

  @Override
  public double duration() {
    return duration;
  }

  @Override
  public void setRate(double requested) {
    rate.set(AudioPlayer.clampRate(requested));
    if (engine != null) {
      engine.setRate(rate.get());
    }
  }

  @Override
  public ReadOnlyDoubleProperty rateProperty() {
    return rate.getReadOnlyProperty();
  }

  @Override
  public void setLoop(Optional<LoopRegion> region) {
    loop.set(region);
    applyLoop();
    if (region.isPresent() && !region.get().contains(position())) {
      seek(region.get().startSeconds());
    }
  }

  private void applyLoop() {
    if (engine == null) {
      return;
    }
    Optional<LoopRegion> region = loop.get();
    if (region.isPresent()) {
      engine.setLoop(region.get().startSeconds(), region.get().endSeconds());
    } else {
      engine.clearLoop();
    }
  }

  @Override
  public ReadOnlyObjectProperty<Optional<LoopRegion>> loopProperty() {
    return loop.getReadOnlyProperty();
  }

  @Override
  public void setChannels(ChannelSelection selection) {
    channels.set(selection);
    if (engine != null) {
      engine.setChannels(selection);
    }
  }

  @Override
  public ReadOnlyObjectProperty<ChannelSelection> channelsProperty() {
    return channels.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyObjectProperty<PlayerState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  private void closeEngine() {
    if (engine != null) {
      PlaybackEngine old = engine;
      engine = null;
      old.close();
    }
  }

  @Override
  public void close() {
    generation++;
    closeEngine();
    state.set(PlayerState.EMPTY);
  }
}
