package dev.earmark.app.gui.dashboard;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.engine.rubric.TaskType;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard in the real shell on the demo project, as lead-demo: it opens on the ASR figures,
 * switches to TTS, opens the items behind a heat-map cell, shows the numbers table, exports CSV and
 * PNG, and follows the dark theme. Writes docs/screenshots/agreement.png and agreement-dark.png.
 */
@ExtendWith(ApplicationExtension.class)
class AgreementWindowTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  @Test
  void aLeadSwitchesTaskTypeOpensAPairsItemsAndExports(FxRobot robot) throws Exception {
    fx(
        () -> {
          window.shell().open(window.project(), "lead-demo");
          return null;
        });
    // A lead lands on the first screen their roles allow (adjudication), then opens Agreement.
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> fx(() -> window.shell().activeScreen().isPresent()));
    robot.clickOn("#nav-agreement");
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> fx(() -> window.shell().activeScreen().orElse(null) instanceof AgreementScreen));
    AgreementScreen screen =
        (AgreementScreen) fx(() -> window.shell().activeScreen().orElseThrow());
    AgreementViewModel model = screen.model();
    awaitFigures(model, TaskType.ASR_TRANSCRIPT);
    assertThat(robot.lookup("#nav-agreement").tryQuery()).isPresent();
    assertThat(robot.lookup("#card-transcript").tryQuery()).isPresent();

    robot.clickOn("#taskType-tts-rating");
    awaitFigures(model, TaskType.TTS_RATING);
    robot.clickOn("#card-naturalness");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> fx(() -> "naturalness".equals(model.fieldProperty().get().field())));

    robot.clickOn("#heat-ann-alex-ann-bea");
    WaitForAsyncUtils.waitForFxEvents();
    Node panel = robot.lookup("#itemsPanel").query();
    assertThat(fx(panel::isVisible)).isTrue();
    ListView<?> items = robot.lookup("#itemsList").queryAs(ListView.class);
    int expected =
        fx(
            () ->
                model
                    .fieldProperty()
                    .get()
                    .heatMap()
                    .cell("ann-alex", "ann-bea")
                    .orElseThrow()
                    .items()
                    .size());
    assertThat(expected).isEqualTo(6);
    assertThat(fx(() -> items.getItems().size())).isEqualTo(expected);
    assertThat(fx(() -> model.itemsBehindProperty().get().title()))
        .startsWith("naturalness · ann-alex × ann-bea");

    Path shots = screenshots();
    WritableImage light = fx(() -> window.scene().snapshot(null));
    PngSnapshot.write(light, shots.resolve("agreement.png"));

    Path exports = Files.createDirectories(dir.resolve("exports"));
    fx(
        () -> {
          screen
              .view()
              .setSaveDialog((owner, title, name, ext) -> Optional.of(exports.resolve(name)));
          return null;
        });
    robot.clickOn("#exportCsvButton");
    Path csv = exports.resolve("agreement-tts-rating.csv");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> fx(() -> model.messageProperty().get().startsWith("Saved ")));
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo(String.join(",", AgreementCsv.HEADER));
    assertThat(lines)
        .anyMatch(l -> l.startsWith("tts-rating,naturalness,pair,ann-alex × ann-bea,"));

    robot.clickOn("#exportPngButton");
    Path png = exports.resolve("agreement-tts-rating.png");
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> fx(() -> model.messageProperty().get().startsWith("Saved the dashboard")));
    BufferedImage written = ImageIO.read(png.toFile());
    assertThat(written.getHeight()).isGreaterThan(400);

    robot.clickOn("#numbersToggle");
    assertThat(fx(() -> robot.lookup("#numbersTable").query().isVisible())).isTrue();
    robot.clickOn("#numbersToggle");

    robot.clickOn("#heat-ann-bea-ann-cem");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> model.itemsBehindProperty().get().title()))
        .startsWith("naturalness · ann-bea × ann-cem");
    robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(panel::isVisible)).isFalse();

    robot.clickOn("#themeButton");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> screen.view().isDark())).isTrue();
    WritableImage dark = fx(() -> window.scene().snapshot(null));
    PngSnapshot.write(dark, shots.resolve("agreement-dark.png"));
    assertThat(dark.getPixelReader().getColor(20, 700).getBrightness()).isLessThan(0.3);
    robot.clickOn("#themeButton");
  }

  private static void awaitFigures(AgreementViewModel model, TaskType type) throws Exception {
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    model.figuresProperty().get() != null
                        && model.figuresProperty().get().taskType() == type));
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static Path screenshots() {
    Path module = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(module.resolve("docs")) ? module : module.getParent();
    return root.resolve("docs").resolve("screenshots");
  }
}
