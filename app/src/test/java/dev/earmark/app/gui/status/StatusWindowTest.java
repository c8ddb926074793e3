package dev.earmark.app.gui.status;

import static dev.earmark.app.gui.WindowNodes.awaitText;
import static dev.earmark.app.gui.WindowNodes.press;
import static dev.earmark.app.gui.WindowNodes.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.desk.ProjectDeskScreen;
import dev.earmark.storage.clip.ClipStatus;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.status.ProjectStatus;
import dev.earmark.storage.status.StatusReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Status tab in the real window on a real demo project: the cards show the figures {@code
 * earmark status} reads ({@code ProjectStatus}), and Refresh reads them again.
 */
@ExtendWith(ApplicationExtension.class)
class StatusWindowTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  @Test
  void theCardsShowTheFiguresOfTheStatusCommand(FxRobot robot) throws Exception {
    window.open(robot, "lead-demo");
    ProjectDeskScreen desk = window.desk(ProjectDeskScreen.Part.STATUS);
    Project project = desk.project();
    StatusReport status =
        new ProjectStatus(project, new Policies(project)).read(project.users().actor("lead-demo"));
    awaitText(robot, "#status-clips", s -> !s.isEmpty());
    assertThat(text(robot, "#status-clips"))
        .isEqualTo(status.clips().get(ClipStatus.ACTIVE) + " active");
    assertThat(text(robot, "#status-disputes")).isEqualTo(status.openDisputes() + " open");
    int assigned =
        status.annotators().stream().mapToInt(StatusReport.AnnotatorProgress::assigned).sum();
    int submitted =
        status.annotators().stream().mapToInt(StatusReport.AnnotatorProgress::submitted).sum();
    assertThat(assigned).isPositive();
    assertThat(text(robot, "#status-annotators"))
        .isEqualTo(submitted + " of " + assigned + " submitted");
    assertThat(text(robot, "#status-policy-asr-transcript")).isEqualTo("asr-transcript@1");
    assertThat(text(robot, "#status-qe")).isEqualTo(status.qeModel());
    assertThat(text(robot, "#status-export")).isEqualTo("none yet");
    assertThat(StatusCards.of(status))
        .extracting(StatusCard::id)
        .containsExactly(
            "clips",
            "disputes",
            "annotators",
            "policy-asr-transcript",
            "policy-tts-rating",
            "policy-rag-stages",
            // the demo's listening tests (sample-fixtures' mushra/) have their policies too
            "policy-tts-mushra",
            "policy-tts-preference",
            "qe",
            "export");

    // Refresh reads the project again (nothing else on screen changes it).
    press(robot, "#statusRefresh");
    awaitText(robot, "#status-clips", s -> s.endsWith(" active"));
  }
}
