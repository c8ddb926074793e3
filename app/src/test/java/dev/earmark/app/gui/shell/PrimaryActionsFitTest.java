package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.Screens;
import dev.earmark.app.gui.background.FxTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 17: at 1280×800, with the first-run banner shown, each screen's primary action lies inside
 * the window, so nobody has to scroll to find it.
 */
@ExtendWith(ApplicationExtension.class)
class PrimaryActionsFitTest {
  private static Path dir;
  private WorkbenchShell shell;
  private Scene scene;

  @BeforeAll
  static void folder() throws IOException {
    dir = Files.createTempDirectory("earmark-fit");
  }

  @AfterAll
  static void removeFolder() throws IOException {
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
            dir.resolve("demo"),
            dir.resolve("config").resolve("last-project"),
            Screens.all(),
            new FxTaskExecutor(2));
    scene = new Scene(shell.view(), 1280, 800);
    shell.install(scene);
    stage.setScene(scene);
    stage.show();
  }

  @Test
  void everyPrimaryActionIsInsideTheWindowWithTheBannerShown() throws Exception {
    fx(
        () -> {
          shell.firstRun("operator");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        180, TimeUnit.SECONDS, () -> fx(() -> shell.firstRunBanner().isPresent()));

    assertInside("adjudicate", "#decide");
    assertInside("rules", "#publishButton");
    fx(
        () -> {
          shell.show("project");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> fx(() -> scene.lookup("#projectTabs") != null));
    fx(
        () -> {
          ((TabPane) scene.lookup("#projectTabs")).getSelectionModel().select(2);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    scene.lookup("#reviewPolicyButton") instanceof Button review
                        && !review.isDisabled()));
    fx(
        () -> {
          ((Button) scene.lookup("#reviewPolicyButton")).fire();
          return null;
        });
    assertInside(null, "#applyPolicyButton");
    fx(
        () -> {
          shell.importManifest();
          return null;
        });
    assertInside(null, "#wizardNext");
    assertThat(fx(() -> shell.firstRunBanner().isPresent())).isTrue();

    fx(
        () -> {
          shell.actAs("ann-alex");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> fx(() -> shell.screen("label").isPresent()));
    assertInside("label", "#submitButton");
    assertThat(fx(() -> shell.firstRunBanner().isPresent())).isTrue();
  }

  private void assertInside(String screenId, String selector) throws Exception {
    if (screenId != null) {
      fx(
          () -> {
            shell.show(screenId);
            return null;
          });
    }
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () ->
            fx(
                () -> {
                  Node node = scene.lookup(selector);
                  return node != null && node.isVisible() && node.getScene() != null;
                }));
    WaitForAsyncUtils.waitForFxEvents();
    Bounds bounds =
        fx(
            () -> {
              scene.getRoot().applyCss();
              scene.getRoot().layout();
              Node node = scene.lookup(selector);
              return node.localToScene(node.getBoundsInLocal());
            });
    assertThat(bounds.getMinX()).as(selector + " left edge").isGreaterThanOrEqualTo(0);
    assertThat(bounds.getMinY()).as(selector + " top edge").isGreaterThanOrEqualTo(0);
    assertThat(bounds.getMaxX()).as(selector + " right edge").isLessThanOrEqualTo(1280);
    assertThat(bounds.getMaxY()).as(selector + " bottom edge").isLessThanOrEqualTo(800);
  }
}
