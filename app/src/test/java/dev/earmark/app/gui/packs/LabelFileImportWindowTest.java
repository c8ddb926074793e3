package dev.earmark.app.gui.packs;

import static dev.earmark.app.gui.FxThread.fx;
import static dev.earmark.app.gui.WindowNodes.await;
import static dev.earmark.app.gui.WindowNodes.press;
import static dev.earmark.app.gui.WindowNodes.text;
import static dev.earmark.app.gui.WindowNodes.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A lead brings a vendor's transcripts in through the Packs screen alone, as {@code earmark labels
 * import} does headless: the good lines become the vendor's submitted labels, the bad one is
 * refused with its reason and line number, and a second import of the same file changes nothing.
 */
@ExtendWith(ApplicationExtension.class)
class LabelFileImportWindowTest {
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  @Test
  void aVendorsTranscriptsBecomeTheirSubmittedLabelsLineByLine(FxRobot robot) throws Exception {
    try (Project project = Project.openEmbedded(window.project(), false, TestClocks.FIXED)) {
      project
          .users()
          .add(
              project.users().actor("lead-demo"),
              "vendor-a",
              "Vendor A",
              EnumSet.of(Role.ANNOTATOR));
    }
    Path labels =
        Files.writeString(
            dir.resolve("vendor-a.jsonl"),
            String.join(
                "\n",
                "{\"clip_id\": \"clip-001\", \"value\": {\"transcript\": \"please transfer"
                    + " twenty one dollars to my savings\"}, \"time_spent_ms\": 9000}",
                "{\"clip_id\": \"clip-002\", \"value\": {\"transcript\": \"i bought tickets to"
                    + " see twenty one pilots in june\"}}",
                "{\"clip_id\": \"clip-999\", \"value\": {\"transcript\": \"no such clip\"}}",
                ""));

    window.openScreen(robot, window.project(), "lead-demo", "packs");
    ComboBox<?> annotator = robot.lookup("#labelFileAnnotator").queryAs(ComboBox.class);
    await(30, () -> fx(() -> annotator.getItems().contains("vendor-a")));
    PacksViewModel model =
        fx(() -> ((PacksScreen) window.shell().screen("packs").orElseThrow()).model());
    fx(
        () -> {
          model.labelFileAnnotatorProperty().set("vendor-a");
          return null;
        });
    type(robot, "#labelFile", labels.toString());
    press(robot, "#labelFileImport");
    await(60, () -> text(robot, "#packsMessage").startsWith("vendor-a:"));
    assertThat(text(robot, "#packsMessage"))
        .startsWith("vendor-a: 2 imported, 0 unchanged, 1 refused; 2 clips assigned first; ");
    List<String> lines = fx(() -> List.copyOf(model.labelFileLines()));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("line 1  clip-001  imported (assigned first)");
    assertThat(lines.get(1)).isEqualTo("line 2  clip-002  imported (assigned first)");
    assertThat(lines.get(2)).startsWith("line 3  clip-999  refused: ").contains("clip-999");

    // The same file again: the stored labels are found identical, nothing changes.
    press(robot, "#labelFileImport");
    await(60, () -> text(robot, "#packsMessage").startsWith("vendor-a: 0 imported, 2 unchanged"));
    assertThat(fx(() -> List.copyOf(model.labelFileLines())))
        .startsWith("line 1  clip-001  unchanged", "line 2  clip-002  unchanged");

    // A file that cannot be read is one sentence naming it, and the screen stays usable.
    type(robot, "#labelFile", dir.resolve("missing.jsonl").toString());
    press(robot, "#labelFileImport");
    await(60, () -> !text(robot, "#packsMessage").startsWith("Working"));
    assertThat(text(robot, "#packsMessage"))
        .contains("cannot read")
        .contains("missing.jsonl")
        .doesNotContain("Exception");
  }
}
