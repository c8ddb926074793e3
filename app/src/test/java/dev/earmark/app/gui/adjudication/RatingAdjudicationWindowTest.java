package dev.earmark.app.gui.adjudication;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A TTS rating dispute in the real workbench window (headless Monocle), acting as adj-demo: pick an
 * annotator row by key, change one dimension in the final column, choose the reason by key and
 * decide; then escalate the next dispute with Ctrl+E and take the escalation back with Ctrl+Z.
 * Every outcome is checked in storage. Writes docs/screenshots/adjudication-rating.png.
 */
@ExtendWith(ApplicationExtension.class)
class RatingAdjudicationWindowTest {
  @TempDir static Path dir;

  @RegisterExtension
  static final WorkbenchWindow window =
      WorkbenchWindow.building(() -> dir, DemoDisputes::build)
          .rememberingIn(Path.of("last-project"))
          .height(860);

  private static DisputeRecord rating;

  @BeforeAll
  static void buildDemo() throws IOException {
    try (Project project = Project.openEmbedded(window.project(), false, TestClocks.FIXED)) {
      rating = DemoDisputes.recordTtsDispute(project, "tts-001");
    }
  }

  @Test
  void resolveARatingByEditingOneDimensionPickByKeyEscalateAndUndo(FxRobot robot) throws Exception {
    fx(
        () -> {
          window.shell().open(window.project(), DemoDisputes.ADJUDICATOR);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> fx(() -> window.shell().activeScreen().orElse(null) instanceof AdjudicationScreen));
    AdjudicationScreen screen = (AdjudicationScreen) fx(() -> window.shell().activeScreen().get());
    AdjudicationViewModel model = screen.model();
    Project project = screen.service().project();
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> fx(() -> model.currentProperty().get() != null));
    DisputeRow row =
        fx(
            () ->
                model.rows().stream()
                    .filter(r -> r.disputeId() == rating.id())
                    .findFirst()
                    .orElseThrow());
    fx(
        () -> {
          model.open(row);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    model.currentProperty().get() != null
                        && model.currentProperty().get().row().disputeId() == rating.id()));
    WaitForAsyncUtils.waitForFxEvents();
    List<String> annotators =
        fx(
            () ->
                model.currentProperty().get().labels().stream()
                    .map(DisputeCase.AnnotatorLabel::annotatorId)
                    .toList());
    assertThat(robot.lookup("#final-naturalness").tryQuery()).isPresent();
    assertThat(robot.lookup("#finalText").query().isVisible()).isFalse();

    // Bare digits type inside the note field; Alt+digit picks a row even there.
    fx(
        () -> {
          robot.lookup("#note").query().requestFocus();
          return null;
        });
    robot.type(KeyCode.DIGIT3);
    assertThat(fx(() -> model.noteProperty().get())).isEqualTo("3");
    assertThat(fx(() -> model.pickedProperty().get())).isEqualTo(annotators.get(0));
    robot.press(KeyCode.ALT, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.ALT);
    assertThat(fx(() -> model.pickedProperty().get())).isEqualTo(annotators.get(2));
    robot.press(KeyCode.BACK_SPACE).release(KeyCode.BACK_SPACE);
    // Outside text fields a bare digit picks.
    fx(
        () -> {
          robot.lookup("#disputeList").queryAs(ListView.class).requestFocus();
          return null;
        });
    robot.type(KeyCode.DIGIT2);
    assertThat(fx(() -> model.pickedProperty().get())).isEqualTo(annotators.get(1));

    // Change one dimension in the final column: the choices carry the rubric's anchors.
    robot.clickOn("#final-naturalness");
    Node four =
        robot
            .lookup(
                (Node node) ->
                    node instanceof ListCell<?> cell
                        && cell.getText() != null
                        && cell.getText().startsWith("4 — Human-like"))
            .query();
    robot.clickOn(four);
    assertThat(fx(() -> model.edits().keySet())).containsExactly("naturalness");
    WaitForAsyncUtils.waitForFxEvents();
    ScreenshotFiles.write(
        fx(() -> window.scene().snapshot(null)),
        screenshotDirectory().resolve("adjudication-rating.png"));

    // Reason by key (Alt+Shift+1 = annotator error), decide with Ctrl+Enter.
    fx(
        () -> {
          robot.lookup("#disputeList").queryAs(ListView.class).requestFocus();
          return null;
        });
    robot.press(KeyCode.ALT, KeyCode.SHIFT, KeyCode.DIGIT1);
    robot.release(KeyCode.DIGIT1, KeyCode.SHIFT, KeyCode.ALT);
    assertThat(fx(() -> model.reasonProperty().get())).isEqualTo(ReasonCode.ANNOTATOR_ERROR);
    robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> DemoDisputes.status(project, rating.id()) == DisputeStatus.RESOLVED);
    List<Adjudication> decisions = DemoDisputes.decisions(project, rating.id());
    Map<String, FieldValue> expected =
        new LinkedHashMap<>(DemoDisputes.label(project, rating, annotators.get(1)).fields());
    expected.put("naturalness", new FieldValue.ScalePoint(4));
    assertThat(decisions)
        .singleElement()
        .satisfies(
            decision -> {
              assertThat(decision.finalValue())
                  .isEqualTo(new LabelValue(DemoDisputes.TTS, expected));
              assertThat(decision.reason()).isEqualTo(ReasonCode.ANNOTATOR_ERROR);
            });

    // The next open dispute: escalate with Ctrl+E, take it back with Ctrl+Z.
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    model.currentProperty().get() != null
                        && model.currentProperty().get().row().status() == DisputeStatus.OPEN
                        && !model.busyProperty().get()));
    long next = fx(() -> model.currentProperty().get().row().disputeId());
    robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> DemoDisputes.status(project, next) == DisputeStatus.ESCALATED);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !model.busyProperty().get()));
    fx(
        () -> {
          robot.lookup("#disputeList").queryAs(ListView.class).requestFocus();
          return null;
        });
    robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> DemoDisputes.status(project, next) == DisputeStatus.OPEN);
    assertThat(project.audit().eventsFor("dispute", Long.toString(next)))
        .extracting(event -> event.action())
        .endsWith("dispute.escalate", "dispute.escalate.undo");
    // The decision about the rating still stands: only the escalation was taken back.
    assertThat(DemoDisputes.status(project, rating.id())).isEqualTo(DisputeStatus.RESOLVED);

    // F1 shows this screen's keys; F1 again hides them.
    robot.type(KeyCode.F1);
    assertThat(fx(() -> screen.view().keysShowing())).isTrue();
    assertThat(robot.lookup("#keysSheet").tryQuery()).isPresent();
    robot.type(KeyCode.F1);
    assertThat(fx(() -> screen.view().keysShowing())).isFalse();
  }

  private static Path screenshotDirectory() {
    Path module = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(module.resolve("docs")) ? module : module.getParent();
    return root.resolve("docs").resolve("screenshots");
  }
}
