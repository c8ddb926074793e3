package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.WorkbenchWindow;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 17: at 1280×800, with the first-run banner shown, each screen's primary action lies inside
 * the window, so nobody has to scroll to find it.
 */
@ExtendWith(ApplicationExtension.class)
class PrimaryActionsFitTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.empty(() -> dir);

  @Test
  void everyPrimaryActionIsInsideTheWindowWithTheBannerShown() throws Exception {
    fx(
        () -> {
          window.shell().firstRun("operator");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        180, TimeUnit.SECONDS, () -> fx(() -> window.shell().firstRunBanner().isPresent()));

    assertInside("adjudicate", "#decide");
    assertInside("rules", "#publishButton");
    fx(
        () -> {
          window.shell().show("project");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> fx(() -> window.scene().lookup("#projectTabs") != null));
    fx(
        () -> {
          ((TabPane) window.scene().lookup("#projectTabs")).getSelectionModel().select(2);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    window.scene().lookup("#reviewPolicyButton") instanceof Button review
                        && !review.isDisabled()));
    fx(
        () -> {
          ((Button) window.scene().lookup("#reviewPolicyButton")).fire();
          return null;
        });
    assertInside(null, "#applyPolicyButton");
    fx(
        () -> {
          window.shell().importManifest();
          return null;
        });
    assertInside(null, "#wizardNext");
    assertThat(fx(() -> window.shell().firstRunBanner().isPresent())).isTrue();

    fx(
        () -> {
          window.shell().actAs("ann-alex");
          return null;
        });
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> fx(() -> window.shell().screen("label").isPresent()));
    assertInside("label", "#submitButton");
    assertThat(fx(() -> window.shell().firstRunBanner().isPresent())).isTrue();
  }

  private void assertInside(String screenId, String selector) throws Exception {
    if (screenId != null) {
      fx(
          () -> {
            window.shell().show(screenId);
            return null;
          });
    }
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () ->
            fx(
                () -> {
                  Node node = window.scene().lookup(selector);
                  return node != null && node.isVisible() && node.getScene() != null;
                }));
    WaitForAsyncUtils.waitForFxEvents();
    Bounds bounds =
        fx(
            () -> {
              window.scene().getRoot().applyCss();
              window.scene().getRoot().layout();
              Node node = window.scene().lookup(selector);
              return node.localToScene(node.getBoundsInLocal());
            });
    assertThat(bounds.getMinX()).as(selector + " left edge").isGreaterThanOrEqualTo(0);
    assertThat(bounds.getMinY()).as(selector + " top edge").isGreaterThanOrEqualTo(0);
    assertThat(bounds.getMaxX()).as(selector + " right edge").isLessThanOrEqualTo(1280);
    assertThat(bounds.getMaxY()).as(selector + " bottom edge").isLessThanOrEqualTo(800);
  }
}
