package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.labeling.LabelingScreen;
import dev.earmark.app.gui.project.ImportReportRow;
import dev.earmark.app.gui.project.ImportWizardModel;
import dev.earmark.app.gui.project.RecentProjects;
import dev.earmark.fixtures.DemoDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotException;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The project-level flows in a real (headless) window: a project that cannot be opened leads to the
 * welcome screen naming it and the reason; a new project is created there and the demo's broken
 * manifest imported through the wizard, whose report table names each broken file with its reason;
 * a recent project opens from the list. Writes docs/screenshots/import-wizard.png and
 * import-report.png (welcome.png comes from {@link ScreenTourTest}).
 */
@ExtendWith(ApplicationExtension.class)
class WelcomeFlowTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.empty(() -> dir);
  private static Path data;
  private WorkbenchShell shell;
  private Scene scene;
  private Path lastProject;

  @BeforeAll
  static void copyData() throws IOException {
    data = DemoDataset.copyTo(dir.resolve("data")).getParent();
  }

  @BeforeEach
  void theWindow() {
    shell = window.shell();
    scene = window.scene();
    lastProject = window.lastProject();
  }

  @Test
  void aMissingProjectLeadsToANewProjectAndAnImportWithItsReport(FxRobot robot) throws Exception {
    Path missing = dir.resolve("no-such-project");
    fx(
        () -> {
          shell.open(missing, "maria");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> !text(robot, "#welcomeProblemProject").isEmpty());
    assertThat(text(robot, "#welcomeProblemProject")).isEqualTo("Could not open " + missing);
    assertThat(text(robot, "#welcomeProblem")).startsWith("no Earmark project in " + missing);
    fx(
        () -> {
          shell.welcomeView().get().model().folderProperty().set(dir.toString());
          return null;
        });
    robot.clickOn("#newProjectName").write("calls");

    robot.clickOn("#newProjectCreate");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> shell.importWizard().isPresent()));
    assertThat(Files.exists(dir.resolve("calls"))).isTrue();
    assertThat(text(robot, "#whoLabel")).isEqualTo("maria · adjudicator, lead");
    ImportWizardModel wizard = fx(() -> shell.importWizard().get().model());

    robot
        .clickOn("#wizardManifestPath")
        .write(data.resolve(DemoDataset.BROKEN_MANIFEST).toString());
    robot.clickOn("#wizardNext");
    assertThat(fx(() -> wizard.stepProperty().get())).isEqualTo(ImportWizardModel.Step.CONTRACT);
    fx(
        () -> {
          wizard.contract().load(data.resolve(DemoDataset.CONTRACT));
          return null;
        });
    fx(() -> ScreenshotFiles.write(scene, "import-wizard"));
    robot.clickOn("#wizardNext");

    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> fx(() -> wizard.stepProperty().get() == ImportWizardModel.Step.REPORT));
    assertThat(fx(() -> wizard.progressProperty().get())).isEqualTo(1.0);
    TableView<?> table = robot.lookup("#reportTable").queryAs(TableView.class);
    assertThat(fx(() -> table.getItems().size())).isEqualTo(10);
    ImportReportRow truncated =
        fx(
            () ->
                wizard.shownRows().stream()
                    .filter(row -> row.clipKey().equals("broken-03"))
                    .findFirst()
                    .orElseThrow());
    assertThat(truncated.outcome()).isEqualTo(ImportReportRow.Outcome.QUARANTINED);
    assertThat(truncated.reason()).isNotBlank();
    // the table draws its rows on a later pulse
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup(truncated.reason()).tryQuery().isPresent());
    assertThat(text(robot, "#reportSummary"))
        .startsWith(
            "Import of dataset earmark-demo finished: 1 imported, 0 already present, 8"
                + " quarantined");
    fx(() -> ScreenshotFiles.write(scene, "import-report"));

    robot.clickOn("#wizardDone");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> shell.importWizard().isEmpty()));
  }

  @Test
  void aRecentProjectOpensFromTheWelcomeScreen(FxRobot robot) throws Exception {
    Path demo = dir.resolve("recent-demo");
    DemoCreation.create(demo, "lead-demo", TestClocks.FIXED);
    RecentProjects.besides(lastProject).add(demo);
    fx(
        () -> {
          shell.welcome("ann-alex");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#welcomeRecent").tryQuery().isPresent());
    assertThat(robot.lookup("#welcomeProblem").tryQuery()).isEmpty();

    String entry = "recent-demo\n" + demo;
    // The list may draw its cells again between a lookup and the click (a recycled cell then
    // holds no text): click once the entry is on screen, looking it up again until it is.
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> {
          try {
            robot.clickOn(entry);
            return true;
          } catch (FxRobotException e) {
            return false;
          }
        });
    robot.clickOn("#welcomeOpenRecent");

    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> shell.activeScreen().isPresent()));
    assertThat(fx(() -> shell.activeScreen().get())).isInstanceOf(LabelingScreen.class);
    assertThat(text(robot, "#whoLabel")).isEqualTo("ann-alex · annotator");
    // Let the screen finish loading (and reading ahead) before the window closes.
    LabelingScreen screen = (LabelingScreen) fx(() -> shell.activeScreen().get());
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    screen.model().currentProperty().get() != null
                        || !screen.model().emptyMessageProperty().get().isEmpty()));
    WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).tryQuery().map(node -> fx(() -> labelText(node))).orElse("");
  }

  private static String labelText(Node node) {
    return node instanceof Label label ? label.getText() : "";
  }
}
