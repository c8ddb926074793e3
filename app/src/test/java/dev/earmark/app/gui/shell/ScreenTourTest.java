package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.app.gui.Screens;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.desk.ProjectDeskScreen;
import dev.earmark.app.gui.project.RecentProjects;
import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.storage.user.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screenshot command (docs/screenshots/README.md): opens the demo project in the shell, visits
 * every screen {@link Screens#all()} lists as a user of the demo who may see it, and writes
 * docs/screenshots/window-ID.png for each (the first screen also in the dark theme), plus the
 * first-run welcome screen as welcome.png. Screens added to {@link Screens#all()} appear without a
 * change here. Runs only with {@code -Dearmark.screenshots=true}.
 */
@EnabledIfSystemProperty(named = "earmark.screenshots", matches = "true")
@ExtendWith(ApplicationExtension.class)
class ScreenTourTest {
  private static Path dir;
  private static Path demo;
  private WorkbenchShell shell;
  private Scene scene;
  private Path lastProject;

  @BeforeAll
  static void buildDemo() throws IOException {
    dir = Files.createTempDirectory("earmark-tour");
    demo = dir.resolve("earmark-demo");
    DemoCreation.create(demo, "lead-demo", TestClocks.FIXED);
  }

  @AfterAll
  static void removeDemo() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Start
  void start(Stage stage) {
    lastProject = dir.resolve("config").resolve("last-project");
    shell =
        new WorkbenchShell(
            stage, TestClocks.FIXED, demo, lastProject, Screens.all(), new FxTaskExecutor(2));
    scene = new Scene(shell.view(), 1280, 800);
    shell.install(scene);
    stage.setScene(scene);
    stage.show();
  }

  @Test
  void everyScreenIsPhotographedAsAUserWhoMaySeeIt(FxRobot robot) throws Exception {
    RecentProjects.besides(lastProject).add(demo);
    fx(
        () -> {
          shell.welcome("lead-demo");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#welcomeRecent").tryQuery().isPresent());
    settle();
    fx(() -> ScreenshotFiles.write(scene, "welcome"));

    fx(
        () -> {
          shell.open(demo, "lead-demo");
          return null;
        });
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !fx(() -> shell.users()).isEmpty());
    boolean first = true;
    for (ScreenFactory factory : Screens.all()) {
      Optional<User> user =
          fx(() -> shell.users()).stream().filter(u -> factory.availableTo(u.roles())).findFirst();
      assertThat(user).as("a demo user who may see the screen " + factory.id()).isPresent();
      String userId = user.get().id();
      fx(
          () -> {
            shell.actAs(userId);
            return null;
          });
      WaitForAsyncUtils.waitFor(
          20,
          TimeUnit.SECONDS,
          () -> fx(() -> shell.roles().equals(user.get().roles()) && !shell.users().isEmpty()));
      fx(
          () -> {
            shell.show(factory.id());
            return null;
          });
      WaitForAsyncUtils.waitFor(
          20, TimeUnit.SECONDS, () -> fx(() -> shell.screen(factory.id()).isPresent()));
      settle();
      fx(() -> ScreenshotFiles.write(scene, "window-" + factory.id()));
      if (fx(() -> shell.screen(factory.id()).orElseThrow()) instanceof ProjectDeskScreen desk) {
        // The lead's desk: one picture per tab after the first (Status).
        for (ProjectDeskScreen.Part part : ProjectDeskScreen.Part.values()) {
          if (part != ProjectDeskScreen.Part.STATUS) {
            fx(
                () -> {
                  desk.select(part);
                  return null;
                });
            settle();
            fx(() -> ScreenshotFiles.write(scene, "window-project-" + part.id()));
          }
        }
      }
      if (first) {
        fx(
            () -> {
              shell.theme().toggle();
              return null;
            });
        settle();
        fx(() -> ScreenshotFiles.write(scene, "window-" + factory.id() + "-dark"));
        fx(
            () -> {
              shell.theme().toggle();
              return null;
            });
        first = false;
      }
    }
    fx(
        () -> {
          shell.shutdown();
          return null;
        });
  }

  /** Lets background loads (queues, peaks, charts) land and the scene lay out before a picture. */
  private static void settle() throws Exception {
    for (int i = 0; i < 3; i++) {
      WaitForAsyncUtils.sleep(700, TimeUnit.MILLISECONDS);
      WaitForAsyncUtils.waitForFxEvents();
    }
  }
}
