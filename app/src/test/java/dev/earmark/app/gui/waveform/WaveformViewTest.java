package dev.earmark.app.gui.waveform;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.player.EngineAudioPlayer;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.audio.peaks.PeakCache;
import dev.earmark.audio.spectrogram.SpectrogramSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The waveform component in a real window (headless Monocle): mouse, wheel and keys drive it, and
 * it writes the screenshots of docs/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class WaveformViewTest {
  private static final int RATE = 16_000;

  private final FxTaskExecutor executor = new FxTaskExecutor(2);
  private WaveformViewModel model;
  private WaveformView view;
  private TextField transcript;
  private Scene scene;
  @TempDir Path dir;

  @Start
  void start(Stage stage) throws IOException {
    Path clip =
        TestClips.writeWav(
            dir.resolve("clip-0007.wav"), RATE, 2, RATE * 8L, TestClips.speechLike(RATE));
    EngineAudioPlayer player = new EngineAudioPlayer(executor);
    model =
        new WaveformViewModel(
            executor,
            player,
            PeakLoader.cached(new PeakCache(dir.resolve("peaks"))),
            SpectrogramSettings.defaults());
    view = new WaveformView(model, executor);
    transcript = new TextField();
    transcript.setId("transcript");
    VBox root = new VBox(view, new TransportBar(model), transcript);
    VBox.setVgrow(view, Priority.ALWAYS);
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    scene = new Scene(root, 1000, 380);
    WaveformActions.defaultKeymap().install(scene, model::perform);
    stage.setScene(scene);
    // Other window tests leave the shared stage sized 1280x800: fit it to this scene.
    stage.sizeToScene();
    stage.show();
    model.open(clip);
  }

  @AfterEach
  void stop() throws Exception {
    fx(
        () -> {
          model.player().close();
          return null;
        });
    executor.shutdown();
  }

  private void awaitSettled() throws Exception {
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> model.clipProperty().get() != null && view.settled()));
    WaitForAsyncUtils.waitForFxEvents();
  }

  private String transcriptText() throws Exception {
    return fx(transcript::getText);
  }

  private Point2D at(double x, double y) throws Exception {
    return fx(() -> view.localToScreen(x, y));
  }

  @Test
  void zoomScrollSelectAndShowTheSpectrogram(FxRobot robot) throws Exception {
    awaitSettled();
    assertThat(fx(() -> model.viewport().isFit())).isTrue();

    robot.clickOn(view); // focus and seek to the middle
    assertThat(fx(() -> model.playheadProperty().get())).isCloseTo(4.0, within(0.05));
    robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
    double fpp = fx(() -> model.viewport().framesPerPixel());
    assertThat(fpp).isCloseTo(RATE * 8.0 / 1000 / 2, within(1e-6));

    robot.moveTo(at(500, 100)).press(KeyCode.SHIFT).scroll(3, VerticalDirection.DOWN);
    robot.release(KeyCode.SHIFT);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> model.viewport().startFrame()))
        .as("Shift+wheel scrolls (the headless robot's wheel direction varies by platform)")
        .isNotEqualTo(RATE * 2.0);
    assertThat(fx(() -> model.viewport().framesPerPixel())).isEqualTo(fpp);
    double anchor = fx(() -> model.viewport().frameAt(500));
    robot.scroll(1, VerticalDirection.UP); // the plain wheel zooms around the pointer
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> model.viewport().framesPerPixel())).isNotEqualTo(fpp);
    assertThat(fx(() -> model.viewport().frameAt(500))).isCloseTo(anchor, within(1.0));

    robot.drag(at(200, 120), MouseButton.PRIMARY).dropTo(at(430, 140));
    Selection selection = fx(() -> model.selectionProperty().get().orElseThrow());
    Viewport viewport = fx(model::viewport);
    assertThat(selection.startSeconds()).isCloseTo(viewport.secondsAt(200), within(0.01));
    assertThat(selection.endSeconds()).isCloseTo(viewport.secondsAt(430), within(0.01));

    awaitSettled();
    WritableImage waveform = fx(() -> scene.snapshot(null));
    ScreenshotFiles.write(waveform, ScreenshotFiles.directory().resolve("waveform.png"));

    robot.clickOn("#spectrogramToggle");
    assertThat(fx(() -> model.spectrogramVisibleProperty().get())).isTrue();
    awaitSettled();
    WritableImage spectrogram = fx(() -> scene.snapshot(null));
    ScreenshotFiles.write(
        spectrogram, ScreenshotFiles.directory().resolve("waveform-spectrogram.png"));
    assertThat(spectrogram.getPixelReader().getArgb(500, 220))
        .as("the spectrogram lane is painted")
        .isNotEqualTo(waveform.getPixelReader().getArgb(500, 220));
  }

  @Test
  void zoomedInFarEnoughTheSamplesThemselvesAreDrawn(FxRobot robot) throws Exception {
    awaitSettled();
    fx(
        () -> {
          model.seek(0.3); // the middle of the first syllable
          for (int i = 0; i < 10; i++) {
            model.zoomIn(); // around the playhead: 128 frames per pixel down to 1/8
          }
          return null;
        });
    assertThat(fx(() -> model.viewport().framesPerPixel())).isEqualTo(0.125);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> model.samplesProperty().get() != null));
    awaitSettled();
    SampleWindow window = fx(() -> model.samplesProperty().get());
    Viewport viewport = fx(model::viewport);
    assertThat(window.covers(viewport.startFrame(), viewport.endFrame(), viewport.totalFrames()))
        .isTrue();
    WritableImage samples = fx(() -> scene.snapshot(null));
    ScreenshotFiles.write(samples, ScreenshotFiles.directory().resolve("waveform-samples.png"));
  }

  @Test
  void theDarkPaletteFollowsTheDarkTheme(FxRobot robot) throws Exception {
    awaitSettled();
    fx(
        () -> {
          Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
          view.setPalette(WaveformPalette.dark());
          model.select(2.7, 3.6);
          model.toggleLoopSelection(); // shows the loop's edges
          model.player().pause(); // a still playhead keeps the picture reproducible
          model.seek(3.0);
          model.toggleSpectrogram();
          return null;
        });
    awaitSettled();
    WritableImage dark = fx(() -> scene.snapshot(null));
    ScreenshotFiles.write(dark, ScreenshotFiles.directory().resolve("waveform-dark.png"));
    javafx.scene.paint.Color background = dark.getPixelReader().getColor(990, 40);
    assertThat(background.getBrightness()).as("dark lane background").isLessThan(0.2);
    fx(
        () -> {
          Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
          return null;
        });
  }

  @Test
  void keysZoomAndFitButBareKeysTypeInATextField(FxRobot robot) throws Exception {
    awaitSettled();
    robot.clickOn(view);
    robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
    robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
    assertThat(fx(() -> model.viewport().framesPerPixel())).isCloseTo(32.0, within(1e-6));
    ScrollBar bar = robot.lookup("#waveformScrollBar").queryAs(ScrollBar.class);
    assertThat(fx(() -> bar.getVisibleAmount() / (bar.getMax() - bar.getMin())))
        .as("the thumb shows 2 s of 8 s")
        .isCloseTo(0.25, within(1e-9));
    fx(
        () -> {
          bar.setValue(3.0);
          return null;
        });
    assertThat(fx(() -> model.viewport().startFrame())).isEqualTo(3.0 * RATE);
    robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
    assertThat(fx(() -> model.viewport().isFit())).isTrue();

    robot.clickOn("#transcript").write("a=b");
    assertThat(transcriptText()).isEqualTo("a=b");
    assertThat(fx(() -> model.viewport().isFit())).isTrue();
    robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
    assertThat(fx(() -> model.viewport().isFit())).as("chords act while typing").isFalse();
    assertThat(transcriptText()).isEqualTo("a=b");
  }

  @Test
  void keymapEntriesCanBeRemapped() {
    Keymap keymap = WaveformActions.defaultKeymap().copy();
    keymap.bind(WaveformActions.ZOOM_FIT, javafx.scene.input.KeyCombination.keyCombination("F5"));
    assertThat(keymap.combinations(WaveformActions.ZOOM_FIT).stream().map(Object::toString))
        .containsExactly("F5");
    assertThat(
            WaveformActions.defaultKeymap().combinations(WaveformActions.ZOOM_FIT).stream()
                .map(Object::toString))
        .containsExactly("Shortcut+0");
    assertThat(WaveformActions.defaultKeymap().actions())
        .allSatisfy(
            action ->
                assertThat(WaveformActions.defaultKeymap().combinations(action))
                    .allMatch(Keymap::actsWhileTyping));
  }
}
