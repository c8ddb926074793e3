package dev.earmark.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.window.WindowPreferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real window headless (Monocle, see the surefire configuration of this module). */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {
  private static final Path MISSING = Path.of("/tmp/earmark-window-test/no-such-project");

  @Start
  void start(Stage stage) throws Exception {
    WorkbenchApp.initialProject = MISSING;
    Path config = Files.createTempDirectory("earmark-window-config");
    WorkbenchApp.lastProjectFile = config.resolve("last-project");
    System.setProperty(
        WindowPreferences.LOCATION_PROPERTY, config.resolve("window.properties").toString());
    new WorkbenchApp().start(stage);
  }

  @Test
  void aProjectThatCannotBeOpenedIsNamedWithAWayOut(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#welcomeProblemProject").tryQuery().isPresent());
    Label project = robot.lookup("#welcomeProblemProject").queryAs(Label.class);
    assertThat(project.getText()).isEqualTo("Could not open " + MISSING);
    assertThat(robot.lookup("#welcomeProblem").queryAs(Label.class).getText())
        .contains(MISSING.toString());
    assertThat(robot.lookup("Choose a project folder…").tryQuery()).isPresent();
    assertThat(robot.lookup("Open the demo project").tryQuery()).isPresent();
    assertThat(robot.lookup("#newProjectCreate").tryQuery()).isPresent();
    assertThat(robot.listTargetWindows()).isNotEmpty();
  }
}
