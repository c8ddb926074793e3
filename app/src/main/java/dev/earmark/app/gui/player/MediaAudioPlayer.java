package dev.earmark.app.gui.player;

import dev.earmark.app.gui.BackgroundExecutor;
import dev.earmark.audio.decode.InvalidAudioException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.media.Media;
import javafx.scene.media.MediaException;
import javafx.scene.media.MediaPlayer;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AudioPlayer} on JavaFX {@link MediaPlayer}. Formats JavaFX cannot read are first
 * decoded into a cached WAV by {@link PlayableAudio}, in the background. A region loop uses the
 * media player's own start/stop times with an indefinite cycle count, so looping is gapless and
 * needs no timer.
 *
 * <p>Without a sound card JavaFX cannot create a player; the player then reports {@link
 * PlayerState#UNAVAILABLE} with the message {@value #NO_OUTPUT_DEVICE} and keeps a position that
 * seeks move, so the waveform still works. Not thread-safe: JavaFX thread only.
 */
public final class MediaAudioPlayer implements AudioPlayer {
  /** What the user reads when the machine has no audio output. */
  public static final String NO_OUTPUT_DEVICE = "no audio output device: playback unavailable";

  private static final Logger LOG = LoggerFactory.getLogger(MediaAudioPlayer.class);

  private final BackgroundExecutor executor;
  private final PlayableAudio playable;
  private final ReadOnlyObjectWrapper<PlayerState> state =
      new ReadOnlyObjectWrapper<>(this, "state", PlayerState.EMPTY);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyDoubleWrapper rate = new ReadOnlyDoubleWrapper(this, "rate", 1.0);
  private final ReadOnlyObjectWrapper<Optional<LoopRegion>> loop =
      new ReadOnlyObjectWrapper<>(this, "loop", Optional.empty());

  private MediaPlayer mediaPlayer;
  private long generation;
  private double duration;

  /** The position while no media player exists (loading, or playback unavailable). */
  private double detachedPosition;

  public MediaAudioPlayer(BackgroundExecutor executor, PlayableAudio playable) {
    this.executor = executor;
    this.playable = playable;
  }

  @Override
  public void load(Path clip) {
    disposePlayer();
    long current = ++generation;
    duration = 0;
    detachedPosition = 0;
    message.set("");
    state.set(PlayerState.LOADING);
    executor.submit(
        "prepare " + clip.getFileName() + " for playback",
        () -> playable.playableFile(clip),
        file -> {
          if (current == generation) {
            open(file);
          }
        },
        error -> {
          if (current == generation) {
            LOG.warn("cannot prepare {} for playback", clip, error);
            unavailable(
                "cannot play "
                    + clip.getFileName()
                    + ": "
                    + (error instanceof InvalidAudioException invalid
                        ? invalid.invalid().message()
                        : error.getMessage()));
          }
        });
  }

  private void open(Path file) {
    MediaPlayer player;
    try {
      Media media = new Media(file.toUri().toString());
      player = new MediaPlayer(media);
    } catch (MediaException e) {
      LOG.warn("JavaFX cannot create a media player for {}", file, e);
      unavailable(describe(e));
      return;
    }
    mediaPlayer = player;
    player.setOnError(
        () -> {
          if (mediaPlayer == player) {
            LOG.warn("media player failed on {}", file, player.getError());
            disposePlayer();
            unavailable(describe(player.getError()));
          }
        });
    player.setOnReady(
        () -> {
          duration = player.getMedia().getDuration().toSeconds();
          player.setRate(rate.get());
          applyLoop(player, loop.get());
          if (detachedPosition > 0) {
            player.seek(Duration.seconds(clamp(detachedPosition)));
          }
          state.set(PlayerState.PAUSED);
        });
    player.setOnPlaying(() -> state.set(PlayerState.PLAYING));
    player.setOnPaused(() -> state.set(PlayerState.PAUSED));
    player.setOnStopped(() -> state.set(PlayerState.PAUSED));
    player.setOnEndOfMedia(
        () -> {
          if (loop.get().isEmpty()) {
            player.pause();
            state.set(PlayerState.PAUSED);
          }
        });
  }

  /** The user's sentence for a media failure; "could not create player" means no audio device. */
  static String describe(MediaException error) {
    return describe(error == null ? "" : String.valueOf(error.getMessage()));
  }

  static String describe(String text) {
    if (text.contains("Could not create player") || text.contains("ERROR_MEDIA_AUDIO")) {
      return NO_OUTPUT_DEVICE;
    }
    return "playback failed: " + text;
  }

  private void unavailable(String why) {
    message.set(why);
    state.set(PlayerState.UNAVAILABLE);
  }

  @Override
  public void play() {
    if (mediaPlayer == null || state.get() == PlayerState.LOADING) {
      return;
    }
    if (loop.get().isEmpty() && duration > 0 && position() >= duration - 0.02) {
      mediaPlayer.seek(Duration.ZERO); // play again from the start after the end
    }
    mediaPlayer.play();
  }

  @Override
  public void pause() {
    if (mediaPlayer != null) {
      mediaPlayer.pause();
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
    if (mediaPlayer != null && state.get() != PlayerState.LOADING) {
      mediaPlayer.seek(Duration.seconds(target));
    }
  }

  private double clamp(double seconds) {
    double max = duration > 0 ? duration : Double.MAX_VALUE;
    return Math.max(0, Math.min(max, seconds));
  }

  @Override
  public double position() {
    if (mediaPlayer != null && state.get() != PlayerState.LOADING) {
      Duration time = mediaPlayer.getCurrentTime();
      if (time != null && !time.isUnknown()) {
        return time.toSeconds();
      }
    }
    return detachedPosition;
  }

  @Override
  public double duration() {
    return duration;
  }

  @Override
  public void setRate(double requested) {
    rate.set(AudioPlayer.clampRate(requested));
    if (mediaPlayer != null) {
      mediaPlayer.setRate(rate.get());
    }
  }

  @Override
  public ReadOnlyDoubleProperty rateProperty() {
    return rate.getReadOnlyProperty();
  }

  @Override
  public void setLoop(Optional<LoopRegion> region) {
    loop.set(region);
    if (mediaPlayer != null && state.get() != PlayerState.LOADING) {
      applyLoop(mediaPlayer, region);
    }
    if (region.isPresent() && !region.get().contains(position())) {
      seek(region.get().startSeconds());
    }
  }

  private static void applyLoop(MediaPlayer player, Optional<LoopRegion> region) {
    if (region.isPresent()) {
      player.setStartTime(Duration.seconds(region.get().startSeconds()));
      player.setStopTime(Duration.seconds(region.get().endSeconds()));
      player.setCycleCount(MediaPlayer.INDEFINITE);
    } else {
      player.setStartTime(Duration.ZERO);
      player.setStopTime(player.getMedia().getDuration());
      player.setCycleCount(1);
    }
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

  private void disposePlayer() {
    if (mediaPlayer != null) {
      MediaPlayer old = mediaPlayer;
      mediaPlayer = null;
      old.dispose();
    }
  }

  @Override
  public void close() {
    generation++;
    disposePlayer();
    state.set(PlayerState.EMPTY);
  }
}
