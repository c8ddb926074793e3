package dev.earmark.app.gui.packs;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.storage.labelimport.LineOutcome;
import dev.earmark.storage.pack.AssignmentPacks;
import dev.earmark.storage.pack.LabelMerge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Packs screen's state: for a lead, the annotator whose assignment pack to write and where, and
 * the label pack to import with what it merged, and a file of labels made elsewhere to import as
 * one annotator's submissions with its line-by-line report; for anyone in a working project made
 * from an assignment pack, where their label pack goes. No JavaFX nodes; not thread-safe.
 */
public final class PacksViewModel {
  private final PacksService service;
  private final BackgroundExecutor executor;
  private final String userId;
  private final boolean lead;
  private final Path packsDirectory;
  private final ObservableList<String> annotators = FXCollections.observableArrayList();
  private final StringProperty annotator = new SimpleStringProperty();
  private final StringProperty assignmentPackFile = new SimpleStringProperty("");
  private final StringProperty labelPackFile = new SimpleStringProperty("");
  private final ObservableList<String> merged = FXCollections.observableArrayList();
  private final StringProperty labelFileAnnotator = new SimpleStringProperty();
  private final StringProperty labelFile = new SimpleStringProperty("");
  private final ObservableList<String> labelFileLines = FXCollections.observableArrayList();
  private final StringProperty myLabelsFile = new SimpleStringProperty("");
  private final ReadOnlyObjectWrapper<AssignmentPacks.SourceLink> source =
      new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);

  /**
   * @param lead whether the acting user is a lead (the lead's half of the screen is shown)
   * @param packsDirectory where pack files go unless the user names another file
   */
  public PacksViewModel(
      PacksService service,
      BackgroundExecutor executor,
      String userId,
      boolean lead,
      Path packsDirectory) {
    this.service = service;
    this.executor = executor;
    this.userId = userId;
    this.lead = lead;
    this.packsDirectory = packsDirectory;
    annotator.addListener(
        (obs, old, now) -> {
          if (now != null
              && (assignmentPackFile.get().isBlank()
                  || old != null && assignmentPackFile.get().equals(defaultPack(old).toString()))) {
            assignmentPackFile.set(defaultPack(now).toString());
          }
        });
    myLabelsFile.set(packsDirectory.resolve(userId + "-labels.pack").toString());
  }

  private Path defaultPack(String who) {
    return packsDirectory.resolve(who + "-assignments.pack");
  }

  /** Reads the annotators (leads) and whether this project is a working copy of a pack. */
  public void load() {
    executor.inBackground(
        "read the project's packs",
        () -> new Loaded(lead ? service.annotators() : List.of(), service.source()),
        loaded -> {
          annotators.setAll(loaded.annotators());
          if (annotator.get() == null && !loaded.annotators().isEmpty()) {
            annotator.set(loaded.annotators().get(0));
          }
          if (labelFileAnnotator.get() == null && !loaded.annotators().isEmpty()) {
            labelFileAnnotator.set(loaded.annotators().get(0));
          }
          source.set(loaded.source().orElse(null));
        },
        this::fail);
  }

  private record Loaded(List<String> annotators, Optional<AssignmentPacks.SourceLink> source) {}

  /** Writes the chosen annotator's assignment pack (leads only). */
  public void exportAssignmentPack() {
    String who = annotator.get();
    if (who == null || assignmentPackFile.get().isBlank()) {
      message.set("Choose the annotator and the pack file first.");
      return;
    }
    Path out = Path.of(assignmentPackFile.get().strip());
    run(
        "write the assignment pack of " + who,
        () -> service.exportAssignments(who, out),
        exported ->
            "Wrote the assignment pack for "
                + exported.annotator()
                + " to "
                + exported.file()
                + ": "
                + exported.assignments()
                + " assignments, "
                + exported.clips()
                + " clips with audio, "
                + exported.drafts()
                + " drafts. Send the file to "
                + exported.annotator()
                + "; they open it with Project › Open assignment pack…");
  }

  /** Merges the chosen label pack into this project (leads only). */
  public void importLabelPack() {
    if (labelPackFile.get().isBlank()) {
      message.set("Choose the label pack file first.");
      return;
    }
    Path file = Path.of(labelPackFile.get().strip());
    run(
        "import the label pack " + file.getFileName(),
        () -> service.importLabels(file),
        report -> {
          List<String> lines = new ArrayList<>();
          for (LabelMerge.Imported label : report.imported()) {
            lines.add(
                "imported "
                    + label.clipId()
                    + " ("
                    + label.state().code()
                    + (label.replacedDraft() ? ", replaced a draft" : "")
                    + ")");
          }
          for (LabelMerge.Skipped label : report.skipped()) {
            lines.add("skipped " + label.clipId() + " (" + label.code() + "): " + label.reason());
          }
          merged.setAll(lines);
          return "Label pack of "
              + report.annotator()
              + ": "
              + report.imported().size()
              + " labels imported, "
              + report.skipped().size()
              + " skipped.";
        });
  }

  /**
   * Imports the chosen JSONL file as the chosen annotator's submitted labels (leads only), listing
   * every line's outcome as {@code earmark labels import} prints it.
   */
  public void importLabelFile() {
    String who = labelFileAnnotator.get();
    if (who == null || labelFile.get().isBlank()) {
      message.set("Choose the annotator and the label file first.");
      return;
    }
    Path file = Path.of(labelFile.get().strip());
    run(
        "import " + file.getFileName() + " as " + who + "'s labels",
        () -> service.importLabelFile(who, file),
        report -> {
          labelFileLines.setAll(report.lines().stream().map(LineOutcome::sentence).toList());
          int disputes = report.disputesOpened().size();
          return report.summary()
              + (disputes == 0
                  ? "; no dispute opened."
                  : "; "
                      + disputes
                      + (disputes == 1 ? " dispute" : " disputes")
                      + " opened (see Adjudicate).");
        });
  }

  /** Writes this working project's label pack, for the lead. */
  public void exportMyLabels() {
    if (myLabelsFile.get().isBlank()) {
      message.set("Choose where the label pack goes first.");
      return;
    }
    Path out = Path.of(myLabelsFile.get().strip());
    run(
        "write " + userId + "'s label pack",
        () -> service.exportLabels(out),
        exported ->
            "Wrote your label pack to "
                + exported.file()
                + ": "
                + exported.submitted()
                + " submitted labels, "
                + exported.drafts()
                + " drafts. Send the file to your lead, who imports it on the Packs screen.");
  }

  private <T> void run(
      String description,
      java.util.concurrent.Callable<T> work,
      java.util.function.Function<T, String> done) {
    running.set(true);
    message.set("Working: " + description + "…");
    executor.inBackground(
        description,
        work,
        result -> {
          running.set(false);
          message.set(done.apply(result));
        },
        error -> {
          running.set(false);
          fail(error);
        });
  }

  private void fail(Throwable error) {
    message.set(FailureSentence.reason(error));
  }

  public boolean lead() {
    return lead;
  }

  public ObservableList<String> annotators() {
    return annotators;
  }

  public StringProperty annotatorProperty() {
    return annotator;
  }

  public StringProperty assignmentPackFileProperty() {
    return assignmentPackFile;
  }

  public StringProperty labelPackFileProperty() {
    return labelPackFile;
  }

  public ObservableList<String> merged() {
    return merged;
  }

  public StringProperty labelFileAnnotatorProperty() {
    return labelFileAnnotator;
  }

  public StringProperty labelFileProperty() {
    return labelFile;
  }

  /** One sentence per line of the last label file imported. */
  public ObservableList<String> labelFileLines() {
    return labelFileLines;
  }

  public StringProperty myLabelsFileProperty() {
    return myLabelsFile;
  }

  public ReadOnlyObjectProperty<AssignmentPacks.SourceLink> sourceProperty() {
    return source.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }
}
