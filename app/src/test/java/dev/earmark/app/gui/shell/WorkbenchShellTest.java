package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.Screens;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.labeling.LabelingScreen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
 * The shell on a real demo project in a real (headless) window: the navigation follows the acting
 * user's roles, "act as" switches user, the theme switch reaches the screens, and the last project
 * opened is remembered.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchShellTest {
  private static Path dir;
  private static Path demo;
  private WorkbenchShell shell;
  private Path lastProject;

  @BeforeAll
  static void buildDemo() throws IOException {
    dir = Files.createTempDirectory("earmark-shell");
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
    lastProject = dir.resolve("config").resolve("last-project");
    shell =
        new WorkbenchShell(
            stage, TestClocks.FIXED, demo, lastProject, Screens.all(), new FxTaskExecutor(2));
    Scene scene = new Scene(shell.view(), 1280, 800);
    shell.install(scene);
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void closeShell() throws Exception {
    fx(
        () -> {
          shell.shutdown();
          return null;
        });
  }

  @Test
  void anAnnotatorSeesTheLabelingScreenAndTheProjectIsRemembered(FxRobot robot) throws Exception {
    fx(
        () -> {
          shell.open(demo, "ann-alex");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> shell.activeScreen().isPresent()));
    assertThat(fx(() -> shell.activeScreen().get())).isInstanceOf(LabelingScreen.class);
    assertThat(robot.lookup("#nav-label").tryQuery()).isPresent();
    assertThat(text(robot, "#whoLabel")).isEqualTo("ann-alex · annotator");
    assertThat(Files.readString(lastProject).strip()).isEqualTo(demo.toString());
  }

  @Test
  void actingAsALeadHidesTheAnnotatorScreen(FxRobot robot) throws Exception {
    fx(
        () -> {
          shell.open(demo, "ann-bea");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> shell.activeScreen().isPresent()));
    fx(
        () -> {
          shell.actAs("lead-demo");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> text(robot, "#whoLabel").startsWith("lead-demo"));
    assertThat(fx(() -> shell.roles())).extracting(Enum::name).containsExactly("LEAD");
    assertThat(robot.lookup("#nav-label").tryQuery()).isEmpty();
    assertThat(fx(() -> shell.screen("label"))).isEmpty();
  }

  @Test
  void aStrangerIsToldWhoTheyCanActAs(FxRobot robot) throws Exception {
    fx(
        () -> {
          shell.open(demo, "nobody-here");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> text(robot, "#shellMessage").contains("not a user"));
    assertThat(robot.lookup("ann-alex · annotator").tryQuery()).isPresent();
    robot.clickOn("ann-alex · annotator");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> shell.activeScreen().isPresent()));
    assertThat(text(robot, "#whoLabel")).isEqualTo("ann-alex · annotator");
  }

  @Test
  void theThemeSwitchReachesTheScreens(FxRobot robot) throws Exception {
    fx(
        () -> {
          shell.open(demo, "ann-alex");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> shell.activeScreen().isPresent()));
    robot.clickOn("#themeButton");
    LabelingScreen screen = (LabelingScreen) fx(() -> shell.activeScreen().get());
    assertThat(fx(() -> screen.view().isDark())).isTrue();
    robot.clickOn("#themeButton");
    assertThat(fx(() -> screen.view().isDark())).isFalse();
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).tryQuery().map(node -> fx(() -> labelText(node))).orElse("");
  }

  private static String labelText(Node node) {
    return node instanceof Label label ? label.getText() : "";
  }
}
