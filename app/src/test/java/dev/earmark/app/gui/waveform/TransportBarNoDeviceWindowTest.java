package dev.earmark.app.gui.waveform;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.player.EngineAudioPlayer;
import dev.earmark.app.gui.player.PlayerState;
import dev.earmark.audio.peaks.PeakCache;
import dev.earmark.audio.playback.ChannelSelection;
import dev.earmark.audio.playback.PlaybackEngine;
import dev.earmark.audio.spectrogram.SpectrogramSettings;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The transport bar on the real playback engine, in a window on a machine where no sound device can
 * play (the app's test configuration points Java Sound at a sound server that never runs): the play
 * button never claims to play, the bar says why, the speed goes down to 0.25×, and solo / mute
 * buttons exist only for multichannel clips and change the player's channel selection.
 */
@ExtendWith(ApplicationExtension.class)
class TransportBarNoDeviceWindowTest {
  private static final int RATE = 16_000;

  private final FxTaskExecutor executor = new FxTaskExecutor(2);
  private EngineAudioPlayer player;
  private WaveformViewModel model;
  private TransportBar bar;
  @TempDir Path dir;
  private Path stereo;
  private Path mono;

  @Start
  void start(Stage stage) throws Exception {
    stereo =
        TestClips.writeWav(
            dir.resolve("stereo.wav"), RATE, 2, RATE * 3L, TestClips.speechLike(RATE));
    mono =
        TestClips.writeWav(dir.resolve("mono.wav"), RATE, 1, RATE * 3L, TestClips.speechLike(RATE));
    player = new EngineAudioPlayer(executor);
    model =
        new WaveformViewModel(
            executor,
            player,
            PeakLoader.cached(new PeakCache(dir.resolve("peaks"))),
            SpectrogramSettings.defaults());
    WaveformView view = new WaveformView(model, executor);
    bar = new TransportBar(model);
    VBox root = new VBox(view, bar);
    VBox.setVgrow(view, Priority.ALWAYS);
    stage.setScene(new Scene(root, 1280, 300));
    stage.sizeToScene();
    stage.show();
  }

  @AfterEach
  void stop() throws Exception {
    fx(
        () -> {
          player.close();
          return null;
        });
    executor.shutdown();
  }

  private void open(Path clip) throws Exception {
    fx(
        () -> {
          model.open(clip);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    model.clipProperty().get() != null
                        && model.clipProperty().get().file().equals(clip)
                        && player.stateProperty().get() != PlayerState.LOADING));
    WaitForAsyncUtils.waitForFxEvents();
  }

  private <T> T node(String id, Class<T> type) throws Exception {
    return type.cast(fx(() -> bar.lookup("#" + id)));
  }

  @Test
  void withNoDevicePlayNeverTurnsIntoPauseAndTheBarSaysNoDeviceCanPlay() throws Exception {
    open(mono);
    Button play = node("playButton", Button.class);
    Label status = node("playbackStatus", Label.class);

    assertThat(fx(() -> player.stateProperty().get())).isEqualTo(PlayerState.UNAVAILABLE);
    assertThat(fx(status::isVisible)).isTrue();
    assertThat(fx(status::getText)).startsWith(PlaybackEngine.NO_DEVICE);

    fx(
        () -> {
          model.togglePlay();
          player.play();
          play.fire();
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(play::getText)).isEqualTo("Play");
    assertThat(fx(play::isDisabled)).isTrue();
    assertThat(fx(() -> player.stateProperty().get())).isEqualTo(PlayerState.UNAVAILABLE);

    fx(
        () -> {
          player.seek(1.5);
          return null;
        });
    assertThat(fx(player::position)).as("seeking still works").isEqualTo(1.5);
    assertThat(Thread.getAllStackTraces().keySet())
        .as("no playback writer runs (and spins) without a device")
        .noneMatch(thread -> thread.getName().equals("earmark-playback"));
  }

  @Test
  void theSpeedControlGoesDownToAQuarterSpeed() throws Exception {
    open(mono);
    fx(
        () -> {
          for (int i = 0; i < 10; i++) {
            model.speedDown();
          }
          return null;
        });
    assertThat(fx(() -> node("speedLabel", Label.class).getText())).isEqualTo("0.25×");
    assertThat(fx(() -> player.rateProperty().get())).isEqualTo(0.25);
  }

  @Test
  void soloAndMuteButtonsAppearOnlyForMultichannelClipsAndSelectChannels() throws Exception {
    open(mono);
    assertThat(node("solo1", ToggleButton.class)).isNull();
    assertThat(node("mute1", ToggleButton.class)).isNull();

    open(stereo);
    ButtonBase solo2 = node("solo2", ToggleButton.class);
    ButtonBase mute1 = node("mute1", ToggleButton.class);
    assertThat(solo2).isNotNull();
    assertThat(node("solo1", ToggleButton.class)).isNotNull();
    assertThat(node("mute2", ToggleButton.class)).isNotNull();
    assertThat(node("solo3", ToggleButton.class)).isNull();

    fx(
        () -> {
          solo2.fire();
          return null;
        });
    ChannelSelection afterSolo = fx(() -> player.channelsProperty().get());
    assertThat(afterSolo.isSoloed(1)).isTrue();
    assertThat(afterSolo.audible(0)).isFalse();
    assertThat(afterSolo.audible(1)).isTrue();

    fx(
        () -> {
          solo2.fire();
          mute1.fire();
          return null;
        });
    ChannelSelection afterMute = fx(() -> player.channelsProperty().get());
    assertThat(afterMute.isSoloed(1)).isFalse();
    assertThat(afterMute.isMuted(0)).isTrue();
    assertThat(afterMute.audible(0)).isFalse();
    assertThat(afterMute.audible(1)).isTrue();

    open(mono);
    assertThat(node("solo1", ToggleButton.class)).isNull();
    assertThat(fx(() -> player.channelsProperty().get())).isEqualTo(ChannelSelection.ALL);
  }
}
