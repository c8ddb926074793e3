package dev.earmark.app.gui.export;

import static dev.earmark.app.gui.FxThread.fx;
import static dev.earmark.app.gui.WindowNodes.await;
import static dev.earmark.app.gui.WindowNodes.present;
import static dev.earmark.app.gui.WindowNodes.press;
import static dev.earmark.app.gui.WindowNodes.shown;
import static dev.earmark.app.gui.WindowNodes.text;
import static dev.earmark.app.gui.WindowNodes.tick;
import static dev.earmark.app.gui.WindowNodes.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.app.TestClocks;
import dev.earmark.app.cli.EarmarkCommand;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.export.BatchVerifier;
import dev.earmark.storage.identity.OsAccount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Export wizard in the real window on a project of listening-test clips only (the demo's MUSHRA
 * manifest with its real WAVs, built through commands; no asr-transcript policy): the MUSHRA test
 * is offered, a listening clip whose consent does not allow training shows in the blockers table
 * naming the clip, and overridden with a reason the batch of the listening test only verifies.
 */
@ExtendWith(ApplicationExtension.class)
class ListeningOnlyExportWindowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESTRICTED = "mushra-p-number-sys-c";
  @TempDir static Path dir;

  @RegisterExtension
  static final WorkbenchWindow window =
      WorkbenchWindow.building(() -> dir, ListeningOnlyExportWindowTest::buildProject).named("tts");

  private static Path project;

  /** A project of the demo's MUSHRA test only, rated by two annotators, built with commands. */
  private static void buildProject(Path into) throws IOException {
    project = into;
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    Path manifest = data.resolve(DemoDataset.MUSHRA_MANIFEST);
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(manifest)) {
      // One system clip may be listened to and evaluated, never trained on.
      lines.add(
          line.contains("\"id\": \"" + RESTRICTED + "\"")
              ? line.replace(
                  "\"consent_scope\": \"synthetic-demo\"", "\"consent_scope\": \"eval-only\"")
              : line);
    }
    Files.write(manifest, lines);
    command(
        "lea",
        "import",
        "--manifest",
        manifest.toString(),
        "--contract",
        data.resolve(DemoDataset.LISTENING_CONTRACT).toString());
    List<String> raters = List.of("ann-a", "ann-b");
    for (String rater : raters) {
      command("lea", "users", "add", rater, "--role", "annotator", "--os-account", rater);
    }
    command("lea", "policy", "set", "--task", "tts-mushra", "--rubric", "tts-mushra@1");
    command("lea", "settings", "set", "tts.training_trials", "0");
    command(
        "lea",
        "assign",
        "--task",
        "tts-mushra",
        "--annotators",
        String.join(",", raters),
        "--every-annotator");
    Map<String, Integer> scores =
        Map.of(
            "reference",
            100,
            "anchor-mid",
            50,
            "anchor-low",
            20,
            "sys-a",
            80,
            "sys-b",
            60,
            "sys-c",
            40);
    for (String rater : raters) {
      StringBuilder labels = new StringBuilder();
      for (String prompt : List.of("mushra-p-name", "mushra-p-number", "mushra-p-plain")) {
        ObjectNode line = JSON.createObjectNode().put("clip_id", prompt + "-reference");
        ObjectNode quality = line.putObject("value").putObject("quality");
        scores.forEach((kind, score) -> quality.put(prompt + "-" + kind, score));
        labels.append(line).append('\n');
      }
      Path file = Files.writeString(dir.resolve(rater + ".jsonl"), labels);
      command("lea", "labels", "import", "--annotator", rater, file.toString());
    }
  }

  private static void command(String user, String... args) {
    List<String> all = new ArrayList<>(List.of("--project", project.toString(), "--user", user));
    all.addAll(List.of(args));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EarmarkCommand.run(
            all.toArray(String[]::new),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            TestClocks.FIXED,
            // The window opens the project as the machine's own account, so the lead is that one.
            OsAccount.system());
    assertThat(code).as(String.join(" ", args) + "\n" + err).isZero();
  }

  @Test
  void aListeningClipBlocksInTheTableAndTheListeningOnlyBatchVerifies(FxRobot robot)
      throws Exception {
    window.openScreen(robot, project, "lea", "export");
    Path batch = dir.resolve("out").resolve("tts-gui-1");
    type(robot, "#exportBatch", "tts-gui-1");
    type(robot, "#exportFolder", batch.toString());
    await(60, () -> shown(robot, "#listening-tts-mushra"));
    assertThat(robot.lookup("#listening-tts-rating").tryQuery()).isEmpty();
    tick(robot, "#listening-tts-mushra", true);
    press(robot, "#exportRun");

    // The batch is for training (the wizard's default); the restricted clip's consent is not.
    await(60, () -> shown(robot, "#blockerTable"));
    TableView<?> table = robot.lookup("#blockerTable").queryAs(TableView.class);
    List<BlockerRow> rows =
        fx(() -> table.getItems().stream().map(row -> (BlockerRow) row).toList());
    assertThat(rows).extracting(BlockerRow::code).containsExactly("consent-excludes-use");
    assertThat(rows.get(0).found()).contains(RESTRICTED).doesNotContain("\n");
    assertThat(text(robot, "#exportMessage")).contains("nothing was written");
    assertThat(batch).doesNotExist();

    // The table's cells (the override box, the reason field) draw on a later pulse than its items.
    await(
        30,
        () ->
            present(robot, "#override-consent-excludes-use")
                && present(robot, "#reason-consent-excludes-use"));
    tick(robot, "#override-consent-excludes-use", true);
    type(robot, "#reason-consent-excludes-use", "listening results only, no audio released");
    // The ticked box and the written reason are the row's, not a recycled cell's.
    assertThat(fx(() -> rows.get(0).overriddenProperty().get())).isTrue();
    assertThat(fx(() -> rows.get(0).reasonProperty().get())).startsWith("listening results only");
    press(robot, "#exportOverride");

    try {
      await(60, () -> shown(robot, "#exportResult") && !text(robot, "#exportResult").isEmpty());
    } catch (TimeoutException e) {
      throw new AssertionError(
          "no verified batch after the override; the wizard says: " + text(robot, "#exportMessage"),
          e);
    }
    assertThat(text(robot, "#exportResult")).startsWith("Verified: intact");
    assertThat(text(robot, "#exportMessage")).startsWith("Exported batch tts-gui-1: 0 items");
    assertThat(text(robot, "#exportListeningFiles"))
        .contains("listening/tts-mushra/labels.jsonl")
        .contains("listening/tts-mushra/report.json");
    assertThat(BatchVerifier.verify(batch).problems()).isEmpty();
    JsonNode manifest = JSON.readTree(batch.resolve("manifest.json").toFile());
    assertThat(manifest.get("policy").isNull()).isTrue();
    assertThat(manifest.path("formats")).isEmpty();
    assertThat(manifest.path("formats_not_written").path("formats")).isNotEmpty();
    assertThat(manifest.path("overrides").findValuesAsText("code"))
        .containsExactly("consent-excludes-use");
  }
}
