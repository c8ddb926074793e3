package dev.earmark.app.gui.status;

import static dev.earmark.app.gui.FxThread.fx;
import static dev.earmark.app.gui.WindowNodes.awaitText;
import static dev.earmark.app.gui.WindowNodes.press;
import static dev.earmark.app.gui.WindowNodes.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.desk.ProjectDeskScreen;
import dev.earmark.audio.qe.DriftReport;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.settings.ProjectSettings;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Status tab's drift card in the real window: it reads the project's drift history through
 * {@code QeHints#driftHistory}, the call {@code earmark qe drift --history} makes, and a new check
 * shows after Refresh.
 */
@ExtendWith(ApplicationExtension.class)
class StatusDriftWindowTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  @Test
  void aDriftCheckRecordedAfterOpeningShowsOnRefresh(FxRobot robot) throws Exception {
    window.open(robot, "lead-demo");
    ProjectDeskScreen desk = window.desk(ProjectDeskScreen.Part.STATUS);
    Project project = desk.project();
    awaitText(robot, "#status-drift", s -> !s.isEmpty());
    assertThat(text(robot, "#status-drift")).isEqualTo("no check yet");

    QeHints hints = new QeHints(project, new ProjectSettings(project));
    hints.recordDrift(
        project.users().actor("lead-demo"),
        null,
        // the demo's hints came from the shipped model, so the project knows it
        QeModel.loadDefault().metadata().modelId(),
        new DriftReport(
            64,
            List.of(
                new DriftReport.Drift("snr_db", 0.47, true),
                new DriftReport.Drift("duration_s", 0.02, false)),
            new DriftReport.Drift("predicted_wer", 0.08, false),
            0.2));
    press(robot, "#statusRefresh");

    awaitText(robot, "#status-drift", s -> s.equals("the last import moved"));
    List<String> lines =
        fx(
            () ->
                robot.lookup("#status-drift").query().getParent().getChildrenUnmodifiable().stream()
                    .filter(Label.class::isInstance)
                    .map(node -> ((Label) node).getText())
                    .toList());
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("a check not tied to an import, 64 clips: moved snr_db (PSI 0.470)"));
  }
}
