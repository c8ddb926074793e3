package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.Screens;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.identity.OsAccount;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
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
 * Issue 18: the workbench offers "Act as" only in a training sandbox. The demo (a sandbox) shows
 * the menu with every user; the same project once its lead unmarks it as a sandbox, with the OS
 * account mapped to an annotator, hides the menu, and acting as the lead changes nothing.
 */
@ExtendWith(ApplicationExtension.class)
class ActAsOnlyInATrainingSandboxWindowTest {
  private static final OsAccount ALEX = OsAccount.fixed("alex-os");
  private static Path dir;
  private static Path demo;
  private static Path real;
  private WorkbenchShell shell;

  @BeforeAll
  static void demoAndARealProject() throws IOException {
    dir = Files.createTempDirectory("earmark-act-as");
    demo = dir.resolve("demo");
    DemoCreation.create(demo, "lead-demo", TestClocks.FIXED);
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

  @AfterAll
  static void removeProjects() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Start
  void start(Stage stage) {
    shell =
        new WorkbenchShell(
            stage,
            TestClocks.FIXED,
            demo,
            dir.resolve("last-project"),
            Screens.all(),
            new FxTaskExecutor(2));
    shell.osAccount(ALEX);
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

  private void openAs(FxRobot robot, Path project, String userId) throws Exception {
    fx(
        () -> {
          shell.open(project, userId);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> text(robot, "#whoLabel").startsWith(userId));
  }

  @Test
  void theDemoShowsActAsWithEveryUser(FxRobot robot) throws Exception {
    openAs(robot, demo, "ann-alex");
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
          shell.actAs("lead-demo");
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(text(robot, "#whoLabel")).isEqualTo("ann-alex · annotator");
    assertThat(fx(() -> shell.roles())).extracting(Enum::name).containsExactly("ANNOTATOR");
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).tryQuery().map(node -> fx(() -> labelText(node))).orElse("");
  }

  private static String labelText(Node node) {
    return node instanceof Label label ? label.getText() : "";
  }
}
