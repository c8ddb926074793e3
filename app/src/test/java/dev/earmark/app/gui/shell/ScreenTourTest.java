package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.Screens;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.desk.ProjectDeskScreen;
import dev.earmark.app.gui.project.RecentProjects;
import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.storage.user.User;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screenshot command (docs/screenshots/README.md): opens the demo project in the
 * window.shell(), visits every screen {@link Screens#all()} lists as a user of the demo who may see
 * it, and writes docs/screenshots/window-ID.png for each (the first screen also in the dark theme),
 * plus the first-run welcome screen as welcome.png. Screens added to {@link Screens#all()} appear
 * without a change here. Runs only with {@code -Dearmark.screenshots=true}.
 */
@EnabledIfSystemProperty(named = "earmark.screenshots", matches = "true")
@ExtendWith(ApplicationExtension.class)
class ScreenTourTest {
  @TempDir static Path dir;

  @RegisterExtension
  static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir).named("earmark-demo");

  @Test
  void everyScreenIsPhotographedAsAUserWhoMaySeeIt(FxRobot robot) throws Exception {
    RecentProjects.besides(window.lastProject()).add(window.project());
    fx(
        () -> {
          window.shell().welcome("lead-demo");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#welcomeRecent").tryQuery().isPresent());
    settle();
    fx(() -> ScreenshotFiles.write(window.scene(), "welcome"));

    fx(
        () -> {
          window.shell().open(window.project(), "lead-demo");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> !fx(() -> window.shell().users()).isEmpty());
    boolean first = true;
    for (ScreenFactory factory : Screens.all()) {
      Optional<User> user =
          fx(() -> window.shell().users()).stream()
              .filter(u -> factory.availableTo(u.roles()))
              .findFirst();
      assertThat(user).as("a demo user who may see the screen " + factory.id()).isPresent();
      String userId = user.get().id();
      fx(
          () -> {
            window.shell().actAs(userId);
            return null;
          });
      WaitForAsyncUtils.waitFor(
          20,
          TimeUnit.SECONDS,
          () ->
              fx(
                  () ->
                      window.shell().roles().equals(user.get().roles())
                          && !window.shell().users().isEmpty()));
      fx(
          () -> {
            window.shell().show(factory.id());
            return null;
          });
      WaitForAsyncUtils.waitFor(
          20, TimeUnit.SECONDS, () -> fx(() -> window.shell().screen(factory.id()).isPresent()));
      settle();
      fx(() -> ScreenshotFiles.write(window.scene(), "window-" + factory.id()));
      if (fx(() -> window.shell().screen(factory.id()).orElseThrow())
          instanceof ProjectDeskScreen desk) {
        // The lead's desk: one picture per tab after the first (Status).
        for (ProjectDeskScreen.Part part : ProjectDeskScreen.Part.values()) {
          if (part != ProjectDeskScreen.Part.STATUS) {
            fx(
                () -> {
                  desk.select(part);
                  return null;
                });
            settle();
            fx(() -> ScreenshotFiles.write(window.scene(), "window-project-" + part.id()));
          }
        }
      }
      if (first) {
        fx(
            () -> {
              window.shell().theme().toggle();
              return null;
            });
        settle();
        fx(() -> ScreenshotFiles.write(window.scene(), "window-" + factory.id() + "-dark"));
        fx(
            () -> {
              window.shell().theme().toggle();
              return null;
            });
        first = false;
      }
    }
    fx(
        () -> {
          window.shell().shutdown();
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
