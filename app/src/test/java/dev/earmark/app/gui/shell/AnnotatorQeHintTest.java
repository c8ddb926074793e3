package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.qe.QeHintPanel;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * QE hints on the annotator's labeling screen (issues 7 and 9): hidden while the lead has not
 * enabled them, shown in the clip header once the lead does. The demo project carries hints.
 */
@ExtendWith(ApplicationExtension.class)
class AnnotatorQeHintTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

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
    return window.shell().activeScreen().isPresent()
        && ((dev.earmark.app.gui.labeling.LabelingScreen) window.shell().activeScreen().get())
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
          window.shell().open(window.project(), user);
          return null;
        });
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> currentClipShown()));
  }

  private void setVisibleToAnnotators(boolean visible) {
    fx(
        () -> {
          window.shell().closeProject();
          return null;
        });
    try (Project project = Project.openEmbedded(window.project(), false, TestClocks.FIXED)) {
      new ProjectSettings(project)
          .set(project.users().actor("lead-demo"), Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS, visible);
    }
  }
}
