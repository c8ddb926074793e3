package dev.earmark.app.gui.labeling;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.player.ManualClockPlayer;
import dev.earmark.app.gui.screen.Theme;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The TTS rating and speech RAG forms in a real window (headless Monocle) on the demo project as
 * {@link DemoProjects#RATER}, with a keys file that remaps "next row" to J and has one bad line.
 * Playback runs on a {@link ManualClockPlayer} the test advances, through the real waveform's
 * listening coverage. Writes docs/screenshots/labeling-tts.png and labeling-rag.png.
 */
@ExtendWith(ApplicationExtension.class)
class RatingFormsWindowTest {
  @TempDir static Path dir;
  private static Project project;

  private LabelingScreen screen;
  private ManualClockPlayer player;
  private Scene scene;
  private Path keys;

  @BeforeAll
  static void buildDemo() throws IOException {
    project = DemoProjects.withRatingQueue(dir.resolve("demo"));
  }

  @AfterAll
  static void removeDemo() throws IOException {
    project.close();
  }

  @Start
  void start(Stage stage) throws IOException {
    keys = dir.resolve("keys.properties");
    Files.writeString(
        keys,
        """
        # test remaps
        rating.nextRow = Down, J
        label.submit = Ctrl+Entr
        """);
    screen =
        new LabelingScreen(
            new LabelingService(project, DemoProjects.RATER),
            dir.resolve("cache"),
            TestClocks.FIXED,
            new Theme(),
            Optional.of(keys),
            executor -> player = new ManualClockPlayer(600));
    scene = new Scene(screen.view(), 1280, 800);
    stage.setScene(scene);
    stage.show();
    screen.start(scene);
  }

  @Test
  void aTtsRatingStaysLockedUntilListenedThenTakesKeysMarksAndUndo(FxRobot robot) throws Exception {
    LabelingViewModel model = screen.model();
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> model.currentProperty().get() != null));
    assertThat(fx(() -> model.formProperty().get())).isEqualTo(FormKind.TTS_RATING);
    assertThat(text(robot, "#keysWarning"))
        .isEqualTo(
            keys
                + " line 3: 'Ctrl+Entr' is not a key combination such as Ctrl+Shift+Z or F2;"
                + " line ignored.");
    assertThat(fx(() -> robot.lookup("#qeHintSlot").query().isVisible()))
        .as("QE hints are off in the demo")
        .isFalse();
    awaitWaveform();

    // Locked: greyed out, and clicking a choice does nothing.
    assertThat(text(robot, "#lockLabel")).isEqualTo("listen first (0% heard)");
    assertThat(fx(() -> robot.lookup("#ratingRows").query().isDisabled())).isTrue();
    robot.clickOn("#naturalness-4");
    assertThat(fx(() -> model.answersProperty().isEmpty())).isTrue();

    // Listen: play (Esc) and let the player's clock run; the waveform counts what is heard.
    robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    for (int i = 0; i < 60 && fx(() -> model.lockedProperty().get()); i++) {
      fx(
          () -> {
            player.advance(0.2);
            return null;
          });
      Thread.sleep(40);
      WaitForAsyncUtils.waitForFxEvents();
    }
    robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    assertThat(fx(() -> model.lockedProperty().get())).isFalse();
    assertThat(fx(() -> model.heardProperty().get())).isGreaterThanOrEqualTo(0.8);
    assertThat(fx(() -> robot.lookup("#lockLabel").query().isVisible())).isFalse();

    // Keys: 1…5 on the focused row, J (remapped) and ↓ to the next row.
    focusRow(robot, "#row-intelligibility");
    robot.type(KeyCode.DIGIT4);
    robot.type(KeyCode.J);
    robot.type(KeyCode.DIGIT3);
    robot.type(KeyCode.DOWN);
    robot.type(KeyCode.DIGIT5);
    assertThat(fx(() -> model.rating("intelligibility"))).hasValue(4);
    assertThat(fx(() -> model.rating("naturalness"))).hasValue(3);
    assertThat(fx(() -> model.rating("pronunciation"))).hasValue(5);

    // A word mark, then undo and redo it.
    robot.clickOn("#promptWord-4");
    assertThat(fx(model::markedWords)).containsExactly(4);
    robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    assertThat(fx(model::markedWords)).isEmpty();
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
    robot.release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
    assertThat(fx(model::markedWords)).containsExactly(4);
    robot.clickOn("#promptWord-6");
    focusRow(robot, "#row-speaker_consistency");
    robot.type(KeyCode.DIGIT4);
    robot.moveTo("#prosody-2");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#description-prosody"))
        .startsWith("2 — Frequent wrong stress")
        .as("the hovered choice's anchor is shown");
    Path shots = screenshotDirectory();
    // The user guide's picture: without this test's deliberately bad keys line.
    fx(
        () -> {
          screen.view().showKeysWarnings(List.of());
          return null;
        });
    ScreenshotFiles.write(fx(() -> scene.snapshot(null)), shots.resolve("labeling-tts.png"));

    // A RAG item: the turn beside the stage column; a stage label by click.
    QueueEntry rag =
        fx(
            () ->
                model.entries().stream()
                    .filter(entry -> entry.clipKey().startsWith("rag-"))
                    .findFirst()
                    .orElseThrow());
    fx(
        () -> {
          model.open(rag);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> fx(() -> model.formProperty().get() == FormKind.RAG_STAGES));
    assertThat(text(robot, "#queryText")).isNotBlank();
    assertThat(text(robot, "#answerText")).isNotBlank();
    robot.clickOn("#retrieval_recall-partial");
    robot.clickOn("#source_freshness-current");
    focusRow(robot, "#row-query_intent");
    robot.type(KeyCode.DIGIT1);
    assertThat(fx(() -> model.answersProperty().get("retrieval_recall")))
        .isEqualTo(new FieldValue.Choice("partial"));
    assertThat(fx(() -> model.choice("query_intent"))).contains("understood");
    robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    assertThat(fx(() -> model.choice("query_intent"))).isEmpty();
    robot.type(KeyCode.DIGIT1);

    robot.clickOn("#answerAudioToggle");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    screen.waveform().clipProperty().get() != null
                        && screen
                            .waveform()
                            .clipProperty()
                            .get()
                            .file()
                            .getFileName()
                            .toString()
                            .endsWith("-answer.wav")));
    awaitWaveform();
    robot.moveTo("#answer_groundedness-grounded");
    WaitForAsyncUtils.waitForFxEvents();
    // The user guide's picture: without this test's deliberately bad keys line.
    fx(
        () -> {
          screen.view().showKeysWarnings(List.of());
          return null;
        });
    ScreenshotFiles.write(fx(() -> scene.snapshot(null)), shots.resolve("labeling-rag.png"));
    List<String> problems = fx(() -> List.copyOf(model.problemsProperty()));
    assertThat(problems).isEmpty();
  }

  /** Clicks a row on its name, where no choice button is. */
  private static void focusRow(FxRobot robot, String id) {
    robot.clickOn(
        robot
            .point(id)
            .atPosition(javafx.geometry.Pos.CENTER_LEFT)
            .atOffset(new javafx.geometry.Point2D(20, 0)));
  }

  private void awaitWaveform() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(1200); // peaks are read in the background; the canvas repaints on the next pulse
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static String text(FxRobot robot, String id) throws Exception {
    Node node = robot.lookup(id).query();
    return fx(() -> ((Label) node).getText());
  }

  /** docs/screenshots of the repository the tests run in. */
  private static Path screenshotDirectory() {
    Path module = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(module.resolve("docs")) ? module : module.getParent();
    return root.resolve("docs").resolve("screenshots");
  }
}
