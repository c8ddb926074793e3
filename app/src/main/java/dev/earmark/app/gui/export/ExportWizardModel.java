package dev.earmark.app.gui.export;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.app.gui.form.TickedChoice;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.release.ReleaseBlocker;
import dev.earmark.storage.export.BatchVerification;
import dev.earmark.storage.export.ExportOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Export wizard's state: the batch (name, folder, formats, audio, use), the release blockers
 * storage found with the lead's overrides, the listening tests to carry, and the outcome (the batch
 * folder and its verification). Each Export press is one {@code BatchExporter.export} call with the
 * overrides ticked so far, so a blocked export writes nothing and the table shows what still
 * blocks. No JavaFX nodes; not thread-safe.
 */
public final class ExportWizardModel {
  /** Where the wizard is. */
  public enum Step {
    /** The batch's settings. */
    BATCH,
    /** Release blockers stopped the export; the lead fixes or overrides them. */
    BLOCKERS,
    /** The batch is written and verified. */
    DONE
  }

  private final ExportService service;
  private final BackgroundExecutor executor;
  private final Path exportsDirectory;
  private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.BATCH);
  private final StringProperty batchName = new SimpleStringProperty("");
  private final StringProperty folder = new SimpleStringProperty("");
  private final ObservableList<TickedChoice> formats = FXCollections.observableArrayList();
  private final ObservableList<TickedChoice> listening = FXCollections.observableArrayList();
  private final BooleanProperty withAudio = new SimpleBooleanProperty(false);
  private final ObjectProperty<DataUse> use = new SimpleObjectProperty<>(DataUse.TRAINING);
  private final ObservableList<BlockerRow> blockers = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper intact = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<Path> batchFolder = new ReadOnlyObjectWrapper<>();
  private final ObservableList<String> problems = FXCollections.observableArrayList();
  private final ObservableList<String> listeningFiles = FXCollections.observableArrayList();

  /**
   * @param exportsDirectory where a batch's folder goes when the lead names none ({@code
   *     exports/NAME} beside the project)
   */
  public ExportWizardModel(
      ExportService service, BackgroundExecutor executor, Path exportsDirectory) {
    this.service = service;
    this.executor = executor;
    this.exportsDirectory = exportsDirectory;
    for (String id : service.formats()) {
      formats.add(new TickedChoice(id));
    }
    executor.inBackground(
        "find the listening tests with labels",
        service::listeningDesigns,
        ids -> ids.forEach(id -> listening.add(new TickedChoice(id))),
        error -> message.set(FailureSentence.reason(error)));
  }

  /** Ticks exactly the formats {@code ids}; none ticked means every format. */
  public void chooseFormats(String... ids) {
    List<String> wanted = List.of(ids);
    formats.forEach(format -> format.chosenProperty().set(wanted.contains(format.id())));
  }

  /** The folder the batch goes to: the one typed, else exports/NAME. */
  public Path target() {
    String typed = folder.get().strip();
    return typed.isEmpty() ? exportsDirectory.resolve(batchName.get().strip()) : Path.of(typed);
  }

  /**
   * Exports with the overrides ticked: on to {@link Step#DONE} (after verifying the batch) when
   * nothing blocks any more, else to {@link Step#BLOCKERS} listing what still blocks.
   */
  public void export() {
    String name = batchName.get().strip();
    if (name.isEmpty()) {
      message.set("Name the batch first, e.g. 2026-11-release-1.");
      return;
    }
    Map<String, String> allowed = new LinkedHashMap<>();
    for (BlockerRow row : blockers) {
      if (row.overriddenProperty().get()) {
        String reason = row.reasonProperty().get().strip();
        if (reason.isEmpty()) {
          message.set(
              "Write why "
                  + row.code()
                  + " is overridden; the reason goes into the batch's manifest and the audit log.");
          return;
        }
        allowed.put(row.code(), reason);
      }
    }
    List<String> chosen =
        formats.stream().filter(f -> f.chosenProperty().get()).map(TickedChoice::id).toList();
    List<String> tests =
        listening.stream().filter(t -> t.chosenProperty().get()).map(TickedChoice::id).toList();
    Path target = target();
    DataUse dataUse = use.get();
    boolean audio = withAudio.get();
    running.set(true);
    message.set("");
    progress.set("Checking the release rules and writing batch " + name + " to " + target + "…");
    executor.inBackground(
        "export batch " + name,
        () -> {
          ExportOutcome outcome =
              service.export(name, target, chosen, allowed, dataUse, audio, tests);
          Optional<BatchVerification> verified =
              outcome instanceof ExportOutcome.Exported exported
                  ? Optional.of(service.verify(exported.directory()))
                  : Optional.empty();
          return new Finished(outcome, verified);
        },
        finished -> {
          running.set(false);
          progress.set("");
          if (finished.outcome() instanceof ExportOutcome.Blocked blocked) {
            showBlockers(blocked.blockers());
          } else {
            done(
                (ExportOutcome.Exported) finished.outcome(), finished.verification().orElseThrow());
          }
        },
        error -> {
          running.set(false);
          progress.set("");
          message.set(FailureSentence.reason(error));
        });
  }

  private record Finished(ExportOutcome outcome, Optional<BatchVerification> verification) {}

  private void showBlockers(List<ReleaseBlocker> found) {
    // Keep the overrides already written; a blocker that no longer blocks leaves the table.
    Map<String, BlockerRow> earlier = new LinkedHashMap<>();
    blockers.forEach(row -> earlier.put(row.code(), row));
    List<BlockerRow> rows = new ArrayList<>();
    for (ReleaseBlocker blocker : found) {
      BlockerRow row = new BlockerRow(blocker);
      BlockerRow before = earlier.get(blocker.code());
      if (before != null) {
        row.overriddenProperty().set(before.overriddenProperty().get());
        row.reasonProperty().set(before.reasonProperty().get());
      }
      rows.add(row);
    }
    earlier.values().stream()
        .filter(row -> row.overriddenProperty().get())
        .forEach(
            row -> {
              if (rows.stream().noneMatch(r -> r.code().equals(row.code()))) {
                rows.add(row);
              }
            });
    blockers.setAll(rows);
    step.set(Step.BLOCKERS);
    message.set(
        found.size()
            + (found.size() == 1 ? " release blocker stops" : " release blockers stop")
            + " the export; nothing was written. Fix the data, or tick Override and write why.");
  }

  private void done(ExportOutcome.Exported exported, BatchVerification verification) {
    batchFolder.set(exported.directory());
    intact.set(verification.intact());
    problems.setAll(
        verification.problems().stream()
            .map(p -> p.kind() + " " + p.subject() + ": " + p.detail())
            .toList());
    listeningFiles.setAll(
        exported.files().stream().filter(file -> file.startsWith("listening/")).toList());
    String overridden =
        blockers.stream()
            .filter(row -> row.overriddenProperty().get())
            .map(BlockerRow::code)
            .reduce((a, b) -> a + ", " + b)
            .map(codes -> " Overridden, with your reasons in the manifest: " + codes + ".")
            .orElse("");
    message.set(
        (exported.reproduced() ? "Re-exported batch " : "Exported batch ")
            + exported.batchName()
            + ": "
            + exported.items()
            + " items, "
            + exported.excluded()
            + " left out, "
            + exported.files().size()
            + " files + manifest.json."
            + overridden);
    result.set(
        verification.intact()
            ? "Verified: intact — "
                + verification.filesChecked()
                + " files and manifest.json match (earmark verify)."
            : "Verification FAILED: " + verification.problems().size() + " problem(s).");
    step.set(Step.DONE);
  }

  /** Back to the batch settings for another batch; the blockers table is cleared. */
  public void startOver() {
    blockers.clear();
    problems.clear();
    listeningFiles.clear();
    batchFolder.set(null);
    result.set("");
    message.set("");
    batchName.set("");
    folder.set("");
    step.set(Step.BATCH);
  }

  /** Back from the blockers to the settings, keeping the overrides written. */
  public void back() {
    step.set(Step.BATCH);
  }

  /** Says that the folder could not be shown (the view's opener calls it). */
  public void folderNotOpened(String sentence) {
    message.set(sentence);
  }

  public ReadOnlyObjectProperty<Step> stepProperty() {
    return step.getReadOnlyProperty();
  }

  public StringProperty batchNameProperty() {
    return batchName;
  }

  public StringProperty folderProperty() {
    return folder;
  }

  public ObservableList<TickedChoice> formats() {
    return formats;
  }

  /** The listening tests with labels, offered to carry in the batch; none ticked carries none. */
  public ObservableList<TickedChoice> listening() {
    return listening;
  }

  public BooleanProperty withAudioProperty() {
    return withAudio;
  }

  public ObjectProperty<DataUse> useProperty() {
    return use;
  }

  public ObservableList<BlockerRow> blockers() {
    return blockers;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty resultProperty() {
    return result.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty intactProperty() {
    return intact.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Path> batchFolderProperty() {
    return batchFolder.getReadOnlyProperty();
  }

  public ObservableList<String> problems() {
    return problems;
  }

  /** The exported batch's listening-test files (listening/TASK/labels.jsonl, report.json). */
  public ObservableList<String> listeningFiles() {
    return listeningFiles;
  }
}
