package dev.earmark.app.gui.labeling;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.screen.Theme;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.image.WritableImage;
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
 * The labeling screen in a real window (headless Monocle) on a real demo project as ann-alex: the
 * queue shows, typing is "unsaved" then "saved", Ctrl+Enter submits and opens the next clip. Writes
 * docs/screenshots/labeling.png and labeling-dark.png.
 */
@ExtendWith(ApplicationExtension.class)
class LabelingWindowTest {
  @TempDir static Path dir;
  private static Project project;

  private LabelingScreen screen;
  private Scene scene;

  @BeforeAll
  static void buildDemo() throws IOException {
    project = DemoProjects.withQueue(dir.resolve("demo"), false);
  }

  @AfterAll
  static void removeDemo() throws IOException {
    project.close();
  }

  @Start
  void start(Stage stage) {
    screen =
        new LabelingScreen(
            new LabelingService(project, DemoProjects.ANNOTATOR),
            dir.resolve("cache"),
            TestClocks.FIXED,
            new Theme());
    scene = new Scene(screen.view(), 1280, 800);
    stage.setScene(scene);
    stage.show();
    screen.start(scene);
  }

  @Test
  void typingSavesAndCtrlEnterSubmitsAndOpensTheNextClip(FxRobot robot) throws Exception {
    LabelingViewModel model = screen.model();
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> model.currentProperty().get() != null));
    ListView<?> queue = robot.lookup("#queueList").queryAs(ListView.class);
    assertThat(fx(() -> queue.getItems().size())).isGreaterThan(1);
    QueueEntry first = fx(() -> model.currentEntryProperty().get());
    assertThat(text(robot, "#clipHeader")).startsWith(first.clipKey() + " · ");

    List<SaveState> states = new CopyOnWriteArrayList<>();
    fx(
        () -> {
          model.saveStateProperty().addListener((obs, old, now) -> states.add(now));
          return null;
        });
    robot.clickOn("#transcriptArea").write("please transfer twenty one dollars");
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N);
    robot.release(KeyCode.N, KeyCode.SHIFT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> text(robot, "#statusLabel").startsWith("✓ saved "));
    assertThat(states).contains(SaveState.UNSAVED, SaveState.SAVING, SaveState.SAVED);
    assertThat(states.indexOf(SaveState.UNSAVED)).isLessThan(states.lastIndexOf(SaveState.SAVED));
    TextArea transcript = robot.lookup("#transcriptArea").queryAs(TextArea.class);
    assertThat(fx(() -> transcript.getText()))
        .isEqualTo("please transfer twenty one dollars [noise]");

    awaitWaveform();
    fx(
        () -> {
          screen.waveform().select(0.25, 1.4);
          return null;
        });
    robot.clickOn("#addSegmentButton");
    assertThat(fx(() -> model.segmentsProperty().size())).isEqualTo(1);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> text(robot, "#statusLabel").startsWith("✓ saved "));
    Path shots = screenshotDirectory();
    ScreenshotFiles.write(fx(() -> scene.snapshot(null)), shots.resolve("labeling.png"));

    robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    model.currentEntryProperty().get() != null
                        && model.currentEntryProperty().get().item().assignmentId()
                            != first.item().assignmentId()));
    assertThat(fx(() -> transcript.getText())).isEmpty();
    LabelingService check = new LabelingService(project, DemoProjects.ANNOTATOR);
    assertThat(
            check
                .open(check.annotator().orElseThrow(), first.item())
                .session()
                .label()
                .orElseThrow()
                .state())
        .isEqualTo(LabelState.SUBMITTED);
    assertThat(text(robot, "#statusLabel")).startsWith("not started");

    robot.press(KeyCode.F1).release(KeyCode.F1);
    assertThat(fx(() -> robot.lookup("#cheatSheetOverlay").query().isVisible())).isTrue();
    robot.press(KeyCode.F1).release(KeyCode.F1);
    assertThat(fx(() -> robot.lookup("#cheatSheetOverlay").query().isVisible())).isFalse();

    robot.clickOn("#transcriptArea").write("good morning");
    for (int i = 0; i < 30; i++) {
      robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    }
    assertThat(fx(() -> transcript.getText()))
        .as("undo stays within this clip")
        .doesNotContain("please");
    robot.write("good morning");
    fx(
        () -> {
          screen.view().toggleTheme();
          return null;
        });
    awaitWaveform();
    WritableImage dark = fx(() -> scene.snapshot(null));
    ScreenshotFiles.write(dark, shots.resolve("labeling-dark.png"));
    assertThat(dark.getPixelReader().getColor(5, 400).getBrightness()).isLessThan(0.3);
    fx(
        () -> {
          screen.view().toggleTheme();
          return null;
        });
  }

  private void awaitWaveform() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(1500); // peaks are read in the background; the canvas repaints on the next pulse
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static String text(FxRobot robot, String id) throws Exception {
    Label label = robot.lookup(id).queryAs(Label.class);
    return fx(() -> label.getText());
  }

  /** docs/screenshots of the repository the tests run in. */
  private static Path screenshotDirectory() {
    Path module = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(module.resolve("docs")) ? module : module.getParent();
    return root.resolve("docs").resolve("screenshots");
  }
}
