package dev.earmark.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Drives the real window headless (Monocle, see the surefire configuration of this module). */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {
  @Start
  void start(Stage stage) {
    WorkbenchApp.initialProject = Path.of("/tmp/earmark-window-test/demo");
    new WorkbenchApp().start(stage);
  }

  @Test
  void windowNamesTheOpenProject(FxRobot robot) {
    Label project = robot.lookup("#projectLabel").queryAs(Label.class);
    assertThat(project.getText()).isEqualTo("Project: /tmp/earmark-window-test/demo");
    assertThat(robot.listTargetWindows()).isNotEmpty();
  }
}
