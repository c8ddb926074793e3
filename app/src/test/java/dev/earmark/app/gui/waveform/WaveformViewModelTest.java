package dev.earmark.app.gui.waveform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.earmark.app.gui.CurrentThreadExecutor;
import dev.earmark.app.gui.player.LoopRegion;
import dev.earmark.app.gui.player.ManualClockPlayer;
import dev.earmark.app.gui.player.PlayerState;
import dev.earmark.audio.peaks.PeakCache;
import dev.earmark.audio.spectrogram.SpectrogramSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The waveform's rules on a real 10-second WAV, with the player's clock driven by the test. */
class WaveformViewModelTest {
  private static final int RATE = 8_000;
  private static final double SECONDS = 10;

  @TempDir Path dir;
  private Path clip;
  private final CurrentThreadExecutor executor = new CurrentThreadExecutor();
  private final ManualClockPlayer player = new ManualClockPlayer(SECONDS);
  private WaveformViewModel model;

  @BeforeEach
  void openClip() throws IOException {
    clip =
        TestClips.writeWav(
            dir.resolve("clip.wav"), RATE, 2, (long) (RATE * SECONDS), TestClips.speechLike(RATE));
    model =
        new WaveformViewModel(
            executor,
            player,
            PeakLoader.cached(new PeakCache(dir.resolve("peaks"))),
            SpectrogramSettings.defaults());
    model.setWidth(1000);
    model.open(clip);
  }

  @Test
  void openingShowsTheWholeClipAndLoadsThePlayer() throws IOException {
    assertThat(model.loadingProperty().get()).isFalse();
    assertThat(model.messageProperty().get()).isEmpty();
    WaveformClip opened = model.clipProperty().get();
    assertThat(opened.channels()).isEqualTo(2);
    assertThat(opened.info().frames()).isEqualTo(80_000);
    assertThat(model.viewport().isFit()).isTrue();
    assertThat(model.viewport().framesPerPixel()).isEqualTo(80.0);
    assertThat(player.loaded()).isEqualTo(clip);
    assertThat(Files.list(dir.resolve("peaks"))).hasSize(1); // peaks were cached for next time
  }

  @Test
  void aFileThatIsNotAudioBecomesASentenceNotAnException() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.wav"), "not audio at all");
    model.open(text);
    assertThat(model.messageProperty().get())
        .startsWith("Cannot show notes.wav: not an audio file")
        .doesNotContain(dir.toString());
    assertThat(model.loadingProperty().get()).isFalse();
    assertThat(model.clipProperty().get().file()).isEqualTo(clip); // the old clip stays
  }

  @Test
  void keyZoomDoublesAroundTheVisiblePlayheadAndFitRestores() {
    model.seek(2.5); // x = 2.5 s * 8000 / 80 = 250
    model.zoomIn();
    assertThat(model.viewport().framesPerPixel()).isEqualTo(40.0);
    assertThat(model.viewport().xOfSeconds(2.5)).isCloseTo(250, within(1e-9));
    model.zoomIn();
    model.zoomOut();
    assertThat(model.viewport().framesPerPixel()).isEqualTo(40.0);
    model.zoomToFit();
    assertThat(model.viewport().isFit()).isTrue();
  }

  @Test
  void zoomingPastThePeakResolutionDecodesTheVisibleSamplesOnce() {
    model.zoomAt(80, 500); // 1 frame per pixel around 5 s
    SampleWindow window = model.samplesProperty().get();
    Viewport view = model.viewport();
    assertThat(window).isNotNull();
    assertThat(window.covers(view.startFrame(), view.endFrame(), view.totalFrames())).isTrue();
    int before = executor.submitted();
    model.scrollBy(100); // still inside the decoded margin
    model.zoomIn();
    assertThat(executor.submitted()).isEqualTo(before);
    assertThat(model.samplesProperty().get()).isSameAs(window);
  }

  @Test
  void samplesHeldForTheDeepestZoomAreTheFilesOwn() {
    model.scrollTo(0);
    model.zoomAt(1 << 12, 0); // 80/4096 frames per pixel: clamped to 1/32
    assertThat(model.viewport().isMaxZoom()).isTrue();
    SampleWindow window = model.samplesProperty().get();
    float expected = (float) TestClips.speechLike(RATE).at(10, 0);
    assertThat(window.samples()[0][(int) (10 - window.startFrame())])
        .isCloseTo(expected, within(1 / 32767f));
  }

  @ParameterizedTest(name = "click at x={0} seeks to {1} s")
  @CsvSource(
      textBlock =
          """
          0,     0
          500,   5
          999,   9.99
          1200,  10
          -50,   0
          """)
  void clickSeeksToTheTimeUnderThePointerClampedToTheClip(double x, double seconds) {
    model.seekToPixel(x);
    assertThat(model.playheadProperty().get()).isCloseTo(seconds, within(1e-9));
    assertThat(player.position()).isCloseTo(seconds, within(1e-9));
  }

  @Test
  void keySeeksMoveByOneAndFiveSecondsAndStopAtTheEnds() {
    model.seek(4);
    model.perform(WaveformActions.SEEK_FORWARD_SHORT);
    assertThat(model.playheadProperty().get()).isEqualTo(5.0);
    model.perform(WaveformActions.SEEK_FORWARD_LONG);
    assertThat(model.playheadProperty().get()).isEqualTo(10.0);
    model.perform(WaveformActions.SEEK_BACK_LONG);
    model.perform(WaveformActions.SEEK_BACK_LONG);
    model.perform(WaveformActions.SEEK_BACK_SHORT);
    assertThat(model.playheadProperty().get()).isEqualTo(0.0);
  }

  @Test
  void replayJumpsBackThreeSecondsAndPlays() {
    model.seek(7.5);
    model.perform(WaveformActions.REPLAY);
    assertThat(player.position()).isEqualTo(4.5);
    assertThat(player.stateProperty().get()).isEqualTo(PlayerState.PLAYING);
    model.seek(1);
    model.replay();
    assertThat(player.position()).isZero();
  }

  @Test
  void dragSelectsInEitherDirectionClampedToTheClip() {
    model.selectPixels(600, 200);
    assertThat(model.selectionProperty().get()).contains(new Selection(2, 6));
    model.selectPixels(900, 1400);
    assertThat(model.selectionProperty().get()).contains(new Selection(9, 10));
    model.selectPixels(300, 300);
    assertThat(model.selectionProperty().get()).isEmpty();
  }

  @Test
  void loopingPlaysTheSelectionOverAndOver() {
    model.select(2, 3);
    model.perform(WaveformActions.LOOP_SELECTION);
    assertThat(player.loopProperty().get()).contains(new LoopRegion(2, 3));
    assertThat(player.stateProperty().get()).isEqualTo(PlayerState.PLAYING);
    player.advance(2.25);
    model.tick();
    assertThat(model.playheadProperty().get()).isCloseTo(2.25, within(1e-9));
    model.seek(8); // a seek outside the loop lands on its start
    assertThat(model.playheadProperty().get()).isEqualTo(2.0);
    model.select(4, 6); // the loop follows a new selection
    assertThat(player.loopProperty().get()).contains(new LoopRegion(4, 6));
    model.toggleLoopSelection();
    assertThat(player.loopProperty().get()).isEmpty();
  }

  @Test
  void anEngineThatRunsPastTheLoopsEndIsWrappedToItsStart() {
    player.overshootLoops(true);
    model.select(2, 3);
    model.toggleLoopSelection();
    player.advance(0.9);
    model.tick();
    assertThat(model.playheadProperty().get()).isCloseTo(2.9, within(1e-9));
    player.advance(0.2); // 3.1 s: past the end
    model.tick();
    assertThat(player.position()).isEqualTo(2.0);
    assertThat(model.playheadProperty().get()).isEqualTo(2.0);
    for (int frame = 0; frame < 30; frame++) {
      player.advance(1 / 60.0);
      model.tick();
    }
    assertThat(model.playheadProperty().get()).isCloseTo(2.5, within(1e-9));
  }

  @Test
  void loopingWithoutASelectionDoesNothing() {
    model.toggleLoopSelection();
    assertThat(player.loopProperty().get()).isEmpty();
    assertThat(player.stateProperty().get()).isEqualTo(PlayerState.PAUSED);
  }

  @Test
  void clearingTheSelectionEndsTheLoop() {
    model.select(1, 2);
    model.toggleLoopSelection();
    model.clearSelection();
    assertThat(player.loopProperty().get()).isEmpty();
    assertThat(model.selectionProperty().get()).isEqualTo(Optional.empty());
  }

  @Test
  void thePlayheadFollowsPlaybackAndTheViewPagesAlong() {
    model.zoomAt(4, 0); // 2.5 s visible from 0
    model.togglePlay();
    player.advance(1);
    model.tick();
    assertThat(model.playheadProperty().get()).isEqualTo(1.0);
    assertThat(model.viewport().startFrame()).isZero();
    player.advance(2);
    model.tick();
    Viewport view = model.viewport();
    assertThat(view.xOfSeconds(3)).isBetween(0.0, view.width());
    assertThat(view.startFrame()).isGreaterThan(0);
  }

  @Test
  void thePlayheadDoesNotJumpBackWhileTheEngineIsStillSeeking() {
    model.togglePlay();
    player.advance(1);
    model.tick();
    player.seekLate(true);
    model.seek(6);
    player.advance(0.02);
    model.tick(); // the engine still reports about 1 s
    assertThat(model.playheadProperty().get()).isEqualTo(6.0);
    player.completeSeek();
    player.advance(0.02);
    model.tick();
    assertThat(model.playheadProperty().get()).isCloseTo(6.02, within(1e-9));
  }

  @Test
  void aSeekTheEngineNeverPerformsIsGivenUpAfterAFewFrames() {
    model.togglePlay();
    player.seekLate(true);
    model.seek(6);
    for (int frame = 0; frame < 30; frame++) {
      player.advance(0.01);
      model.tick();
    }
    assertThat(model.playheadProperty().get()).isCloseTo(0.3, within(1e-9));
  }

  private void playFor(double seconds) {
    for (int frame = 0; frame < Math.round(seconds * 50); frame++) {
      player.advance(0.02);
      model.tick();
    }
  }

  @Test
  void theHeardShareCountsPlayedStretchesOnceAndNotWhatWasSkipped() {
    model.togglePlay();
    playFor(2); // 0-2
    model.seek(5); // skip 2-5
    playFor(1); // 5-6
    model.seek(0);
    playFor(1); // 0-1 again: already heard
    assertThat(model.heardFractionProperty().get()).isCloseTo(0.3, within(1e-6));
    model.togglePlay();
    player.advance(3); // paused: nothing is heard
    model.tick();
    assertThat(model.heardFractionProperty().get()).isCloseTo(0.3, within(1e-6));
    model.open(clip); // a new clip starts unheard
    assertThat(model.heardFractionProperty().get()).isZero();
  }

  @Test
  void speedStepsBetweenAQuarterAndDoubleSpeed() {
    model.perform(WaveformActions.SPEED_DOWN);
    assertThat(player.rateProperty().get()).isEqualTo(0.75);
    model.speedDown();
    assertThat(player.rateProperty().get()).isEqualTo(0.5);
    model.speedDown();
    model.speedDown();
    assertThat(player.rateProperty().get()).isEqualTo(0.25);
    for (int i = 0; i < 10; i++) {
      model.perform(WaveformActions.SPEED_UP);
    }
    assertThat(player.rateProperty().get()).isEqualTo(2.0);
  }

  @Test
  void spectrogramToggleAndUnknownActions() {
    assertThat(model.perform(WaveformActions.TOGGLE_SPECTROGRAM)).isTrue();
    assertThat(model.spectrogramVisibleProperty().get()).isTrue();
    assertThat(model.perform("workbench.submit")).isFalse();
  }

  @Test
  void zoomToSelectionFillsTheWidth() {
    model.select(2, 4);
    model.zoomToSelection();
    assertThat(model.viewport().secondsAt(0)).isEqualTo(2.0);
    assertThat(model.viewport().secondsAt(1000)).isCloseTo(4.0, within(1e-9));
  }
}
