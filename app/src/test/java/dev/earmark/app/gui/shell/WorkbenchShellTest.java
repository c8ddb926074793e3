package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.labeling.LabelingScreen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The shell on a real demo project in a real (headless) window: the navigation follows the acting
 * user's roles, "act as" switches user, the theme switch reaches the screens, and the last project
 * opened is remembered.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchShellTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  @Test
  void anAnnotatorSeesTheLabelingScreenAndTheProjectIsRemembered(FxRobot robot) throws Exception {
    fx(
        () -> {
          window.shell().open(window.project(), "ann-alex");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> window.shell().activeScreen().isPresent()));
    assertThat(fx(() -> window.shell().activeScreen().get())).isInstanceOf(LabelingScreen.class);
    assertThat(robot.lookup("#nav-label").tryQuery()).isPresent();
    assertThat(text(robot, "#whoLabel")).isEqualTo("ann-alex · annotator");
    assertThat(Files.readString(window.lastProject()).strip())
        .isEqualTo(window.project().toString());
  }

  @Test
  void actingAsALeadHidesTheAnnotatorScreen(FxRobot robot) throws Exception {
    fx(
        () -> {
          window.shell().open(window.project(), "ann-bea");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> window.shell().activeScreen().isPresent()));
    fx(
        () -> {
          window.shell().actAs("lead-demo");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> text(robot, "#whoLabel").startsWith("lead-demo"));
    assertThat(fx(() -> window.shell().roles())).extracting(Enum::name).containsExactly("LEAD");
    assertThat(robot.lookup("#nav-label").tryQuery()).isEmpty();
    assertThat(fx(() -> window.shell().screen("label"))).isEmpty();
  }

  @Test
  void aStrangerIsToldWhoTheyCanActAs(FxRobot robot) throws Exception {
    fx(
        () -> {
          window.shell().open(window.project(), "nobody-here");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> text(robot, "#shellMessage").contains("not a user"));
    assertThat(robot.lookup("ann-alex · annotator").tryQuery()).isPresent();
    robot.clickOn("ann-alex · annotator");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> window.shell().activeScreen().isPresent()));
    assertThat(text(robot, "#whoLabel")).isEqualTo("ann-alex · annotator");
  }

  @Test
  void theThemeSwitchReachesTheScreens(FxRobot robot) throws Exception {
    fx(
        () -> {
          window.shell().open(window.project(), "ann-alex");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> window.shell().activeScreen().isPresent()));
    robot.clickOn("#themeButton");
    LabelingScreen screen = (LabelingScreen) fx(() -> window.shell().activeScreen().get());
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
