package dev.earmark.app.gui.project;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.BackgroundJob;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.app.gui.background.Progress;
import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The import wizard's state and steps: choose a manifest, fill in the dataset contract, import in
 * the background with progress and cancel, then read the report as a table. The import itself is
 * {@link Importer}: chunked, each chunk committed whole, so a cancelled import keeps what it
 * committed and a second run resumes where it stopped (clips already stored are skipped). Used on
 * the JavaFX thread; work goes through the {@link BackgroundExecutor}.
 */
public final class ImportWizardModel {

  /** The wizard's steps, in order. */
  public enum Step {
    MANIFEST,
    CONTRACT,
    IMPORTING,
    REPORT
  }

  /** What a finished (or cancelled) run hands to the report step. */
  record Finished(
      ImportReport report, List<ImportReportRow> rows, List<String> notes, boolean cancelled) {}

  private final Project project;
  private final String userId;
  private final Path contractsDirectory;
  private final BackgroundExecutor executor;
  private final ImportFollowUps followUps;

  private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.MANIFEST);
  private final StringProperty manifestPath = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ContractForm contract = new ContractForm();
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper cancelled = new ReadOnlyBooleanWrapper();
  private final ReadOnlyObjectWrapper<ImportReport> report = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ObservableList<ImportReportRow> rows = FXCollections.observableArrayList();
  private final FilteredList<ImportReportRow> shownRows = new FilteredList<>(rows);
  private final BooleanProperty problemsOnly = new SimpleBooleanProperty(true);
  private final ObservableList<String> notes = FXCollections.observableArrayList();
  private BackgroundJob job = BackgroundJob.NONE;

  /**
   * A wizard importing into {@code project} as {@code userId} (who must be a lead).
   *
   * @param contractsDirectory where the contract filled in is kept as {@code DATASET.json}
   * @param followUps notes shown under the report (the seam for QE drift warnings)
   */
  public ImportWizardModel(
      Project project,
      String userId,
      Path contractsDirectory,
      BackgroundExecutor executor,
      ImportFollowUps followUps) {
    this.project = project;
    this.userId = userId;
    this.contractsDirectory = contractsDirectory;
    this.executor = executor;
    this.followUps = followUps;
    problemsOnly.addListener((obs, old, now) -> applyFilter());
    applyFilter();
  }

  // ---- state ----

  public ReadOnlyObjectProperty<Step> stepProperty() {
    return step.getReadOnlyProperty();
  }

  /** The manifest file as typed or chosen. */
  public StringProperty manifestPathProperty() {
    return manifestPath;
  }

  /** A plain sentence about the step: what is wrong, or what was filled in. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** The dataset contract form. */
  public ContractForm contract() {
    return contract;
  }

  /** 0–1 while importing; -1 before the first chunk is done (an indeterminate bar). */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** "1,024 of 100,000 lines" while importing. */
  public ReadOnlyStringProperty progressTextProperty() {
    return progressText.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** Whether the last run stopped on a cancel (the report then offers to resume). */
  public ReadOnlyBooleanProperty cancelledProperty() {
    return cancelled.getReadOnlyProperty();
  }

  /** The last run's report; null before one finished. */
  public ReadOnlyObjectProperty<ImportReport> reportProperty() {
    return report.getReadOnlyProperty();
  }

  /** The counts of the last run, in one sentence. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** Every row of the last run's report. */
  public ObservableList<ImportReportRow> rows() {
    return rows;
  }

  /** The rows the table shows: the problems only, or all. */
  public ObservableList<ImportReportRow> shownRows() {
    return shownRows;
  }

  /** Whether the table shows the problems only. */
  public BooleanProperty problemsOnlyProperty() {
    return problemsOnly;
  }

  /** Notes after the report (QE drift warnings once storage computes them). */
  public ObservableList<String> notes() {
    return notes;
  }

  // ---- commands ----

  /** Goes to the next step if this one is complete; otherwise {@link #messageProperty} says why. */
  public void next() {
    switch (step.get()) {
      case MANIFEST -> manifest().ifPresent(this::toContract);
      case CONTRACT -> start();
      case IMPORTING, REPORT -> {}
    }
  }

  /** Goes back one step (not while importing). */
  public void back() {
    switch (step.get()) {
      case CONTRACT -> step.set(Step.MANIFEST);
      case REPORT -> step.set(Step.CONTRACT);
      case MANIFEST, IMPORTING -> {}
    }
    message.set("");
  }

  /**
   * Runs the import in the background; the wizard shows progress and then the report. Also used to
   * resume after a cancel: the clips already stored are skipped.
   */
  public void start() {
    if (running.get()) {
      return;
    }
    Optional<Path> manifest = manifest();
    if (manifest.isEmpty()) {
      step.set(Step.MANIFEST);
      return;
    }
    Optional<DatasetContract> valid = contract.validate();
    if (valid.isEmpty()) {
      step.set(Step.CONTRACT);
      message.set("The contract is not complete yet: see the list below the form.");
      return;
    }
    Path contractFile = contractsDirectory.resolve(valid.get().datasetId() + ".json");
    try {
      contract.write(contractFile);
    } catch (IOException e) {
      message.set("The contract could not be saved to " + contractFile + ": " + e.getMessage());
      return;
    }
    running.set(true);
    cancelled.set(false);
    progress.set(-1);
    progressText.set("Reading " + manifest.get().getFileName() + "…");
    message.set("");
    step.set(Step.IMPORTING);
    job =
        executor.runInBackground(
            "import " + manifest.get().getFileName(),
            progress -> runImport(manifest.get(), contractFile, progress),
            this::showProgress,
            this::finished,
            this::failed);
  }

  /** Asks the running import to stop after the chunk in hand is saved. */
  public void cancel() {
    if (running.get()) {
      job.cancel();
      progressText.set("Stopping after the clips in hand are saved…");
    }
  }

  // ---- work ----

  private Finished runImport(Path manifest, Path contractFile, Progress progress) {
    ImportListener listener =
        new ImportListener() {
          @Override
          public void progress(long done, long total) {
            progress.update(done, total);
          }

          @Override
          public boolean cancelled() {
            return progress.cancelRequested();
          }
        };
    Actor actor = project.users().actor(userId);
    ImportReport done = new Importer(project).run(actor, manifest, contractFile, listener);
    List<ImportReportRow.ImportedClip> imported =
        new Clips(project)
            .activeOfImportRun(done.runId()).stream()
                .map(clip -> new ImportReportRow.ImportedClip(clip.manifestLine(), clip.clipKey()))
                .toList();
    List<String> after = followUps.after(project, done);
    return new Finished(
        done, ImportReportRow.of(done, imported), after, progress.cancelRequested());
  }

  private void showProgress(long done, long total) {
    if (!running.get()) {
      return;
    }
    progress.set(total <= 0 ? -1 : Math.min(1.0, (double) done / total));
    if (!job.cancelRequested()) {
      progressText.set(String.format(Locale.ROOT, "%,d of %,d lines", done, total));
    }
  }

  private void finished(Finished finished) {
    running.set(false);
    cancelled.set(finished.cancelled());
    progress.set(1);
    report.set(finished.report());
    rows.setAll(finished.rows());
    notes.setAll(finished.notes());
    summary.set(summarize(finished));
    problemsOnly.set(finished.rows().stream().anyMatch(ImportReportRow::isProblem));
    applyFilter();
    step.set(Step.REPORT);
  }

  private void failed(Throwable failure) {
    running.set(false);
    step.set(Step.CONTRACT);
    message.set("The import stopped: " + FailureSentence.reason(failure));
  }

  private static String summarize(Finished finished) {
    ImportReport r = finished.report();
    String counts =
        String.format(
            Locale.ROOT,
            "%,d imported, %,d already present, %,d quarantined, %,d excluded, %,d malformed"
                + " lines, %,d warnings.",
            r.imported(),
            r.alreadyPresent(),
            r.quarantined().size(),
            r.excluded().size(),
            r.errors().size(),
            r.warnings().size());
    return finished.cancelled()
        ? "Import stopped on request: everything handled so far is saved. "
            + counts
            + " Run it again to resume; the clips already stored are skipped."
        : "Import of dataset " + r.datasetId() + " finished: " + counts;
  }

  private void applyFilter() {
    shownRows.setPredicate(problemsOnly.get() ? ImportReportRow::isProblem : row -> true);
  }

  private Optional<Path> manifest() {
    String text = manifestPath.get() == null ? "" : manifestPath.get().strip();
    if (text.isEmpty()) {
      message.set("Choose the manifest to import: a JSONL (NeMo-style) or CSV file.");
      return Optional.empty();
    }
    Path path;
    try {
      path = Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      message.set("'" + text + "' is not a path this system accepts.");
      return Optional.empty();
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      message.set("There is no readable file at " + path + ": check the path.");
      return Optional.empty();
    }
    return Optional.of(path);
  }

  private void toContract(Path manifest) {
    Path beside = manifest.resolveSibling("contract.json");
    message.set("");
    if (contract.datasetIdProperty().get().isBlank() && Files.isRegularFile(beside)) {
      try {
        contract.load(beside);
        message.set("Filled in from " + beside + ": check every field before importing.");
      } catch (IOException e) {
        message.set("The contract beside the manifest could not be read (" + e.getMessage() + ").");
      }
    }
    step.set(Step.CONTRACT);
  }
}
