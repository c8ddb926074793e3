package dev.earmark.app.gui.shell;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.storage.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The first run in a real (headless) window: the demo project is built where the default project
 * goes, opened for the operator (lead and adjudicator, as {@code earmark demo} adds them), and the
 * welcome banner offers the other ways in until it is dismissed.
 */
@ExtendWith(ApplicationExtension.class)
class FirstRunTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.empty(() -> dir);

  @Test
  void buildsAndOpensTheDemoThenGreets(FxRobot robot) throws Exception {
    assertThat(Project.exists(dir.resolve("demo"))).isFalse();
    fx(
        () -> {
          window.shell().firstRun("operator");
          return null;
        });
    // Issue 17: the preparation shows its steps with a progress bar while the window stays
    // responsive (the FX thread answers every poll below while the demo is built).
    List<String> steps = new ArrayList<>();
    WaitForAsyncUtils.waitFor(
        120,
        TimeUnit.SECONDS,
        () ->
            fx(
                () -> {
                  Node shown = window.shell().view().lookup("#demoStep");
                  if (shown instanceof javafx.scene.control.Label label
                      && label.getText().startsWith("Step ")
                      && (steps.isEmpty()
                          || !steps.get(steps.size() - 1).equals(label.getText()))) {
                    steps.add(label.getText());
                  }
                  return window.shell().firstRunBanner().isPresent();
                }));
    assertThat(steps).as("steps seen while preparing").isNotEmpty();
    assertThat(steps).allMatch(text -> text.matches("Step [1-8] of 8: .+…"));
    assertThat(steps).isSortedAccordingTo(Comparator.comparing(text -> text.charAt(5)));
    assertThat(Project.exists(dir.resolve("demo"))).isTrue();
    assertThat(fx(() -> window.shell().roles()))
        .extracting(Enum::name)
        .contains("LEAD", "ADJUDICATOR");
    assertThat(fx(() -> window.shell().activeScreen().isPresent())).isTrue();
    assertThat(Files.readString(dir.resolve("config").resolve("last-project")).strip())
        .isEqualTo(dir.resolve("demo").toString());

    // Issue 17: the banner's buttons read in full at the widths users work at. (Monocle's headless
    // screen cannot grow the stage, so the banner is laid out at each window width directly.)
    for (double width : new double[] {1280, 1600, 1024}) {
      List<String> cut =
          fx(
              () -> {
                Region banner = (Region) window.shell().firstRunBanner().orElseThrow();
                banner.resize(width, banner.prefHeight(width));
                banner.layout();
                List<String> elided = new ArrayList<>();
                for (Node node : banner.lookupAll(".button")) {
                  Button button = (Button) node;
                  Text shown = (Text) button.lookup(".text");
                  if (shown == null || !shown.getText().equals(button.getText())) {
                    elided.add(
                        button.getText()
                            + " shown as "
                            + (shown == null ? "nothing" : shown.getText()));
                  }
                }
                return elided;
              });
      assertThat(cut).as("at " + (int) width + " px").isEmpty();
      assertThat(
              fx(
                  () -> {
                    Region banner = (Region) window.shell().firstRunBanner().orElseThrow();
                    return banner.prefHeight(width);
                  }))
          .as("the banner stays a strip at " + (int) width + " px")
          .isLessThan(80);
    }
    fx(
        () -> {
          window.shell().firstRunBanner().orElseThrow().getParent().requestLayout();
          return null;
        });

    robot.clickOn("#dismissFirstRun");
    assertThat(fx(() -> window.shell().firstRunBanner().isPresent())).isFalse();
    assertThat(fx(() -> window.shell().activeScreen().isPresent())).isTrue();
  }
}
