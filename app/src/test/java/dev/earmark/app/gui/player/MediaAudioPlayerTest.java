package dev.earmark.app.gui.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earmark.app.gui.FxTaskExecutor;
import dev.earmark.app.gui.waveform.TestClips;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real JavaFX player on real files. Machines without an audio device cannot create a media
 * player at all: there the tests are skipped (and say so in the log) after checking that the player
 * reports it in a sentence. Nothing here asserts on playback timing.
 */
@ExtendWith(ApplicationExtension.class)
class MediaAudioPlayerTest {
  private static final Logger LOG = LoggerFactory.getLogger(MediaAudioPlayerTest.class);

  @TempDir Path dir;
  private final FxTaskExecutor executor = new FxTaskExecutor(1);
  private MediaAudioPlayer player;

  @Start
  void start(Stage stage) {
    player = new MediaAudioPlayer(executor, new PlayableAudio(dir.resolve("playback")));
  }

  @AfterEach
  void close() throws Exception {
    fx(
        () -> {
          player.close();
          return null;
        });
    executor.shutdown();
  }

  private static <T> T fx(Callable<T> action) throws Exception {
    return WaitForAsyncUtils.waitForAsyncFx(10_000, action);
  }

  /** Loads {@code clip} and waits until it is ready; skips the test if playback is unavailable. */
  private void loadOrSkip(Path clip) throws Exception {
    fx(
        () -> {
          player.load(clip);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> {
          PlayerState state = fx(() -> player.stateProperty().get());
          return state == PlayerState.PAUSED || state == PlayerState.UNAVAILABLE;
        });
    if (fx(() -> player.stateProperty().get()) == PlayerState.UNAVAILABLE) {
      String why = fx(() -> player.messageProperty().get());
      assertThat(why).isNotBlank();
      LOG.warn("skipping the playback test: {} (see STACK.md for an ALSA null device)", why);
      assumeTrue(false, "playback unavailable on this machine: " + why);
    }
  }

  @Test
  void playsASixteenBitWavDirectly() throws Exception {
    Path clip =
        TestClips.writeWav(
            dir.resolve("clip.wav"), 16_000, 1, 48_000, TestClips.speechLike(16_000));
    loadOrSkip(clip);
    assertThat(fx(player::duration)).isCloseTo(3.0, within(0.01));
    assertSeekRateAndLoopWork();
    assertThat(dir.resolve("playback")).doesNotExist();
  }

  @Test
  void playsAFlacThroughItsDecodedCopy() throws Exception {
    Path wav =
        TestClips.writeWav(
            dir.resolve("clip.wav"), 16_000, 2, 48_000, TestClips.speechLike(16_000));
    Path flac = PlayableAudioTest.sox(wav, dir.resolve("clip.flac"));
    loadOrSkip(flac);
    assertThat(fx(player::duration)).isCloseTo(3.0, within(0.01));
    assertSeekRateAndLoopWork();
    assertThat(dir.resolve("playback")).isDirectoryContaining("glob:**.wav");
  }

  private void assertSeekRateAndLoopWork() throws Exception {
    fx(
        () -> {
          player.seek(1.25);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> Math.abs(fx(player::position) - 1.25) < 0.05);
    fx(
        () -> {
          player.setRate(1.5);
          player.setRate(9);
          return null;
        });
    assertThat(fx(() -> player.rateProperty().get())).isEqualTo(2.0);
    fx(
        () -> {
          player.setLoop(Optional.of(new LoopRegion(2.0, 2.5)));
          return null;
        });
    WaitForAsyncUtils.waitFor( // moved into the loop (MediaPlayer seeks asynchronously)
        5, TimeUnit.SECONDS, () -> Math.abs(fx(player::position) - 2.0) < 0.05);
    fx(
        () -> {
          player.play();
          return null;
        });
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> fx(() -> player.stateProperty().get()) == PlayerState.PLAYING);
    fx(
        () -> {
          player.pause();
          return null;
        });
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> fx(() -> player.stateProperty().get()) == PlayerState.PAUSED);
  }

  @Test
  void aMissingAudioDeviceBecomesTheDocumentedSentence() {
    assertThat(MediaAudioPlayer.describe("Could not create player!"))
        .isEqualTo("no audio output device: playback unavailable");
    assertThat(MediaAudioPlayer.describe("bad header")).isEqualTo("playback failed: bad header");
  }

  @Test
  void anUnplayableFileLeavesThePlayerUnavailableWithAReason() throws Exception {
    Path text = java.nio.file.Files.writeString(dir.resolve("notes.wav"), "no audio here");
    fx(
        () -> {
          player.load(text);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> fx(() -> player.stateProperty().get()) == PlayerState.UNAVAILABLE);
    assertThat(fx(() -> player.messageProperty().get()))
        .startsWith("cannot play notes.wav: not an audio file");
    fx(
        () -> {
          player.play(); // ignored, never thrown
          player.seek(3);
          return null;
        });
    assertThat(fx(player::position)).isEqualTo(3.0);
  }
}
