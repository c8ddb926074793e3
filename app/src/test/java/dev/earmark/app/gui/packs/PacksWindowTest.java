package dev.earmark.app.gui.packs;

import static dev.earmark.app.gui.FxThread.fx;
import static dev.earmark.app.gui.WindowNodes.await;
import static dev.earmark.app.gui.WindowNodes.press;
import static dev.earmark.app.gui.WindowNodes.text;
import static dev.earmark.app.gui.WindowNodes.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The offline round trip between two project folders through the window only: the lead writes
 * ann-alex's assignment pack on the Packs screen; "ann-alex on her laptop" opens it with Project ›
 * Open assignment pack…, labels, and writes her label pack with Export my labels; the lead imports
 * it on the Packs screen and the label is in the lead's project.
 */
@ExtendWith(ApplicationExtension.class)
class PacksWindowTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  /** Submits a label for the first item of the annotator's queue (the labeling screen's call). */
  private static String labelFirstItem(Path project, String annotator, String text) {
    try (Project working = Project.openEmbedded(project, false, TestClocks.FIXED)) {
      Policies policies = new Policies(working);
      Actor actor = working.users().actor(annotator);
      QueueItem first = new Assignments(working, policies).queue(actor, annotator).get(0);
      Labels labels = new Labels(working, policies, new ProjectSettings(working));
      int version = labels.open(actor, first.assignmentId()).version();
      labels.submit(
          actor,
          first.assignmentId(),
          new LabelInput(
              new LabelValue(first.rubric(), Map.of("transcript", new FieldValue.Text(text))),
              Duration.ofSeconds(20),
              1.0),
          version);
      return first.clipKey();
    }
  }

  @Test
  void anAssignmentPackGoesOutAndItsLabelsComeBackThroughTheScreens(FxRobot robot)
      throws Exception {
    // The lead writes ann-alex's assignment pack.
    window.openScreen(robot, window.project(), "lead-demo", "packs");
    ComboBox<?> annotator = robot.lookup("#packAnnotator").queryAs(ComboBox.class);
    await(30, () -> fx(() -> annotator.getItems().contains("ann-alex")));
    fx(
        () -> {
          ((PacksScreen) window.shell().screen("packs").orElseThrow())
              .model()
              .annotatorProperty()
              .set("ann-alex");
          return null;
        });
    assertThat(text(robot, "#packAssignmentFile")).endsWith("ann-alex-assignments.pack");
    Path assignmentPack = dir.resolve("mail").resolve("ann-alex.pack");
    type(robot, "#packAssignmentFile", assignmentPack.toString());
    press(robot, "#packExportAssignments");
    await(60, () -> text(robot, "#packsMessage").startsWith("Wrote the assignment pack"));
    assertThat(assignmentPack).isRegularFile();

    // On the annotator's machine: Project › Open assignment pack… into a new folder.
    Path laptop = dir.resolve("alex-laptop");
    fx(
        () -> {
          window.shell().openAssignmentPack();
          return null;
        });
    await(10, () -> robot.lookup("#openPackFile").tryQuery().isPresent());
    type(robot, "#openPackFile", assignmentPack.toString());
    type(robot, "#openPackFolder", laptop.toString());
    press(robot, "#openPackRun");
    await(90, () -> text(robot, "#whoLabel").startsWith("ann-alex"));
    assertThat(Project.exists(laptop)).isTrue();

    fx(
        () -> {
          window.shell().closeProject();
          return null;
        });
    String clip = labelFirstItem(laptop, "ann-alex", "typed on the train");

    // Export my labels…: the Packs screen of the working copy.
    window.openScreen(robot, laptop, "ann-alex", "packs");
    await(30, () -> text(robot, "#packSource").contains("working copy"));
    Path labelPack = dir.resolve("mail").resolve("ann-alex-labels.pack");
    type(robot, "#packMyLabelsFile", labelPack.toString());
    press(robot, "#packExportMyLabels");
    await(60, () -> text(robot, "#packsMessage").startsWith("Wrote your label pack"));
    assertThat(text(robot, "#packsMessage")).contains(": 1 submitted labels");

    // Back at the lead's desk: import the label pack.
    window.openScreen(robot, window.project(), "lead-demo", "packs");
    // The screen reads where the project came from in the background: wait for it.
    await(30, () -> text(robot, "#packSource").startsWith("This project was not made from"));
    type(robot, "#packLabelFile", labelPack.toString());
    press(robot, "#packImportLabels");
    await(60, () -> text(robot, "#packsMessage").startsWith("Label pack of ann-alex"));
    assertThat(text(robot, "#packsMessage"))
        .isEqualTo("Label pack of ann-alex: 1 labels imported, 0 skipped.");
    fx(() -> ScreenshotFiles.write(window.scene(), "packs"));
    var merged =
        fx(
            () ->
                List.copyOf(
                    ((PacksScreen) window.shell().screen("packs").orElseThrow()).model().merged()));
    assertThat(merged).containsExactly("imported " + clip + " (submitted)");

    // A second import of the same pack is refused with storage's reason.
    press(robot, "#packImportLabels");
    await(60, () -> text(robot, "#packsMessage").contains("already imported"));
  }
}
