package dev.earmark.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

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
    WorkbenchApp.lastProjectFile =
        Files.createTempDirectory("earmark-window-config").resolve("last-project");
    new WorkbenchApp().start(stage);
  }

  @Test
  void aProjectThatCannotBeOpenedIsNamedWithAWayOut(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#projectLabel").tryQuery().isPresent());
    Label project = robot.lookup("#projectLabel").queryAs(Label.class);
    assertThat(project.getText()).isEqualTo("Project: " + MISSING);
    assertThat(robot.lookup("#shellMessage").queryAs(Label.class).getText())
        .contains(MISSING.toString());
    assertThat(robot.lookup("Open another project…").tryQuery()).isPresent();
    assertThat(robot.listTargetWindows()).isNotEmpty();
  }
}
