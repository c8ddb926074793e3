package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.Screens;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.qe.QeHintPanel;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * QE hints on the annotator's labeling screen (issues 7 and 9): hidden while the lead has not
 * enabled them, shown in the clip header once the lead does. The demo project carries hints.
 */
@ExtendWith(ApplicationExtension.class)
class AnnotatorQeHintTest {
  private static Path dir;
  private static Path demo;
  private WorkbenchShell shell;

  @BeforeAll
  static void buildDemo() throws IOException {
    dir = Files.createTempDirectory("earmark-qe-hint");
    demo = dir.resolve("demo");
    DemoCreation.create(demo, "lead-demo", TestClocks.FIXED);
  }

  @AfterAll
  static void removeDemo() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Start
  void start(Stage stage) {
    shell =
        new WorkbenchShell(
            stage,
            TestClocks.FIXED,
            demo,
            dir.resolve("config").resolve("last-project"),
            Screens.all(),
            new FxTaskExecutor(2));
    Scene scene = new Scene(shell.view(), 1280, 800);
    shell.install(scene);
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void closeShell() {
    fx(
        () -> {
          shell.shutdown();
          return null;
        });
  }

  @Test
  void hintsStayHiddenFromAnnotatorsUntilTheLeadEnablesThem(FxRobot robot) throws Exception {
    setVisibleToAnnotators(false);
    openAs("ann-alex");
    Node slot = robot.lookup("#qeHintSlot").query();
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> currentClipShown()));
    assertThat(fx(slot::isVisible)).isFalse();
    assertThat(fx(() -> panel(robot).text())).isEmpty();

    setVisibleToAnnotators(true);
    openAs("ann-alex");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> panel(robot).text().startsWith("QE: ")));
    assertThat(fx(() -> robot.lookup("#qeHintSlot").query().isVisible())).isTrue();
  }

  private boolean currentClipShown() {
    return shell.activeScreen().isPresent()
        && ((dev.earmark.app.gui.labeling.LabelingScreen) shell.activeScreen().get())
                .model()
                .currentProperty()
                .get()
            != null;
  }

  private static QeHintPanel panel(FxRobot robot) {
    return robot.lookup("#qeHint").queryAs(QeHintPanel.class);
  }

  private void openAs(String user) throws Exception {
    fx(
        () -> {
          shell.open(demo, user);
          return null;
        });
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> currentClipShown()));
  }

  private void setVisibleToAnnotators(boolean visible) {
    fx(
        () -> {
          shell.closeProject();
          return null;
        });
    try (Project project = Project.openEmbedded(demo, false, TestClocks.FIXED)) {
      new ProjectSettings(project)
          .set(project.users().actor("lead-demo"), Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS, visible);
    }
  }
}
