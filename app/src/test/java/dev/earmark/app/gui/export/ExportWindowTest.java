package dev.earmark.app.gui.export;

import static dev.earmark.app.gui.FxThread.fx;
import static dev.earmark.app.gui.WindowNodes.await;
import static dev.earmark.app.gui.WindowNodes.press;
import static dev.earmark.app.gui.WindowNodes.shown;
import static dev.earmark.app.gui.WindowNodes.text;
import static dev.earmark.app.gui.WindowNodes.tick;
import static dev.earmark.app.gui.WindowNodes.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.audit.AuditQuery;
import dev.earmark.storage.audit.trail.AuditTrail;
import dev.earmark.storage.export.BatchVerifier;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Export wizard in the real window on the demo project, as its lead: the demo's open disputes
 * block the export and nothing is written; overriding each blocker with a written reason exports
 * the batch, which verifies, and the reasons are in the manifest and the audit log. The demo's
 * MUSHRA test, ticked, goes into the batch's listening/tts-mushra/ and the wizard names its files.
 */
@ExtendWith(ApplicationExtension.class)
class ExportWindowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;

  @RegisterExtension static final WorkbenchWindow window = WorkbenchWindow.withDemo(() -> dir);

  @Test
  void aLeadOverridesEachBlockerWithAReasonAndGetsAVerifiedBatch(FxRobot robot) throws Exception {
    window.openScreen(robot, window.project(), "lead-demo", "export");
    Path batch = dir.resolve("out").resolve("gui-1");
    type(robot, "#exportBatch", "gui-1");
    type(robot, "#exportFolder", batch.toString());
    tick(robot, "#format-earmark-jsonl", true);
    tick(robot, "#format-kaldi", true);
    // The demo's listening tests with labels are offered once storage has found them.
    await(60, () -> shown(robot, "#listening-tts-mushra"));
    tick(robot, "#listening-tts-mushra", true);
    press(robot, "#exportRun");

    await(60, () -> shown(robot, "#blockerTable"));
    TableView<?> table = robot.lookup("#blockerTable").queryAs(TableView.class);
    List<String> codes =
        fx(() -> table.getItems().stream().map(row -> ((BlockerRow) row).code()).toList());
    assertThat(codes).contains("unresolved-disputes");
    assertThat(fx(() -> ((BlockerRow) table.getItems().get(0)).meaning())).isNotBlank();
    assertThat(text(robot, "#exportMessage")).contains("nothing was written");
    assertThat(batch).doesNotExist();
    fx(() -> ScreenshotFiles.write(window.scene(), "export-blockers"));

    // An override without a reason is refused before storage is asked.
    tick(robot, "#override-" + codes.get(0), true);
    press(robot, "#exportOverride");
    assertThat(text(robot, "#exportMessage")).startsWith("Write why " + codes.get(0));
    for (String code : codes) {
      tick(robot, "#override-" + code, true);
      type(robot, "#reason-" + code, "pilot batch, reviewed by Maria: " + code);
    }
    press(robot, "#exportOverride");

    await(60, () -> shown(robot, "#exportResult") && !text(robot, "#exportResult").isEmpty());
    assertThat(text(robot, "#exportResult")).startsWith("Verified: intact");
    assertThat(text(robot, "#exportBatchFolder")).isEqualTo(batch.toString());
    assertThat(text(robot, "#exportMessage"))
        .startsWith("Exported batch gui-1: ")
        .contains("Overridden, with your reasons in the manifest: ");
    assertThat(BatchVerifier.verify(batch).intact()).isTrue();
    assertThat(batch.resolve("kaldi")).isDirectory();
    assertThat(text(robot, "#exportListeningFiles"))
        .contains("listening/tts-mushra/labels.jsonl")
        .contains("listening/tts-mushra/report.json");
    assertThat(batch.resolve("listening/tts-mushra/labels.jsonl")).isNotEmptyFile();
    assertThat(batch.resolve("listening/tts-mushra/report.json")).isNotEmptyFile();
    fx(() -> ScreenshotFiles.write(window.scene(), "export-done"));

    JsonNode manifest = JSON.readTree(batch.resolve("manifest.json").toFile());
    assertThat(manifest.path("listening").findValuesAsText("task_type"))
        .containsExactly("tts-mushra");
    for (String code : codes) {
      assertThat(manifest.path("overrides").toString())
          .contains(code)
          .contains("pilot batch, reviewed by Maria: " + code);
    }
    fx(
        () -> {
          window.shell().shutdown();
          return null;
        });
    try (Project project = Project.openEmbedded(window.project(), false, TestClocks.FIXED)) {
      List<AuditEvent> exported =
          new AuditTrail(project)
              .events(
                  project.users().actor("lead-demo"),
                  new AuditQuery(
                      Optional.empty(),
                      Optional.of("batch.exported"),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      10));
      assertThat(exported).hasSize(1);
      assertThat(exported.get(0).actor()).isEqualTo("lead-demo");
      assertThat(exported.get(0).afterJson())
          .contains("pilot batch, reviewed by Maria: " + codes.get(0));
    }
  }
}
