package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.identity.OsAccount;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18: the workbench offers "Act as" only in a training sandbox. The demo (a sandbox) shows
 * the menu with every user; the same project once its lead unmarks it as a sandbox, with the OS
 * account mapped to an annotator, hides the menu, and acting as the lead changes nothing.
 */
@ExtendWith(ApplicationExtension.class)
class ActAsOnlyInATrainingSandboxWindowTest {
  private static final OsAccount ALEX = OsAccount.fixed("alex-os");
  @TempDir static Path dir;

  @RegisterExtension
  static final WorkbenchWindow window =
      WorkbenchWindow.withDemo(() -> dir)
          .rememberingIn(Path.of("last-project"))
          .beforeShow(shell -> shell.osAccount(ALEX));

  private static Path real;

  @BeforeAll
  static void demoAndARealProject() throws IOException {
    real = dir.resolve("real");
    DemoCreation.create(real, "lead-demo", TestClocks.FIXED);
    try (Project project = Project.openEmbedded(real, false, TestClocks.FIXED)) {
      Identities identities = new Identities(project);
      var lead = project.users().actor("lead-demo");
      identities.mapOsAccount(lead, "ann-alex", ALEX.name());
      identities.setSandbox(lead, false);
      assertThat(identities.sandbox()).isFalse();
    }
  }

  private void openAs(FxRobot robot, Path project, String userId) throws Exception {
    fx(
        () -> {
          window.shell().open(project, userId);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> text(robot, "#whoLabel").startsWith(userId));
  }

  @Test
  void theDemoShowsActAsWithEveryUser(FxRobot robot) throws Exception {
    openAs(robot, window.project(), "ann-alex");
    MenuButton menu = robot.lookup("#actAsMenu").queryAs(MenuButton.class);
    assertThat(fx(menu::isVisible)).isTrue();
    assertThat(fx(() -> menu.getItems().stream().map(item -> item.getId()).toList()))
        .contains("actAs-lead-demo", "actAs-ann-alex");
  }

  @Test
  void aRealProjectHidesActAsAndActingAsTheLeadChangesNothing(FxRobot robot) throws Exception {
    openAs(robot, real, "ann-alex");
    MenuButton menu = robot.lookup("#actAsMenu").queryAs(MenuButton.class);
    assertThat(fx(menu::isVisible)).isFalse();
    assertThat(fx(() -> menu.getItems().size())).isZero();
    fx(
        () -> {
          window.shell().actAs("lead-demo");
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#whoLabel")).isEqualTo("ann-alex · annotator");
    assertThat(fx(() -> window.shell().roles()))
        .extracting(Enum::name)
        .containsExactly("ANNOTATOR");
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).tryQuery().map(node -> fx(() -> labelText(node))).orElse("");
  }

  private static String labelText(Node node) {
    return node instanceof Label label ? label.getText() : "";
  }
}
