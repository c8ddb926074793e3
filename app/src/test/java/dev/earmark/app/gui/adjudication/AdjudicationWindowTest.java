package dev.earmark.app.gui.adjudication;

import static dev.earmark.app.gui.FxThread.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.WorkbenchWindow;
import dev.earmark.app.gui.proposals.ProposalRow;
import dev.earmark.app.gui.proposals.ProposalsScreen;
import dev.earmark.app.gui.shell.ScreenshotFiles;
import dev.earmark.audio.qe.FeatureContribution;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QePrediction;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.settings.ProjectSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
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
 * The adjudication screen in the real workbench window (headless Monocle) on a real demo project,
 * acting as adj-demo: resolve a dispute by picking, by editing and by writing new, undo the last
 * decision, decide a normalization gap, then act as lead-demo and find it in the proposals list.
 * Every outcome is checked in storage. Writes docs/screenshots/adjudication.png and proposals.png.
 */
@ExtendWith(ApplicationExtension.class)
class AdjudicationWindowTest {
  @TempDir static Path dir;

  @RegisterExtension
  static final WorkbenchWindow window =
      WorkbenchWindow.building(() -> dir, DemoDisputes::build)
          .rememberingIn(Path.of("last-project"));

  @BeforeAll
  static void buildDemo() throws IOException {
    // QE hints for the disputed clips, so the clip header shows one (the demo records none).
    try (Project project = Project.openEmbedded(window.project(), false, TestClocks.FIXED)) {
      var lead = DemoDisputes.lead(project);
      QeModel model = QeModel.loadDefault();
      QeHints hints = new QeHints(project, new ProjectSettings(project));
      hints.storeModel(lead, model);
      Map<Long, QePrediction> predictions = new HashMap<>();
      for (var dispute : DemoDisputes.adjudications(project).disputes(lead, DisputeStatus.OPEN)) {
        predictions.put(
            dispute.clipId(),
            new QePrediction(
                0.31,
                true,
                0.25,
                model.metadata().metrics().binFor(0.31),
                List.of(
                    new FeatureContribution("snr_db", 6.5, 0.09),
                    new FeatureContribution("speech_rate", 3.9, 0.04))));
      }
      hints.recordHints(lead, model.metadata().modelId(), predictions);
    }
  }

  @Test
  void resolveByPickingEditingAndWritingNewUndoAndTheProposalReachesTheLead(FxRobot robot)
      throws Exception {
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
        30, TimeUnit.SECONDS, () -> fx(() -> model.gridProperty().get() != null));
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> fx(() -> screen.waveform().clipProperty().get() != null));
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> robot.lookup("#qePrediction").queryLabeled().getText().startsWith("QE:"));
    // The screenshot shows a transcript-WER dispute, the case the word-aligned view is for.
    DisputeRow werDispute =
        fx(
            () ->
                model.rows().stream()
                    .filter(row -> row.ruleCodes().contains("transcript-wer"))
                    .findFirst()
                    .orElseThrow());
    fx(
        () -> {
          model.open(werDispute);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    model.currentProperty().get() != null
                        && model.currentProperty().get().row() == werDispute
                        && !model.pickedProperty().get().isEmpty()
                        && screen.waveform().clipProperty().get() != null
                        && screen
                            .waveform()
                            .clipProperty()
                            .get()
                            .file()
                            .equals(model.currentProperty().get().clip().audio())));
    assertThat(robot.lookup("#nav-adjudicate").tryQuery()).isPresent();
    // A transcript-WER dispute has differences, each drawn with its kind's style class.
    assertThat(
            robot.lookup(".token-substitution").queryAll().size()
                + robot.lookup(".token-deletion").queryAll().size()
                + robot.lookup(".token-insertion").queryAll().size())
        .isGreaterThan(3); // more than the legend's three samples
    assertThat(robot.lookup("#nav-proposals").tryQuery()).isEmpty();
    WaitForAsyncUtils.waitForFxEvents();
    ScreenshotFiles.write(
        fx(() -> window.scene().snapshot(null)), screenshotDirectory().resolve("adjudication.png"));

    // 1. By picking: the second annotator's label, as they wrote it.
    DisputeRow picked = fx(() -> model.currentProperty().get().row());
    Map<String, String> transcripts = DemoDisputes.transcripts(project, picked.dispute());
    String second = new ArrayList<>(transcripts.keySet()).get(1);
    robot.clickOn("#pick-" + second);
    assertThat(fx(() -> model.finalTextProperty().get())).isEqualTo(transcripts.get(second));
    robot.clickOn("#reason-annotator-error");
    robot.clickOn("#decide");
    Adjudication byPick = decided(project, picked);
    assertThat(DemoDisputes.transcript(byPick.finalValue())).isEqualTo(transcripts.get(second));
    assertThat(byPick.reason()).isEqualTo(ReasonCode.ANNOTATOR_ERROR);

    // 2. By editing: the pre-filled label with a word added, decided with Ctrl+Enter.
    DisputeRow edited = nextDispute(model, picked);
    robot.clickOn("#finalText");
    robot.press(KeyCode.END).release(KeyCode.END);
    robot.write(" okay");
    robot.clickOn("#reason-ambiguous-audio");
    robot.clickOn("#finalText");
    robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    Adjudication byEdit = decided(project, edited);
    assertThat(DemoDisputes.transcript(byEdit.finalValue())).endsWith(" okay");

    // 3. By writing new.
    DisputeRow written = nextDispute(model, edited);
    robot.clickOn("#writeNew");
    assertThat(fx(() -> model.finalTextProperty().get())).isEmpty();
    robot.write("nobody heard this");
    robot.clickOn("#reason-other");
    robot.clickOn("#decide");
    Adjudication byWriting = decided(project, written);
    assertThat(DemoDisputes.transcript(byWriting.finalValue())).isEqualTo("nobody heard this");

    // 4. Undo: the last decision is gone from storage and its dispute is shown again.
    robot.clickOn("#undoDecision");
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> DemoDisputes.status(project, written.disputeId()) == DisputeStatus.OPEN);
    assertThat(DemoDisputes.decisions(project, written.disputeId())).isEmpty();
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    model.currentProperty().get() != null
                        && model.currentProperty().get().row().disputeId() == written.disputeId()
                        && model.finalTextProperty().get().equals("nobody heard this")));

    // 5. A normalization gap, with its note, becomes a proposal for the lead.
    robot.clickOn("#reason-normalization-gap");
    robot.clickOn("#note");
    robot.write("digits inside band names");
    robot.clickOn("#decide");
    Adjudication gap = decided(project, written);
    assertThat(gap.policyProposalId()).isPresent();

    fx(
        () -> {
          window.shell().actAs(DemoDisputes.LEAD);
          return null;
        });
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> robot.lookup("#nav-proposals").tryQuery().isPresent());
    robot.clickOn("#nav-proposals");
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> fx(() -> window.shell().activeScreen().orElse(null) instanceof ProposalsScreen));
    ProposalsScreen proposals = (ProposalsScreen) fx(() -> window.shell().activeScreen().get());
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> fx(() -> !proposals.model().rows().isEmpty()));
    TableView<?> table = robot.lookup("#proposalTable").queryAs(TableView.class);
    assertThat(fx(() -> new ArrayList<>(table.getItems())))
        .singleElement()
        .satisfies(
            item -> {
              ProposalRow row = (ProposalRow) item;
              assertThat(row.clipKey()).isEqualTo(written.clipKey());
              assertThat(row.reason()).isEqualTo("normalization-gap");
              assertThat(row.note()).isEqualTo("digits inside band names");
              assertThat(row.decidedLabel()).isEqualTo("nobody heard this");
            });
    WaitForAsyncUtils.waitForFxEvents();
    ScreenshotFiles.write(
        fx(() -> window.scene().snapshot(null)), screenshotDirectory().resolve("proposals.png"));
  }

  /** Waits for {@code row}'s dispute to be resolved in storage; its one standing decision. */
  @Test
  void ctrlZInAnEmptyTextFieldUndoesTheDecisionAsTheButtonHints(FxRobot robot) throws Exception {
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
        30,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    model.currentProperty().get() != null
                        && model.currentProperty().get().row().status() == DisputeStatus.OPEN
                        && !model.pickedProperty().get().isEmpty()));
    DisputeRow row = fx(() -> model.currentProperty().get().row());
    robot.clickOn("#reason-annotator-error");
    robot.clickOn("#note");
    robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    decided(project, row);
    nextDispute(model, row);
    assertThat(fx(() -> window.scene().getFocusOwner()))
        .isInstanceOf(javafx.scene.control.TextInputControl.class);

    robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);

    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> DemoDisputes.status(project, row.disputeId()) == DisputeStatus.OPEN);
    assertThat(DemoDisputes.decisions(project, row.disputeId())).isEmpty();
  }

  private static Adjudication decided(Project project, DisputeRow row) throws Exception {
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> DemoDisputes.status(project, row.disputeId()) == DisputeStatus.RESOLVED);
    List<Adjudication> decisions = DemoDisputes.decisions(project, row.disputeId());
    assertThat(decisions).hasSize(1);
    return decisions.get(0);
  }

  /** Waits until the screen shows an open dispute other than {@code after}, fully opened. */
  private static DisputeRow nextDispute(AdjudicationViewModel model, DisputeRow after)
      throws Exception {
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            fx(
                () ->
                    model.currentProperty().get() != null
                        && model.currentProperty().get().row().disputeId() != after.disputeId()
                        && model.currentProperty().get().row().status() == DisputeStatus.OPEN
                        && !model.pickedProperty().get().isEmpty()));
    WaitForAsyncUtils.waitForFxEvents();
    return fx(() -> model.currentProperty().get().row());
  }

  private static Path screenshotDirectory() {
    Path module = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(module.resolve("docs")) ? module : module.getParent();
    return root.resolve("docs").resolve("screenshots");
  }
}
