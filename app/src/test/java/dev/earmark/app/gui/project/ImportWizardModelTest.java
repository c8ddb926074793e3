package dev.earmark.app.gui.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.gui.CurrentThreadExecutor;
import dev.earmark.app.gui.HeldExecutor;
import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.project.ImportReportRow.Outcome;
import dev.earmark.app.gui.project.ImportWizardModel.Step;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.clip.ClipStatus;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import wizard's steps on a real new project and the demo dataset's files: manifest, contract
 * (filled in from the contract beside the manifest), import, report rows and their filter, and a
 * cancelled import that a second run resumes.
 */
class ImportWizardModelTest {
  @TempDir Path dir;
  private Path data;
  private Project project;
  private final List<Double> progress = new ArrayList<>();

  @BeforeEach
  void newProject() throws Exception {
    data = DemoDataset.copyTo(dir.resolve("data")).getParent();
    Path created = new NewProject(dir, "project", "maria").create(TestClocks.FIXED);
    project = Project.openEmbedded(created, false, TestClocks.FIXED);
  }

  @AfterEach
  void close() {
    project.close();
  }

  private ImportWizardModel wizard(ImportFollowUps followUps) {
    return wizard(new CurrentThreadExecutor(), followUps);
  }

  private ImportWizardModel wizard(BackgroundExecutor executor, ImportFollowUps followUps) {
    return new ImportWizardModel(
        project, "maria", dir.resolve("project/contracts"), executor, followUps);
  }

  @Test
  void aMissingManifestKeepsTheFirstStepWithASentence() {
    ImportWizardModel wizard = wizard(ImportFollowUps.NONE);
    wizard.next();
    assertThat(wizard.messageProperty().get())
        .isEqualTo("Choose the manifest to import: a JSONL (NeMo-style) or CSV file.");

    wizard.manifestPathProperty().set(dir.resolve("nowhere.jsonl").toString());
    wizard.next();

    assertThat(wizard.stepProperty().get()).isEqualTo(Step.MANIFEST);
    assertThat(wizard.messageProperty().get())
        .isEqualTo(
            "There is no readable file at " + dir.resolve("nowhere.jsonl") + ": check the path.");
  }

  @Test
  void theDemoManifestImportsAndTheReportListsTheExcludedClipsWithReasons() {
    ImportWizardModel wizard = wizard((p, report) -> List.of("drift seam reached"));
    wizard.manifestPathProperty().set(data.resolve(DemoDataset.MANIFEST).toString());

    wizard.next();
    assertThat(wizard.stepProperty().get()).isEqualTo(Step.CONTRACT);
    assertThat(wizard.messageProperty().get()).startsWith("Filled in from ");
    assertThat(wizard.contract().datasetIdProperty().get()).isEqualTo("earmark-demo");

    wizard.next();

    assertThat(wizard.stepProperty().get()).isEqualTo(Step.REPORT);
    var report = wizard.reportProperty().get();
    assertThat(report.imported()).isPositive();
    assertThat(report.excluded()).isNotEmpty();
    assertThat(wizard.rows()).hasSize(53);
    assertThat(wizard.problemsOnlyProperty().get()).isTrue();
    assertThat(wizard.shownRows())
        .allMatch(ImportReportRow::isProblem)
        .extracting(ImportReportRow::outcome)
        .contains(Outcome.EXCLUDED);
    assertThat(wizard.shownRows())
        .filteredOn(row -> row.outcome() == Outcome.EXCLUDED)
        .allMatch(row -> !row.reason().isBlank() && !row.code().isBlank());
    wizard.problemsOnlyProperty().set(false);
    assertThat(wizard.shownRows()).hasSize(53);
    assertThat(wizard.summaryProperty().get())
        .startsWith("Import of dataset earmark-demo finished: " + report.imported() + " imported");
    assertThat(wizard.notes()).containsExactly("drift seam reached");
    assertThat(dir.resolve("project/contracts/earmark-demo.json")).exists();
  }

  @Test
  void theWorkbenchImportComputesQeHintsAndChecksDriftLikeTheCommandLine() {
    ImportWizardModel wizard = wizard(new QeImportFollowUps("maria"));
    wizard.manifestPathProperty().set(data.resolve(DemoDataset.MANIFEST).toString());
    wizard.next();
    wizard.next();

    assertThat(wizard.stepProperty().get()).isEqualTo(Step.REPORT);
    assertThat(wizard.notes()).isNotEmpty();
    assertThat(wizard.notes().get(0))
        .startsWith("QE model ")
        .contains(
            "review threshold 0.50 (from the model's calibration: 90% precision at WER > 0.2)");
    assertThat(wizard.notes().get(1)).matches("QE hints stored for [1-9][0-9]* clips .*");
    // The demo imports more than qe.drift_min_clips clips with a hypothesis: drift is checked.
    assertThat(wizard.notes())
        .anyMatch(note -> note.startsWith("QE drift: ") || note.startsWith("QE DRIFT WARNING: "));
    long stored =
        project
            .jdbi()
            .withHandle(
                handle ->
                    handle.createQuery("SELECT COUNT(*) FROM qe_hints").mapTo(Long.class).one());
    assertThat(wizard.notes().get(1)).startsWith("QE hints stored for " + stored + " clips");
  }

  @Test
  void brokenAudioIsQuarantinedAndMalformedLinesNamedInTheReport() throws Exception {
    ImportWizardModel wizard = wizard(ImportFollowUps.NONE);
    wizard.manifestPathProperty().set(data.resolve(DemoDataset.BROKEN_MANIFEST).toString());
    wizard.next();
    wizard.contract().load(data.resolve(DemoDataset.CONTRACT));

    wizard.next();

    assertThat(wizard.shownRows())
        .extracting(ImportReportRow::clipKey, ImportReportRow::outcome, ImportReportRow::code)
        .contains(
            org.assertj.core.groups.Tuple.tuple("broken-01", Outcome.QUARANTINED, "empty-file"),
            org.assertj.core.groups.Tuple.tuple("broken-03", Outcome.QUARANTINED, "truncated"));
    assertThat(wizard.shownRows())
        .filteredOn(row -> row.outcome() == Outcome.MALFORMED)
        .extracting(ImportReportRow::line)
        .contains(9, 10);
  }

  @Test
  void anIncompleteContractStaysOnItsStep() {
    ImportWizardModel wizard = wizard(ImportFollowUps.NONE);
    wizard.manifestPathProperty().set(data.resolve(DemoDataset.BROKEN_MANIFEST).toString());
    wizard.next();

    wizard.next();

    assertThat(wizard.stepProperty().get()).isEqualTo(Step.CONTRACT);
    assertThat(wizard.messageProperty().get())
        .isEqualTo("The contract is not complete yet: see the list below the form.");
    assertThat(wizard.contract().problems()).isNotEmpty();
    assertThat(wizard.reportProperty().get()).isNull();
  }

  @Test
  void aCancelledImportKeepsWhatItSavedAndASecondRunResumes() throws Exception {
    Path manifest = longManifest(600);
    HeldExecutor busy = new HeldExecutor();
    ImportWizardModel wizard = wizard(busy, ImportFollowUps.NONE);
    wizard
        .progressProperty()
        .addListener(
            (obs, old, now) -> {
              if (now.doubleValue() >= 0) { // past the "reading…" state: the first update
                progress.add(now.doubleValue());
                wizard.cancel(); // cancel at the first progress
              }
            });
    wizard.manifestPathProperty().set(manifest.toString());
    wizard.next();

    wizard.next();
    busy.runAll();

    assertThat(progress.get(0)).isBetween(0.4, 0.45); // 256 of 600 lines
    assertThat(wizard.cancelledProperty().get()).isTrue();
    int first = wizard.reportProperty().get().imported();
    assertThat(first).isEqualTo(256);
    assertThat(wizard.summaryProperty().get())
        .startsWith("Import stopped on request: everything handled so far is saved.");
    assertThat(activeClips()).isEqualTo(256);

    ImportWizardModel resume = wizard(ImportFollowUps.NONE);
    resume.manifestPathProperty().set(manifest.toString());
    resume.next();
    resume.start();

    assertThat(resume.cancelledProperty().get()).isFalse();
    assertThat(resume.reportProperty().get().alreadyPresent()).isEqualTo(256);
    assertThat(resume.reportProperty().get().imported()).isEqualTo(600 - 256);
    assertThat(activeClips()).isEqualTo(600);
  }

  /** {@code lines} clips sharing one demo WAV, with the demo contract beside them. */
  private Path longManifest(int lines) throws Exception {
    Path folder = dir.resolve("long");
    Files.createDirectories(folder);
    Files.copy(data.resolve(DemoDataset.CONTRACT), folder.resolve("contract.json"));
    Path wav = data.resolve("audio/clip-001.wav");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append(
          String.format(
              "{\"id\": \"long-%04d\", \"audio_filepath\": \"%s\", \"text\": \"x\","
                  + " \"task_type\": \"asr-transcript\", \"consent_scope\": \"synthetic-demo\","
                  + " \"retention_until\": \"2030-01-01\", \"split\": \"train\","
                  + " \"source\": \"test\", \"language\": \"en\"}%n",
              i, wav));
    }
    Path manifest = folder.resolve("manifest.jsonl");
    Files.writeString(manifest, text);
    return manifest;
  }

  private long activeClips() {
    return new Clips(project).countByStatus().get(ClipStatus.ACTIVE);
  }
}
