package dev.earmark.app.gui.assign;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.app.gui.form.TickedChoice;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.priority.SliceQuota;
import dev.earmark.engine.priority.SliceQuotas;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.assign.AssignRequest;
import dev.earmark.storage.assign.AssignmentReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import javafx.beans.Observable;
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
 * The lead's assignment form and its preview. {@link #preview} asks storage what the form would
 * assign (a dry run: nothing written) and shows each annotator's load and the slice mix; {@link
 * #apply} then runs exactly the previewed request for real. Changing the form drops the preview, so
 * what is applied is always what was seen. No JavaFX nodes; not thread-safe.
 */
public final class AssignViewModel {
  /** Whether the gold items come from a share of the clips or from a file of answers. */
  public enum GoldSource {
    SHARE,
    FILE
  }

  private final AssignService service;
  private final BackgroundExecutor executor;
  private final ObjectProperty<TaskType> task = new SimpleObjectProperty<>(TaskType.ASR_TRANSCRIPT);
  private final ObservableList<TickedChoice> annotators =
      FXCollections.observableArrayList(choice -> new Observable[] {choice.chosenProperty()});
  private final StringProperty overlap = new SimpleStringProperty("0");
  private final BooleanProperty everyAnnotator = new SimpleBooleanProperty(false);
  private final ObjectProperty<GoldSource> goldSource =
      new SimpleObjectProperty<>(GoldSource.SHARE);
  private final StringProperty goldShare = new SimpleStringProperty("0");
  private final StringProperty goldFile = new SimpleStringProperty("");
  private final StringProperty priority = new SimpleStringProperty("import");
  private final StringProperty quotas = new SimpleStringProperty("");
  private final StringProperty limit = new SimpleStringProperty("");
  private final StringProperty dataset = new SimpleStringProperty("");
  private final StringProperty seed = new SimpleStringProperty("1");
  private final ReadOnlyObjectWrapper<AssignmentReport> report = new ReadOnlyObjectWrapper<>();
  private final ObservableList<AssignmentReport.AnnotatorLoad> loads =
      FXCollections.observableArrayList();
  private final ObservableList<SliceMixRow> sliceMix = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper applicable = new ReadOnlyBooleanWrapper(false);
  private AssignRequest previewed;

  public AssignViewModel(AssignService service, BackgroundExecutor executor) {
    this.service = service;
    this.executor = executor;
    for (Observable input :
        List.<Observable>of(
            task,
            annotators,
            overlap,
            everyAnnotator,
            goldSource,
            goldShare,
            goldFile,
            priority,
            quotas,
            limit,
            dataset,
            seed)) {
      input.addListener(changed -> formChanged());
    }
  }

  /** Reads the project's active annotators, keeping the ticks of those still offered. */
  public void loadAnnotators() {
    executor.inBackground(
        "read the annotators",
        service::annotators,
        ids -> {
          List<String> ticked =
              annotators.stream()
                  .filter(a -> a.chosenProperty().get())
                  .map(TickedChoice::id)
                  .toList();
          List<TickedChoice> fresh = new ArrayList<>();
          for (String id : ids) {
            TickedChoice choice = new TickedChoice(id);
            choice.chosenProperty().set(ticked.contains(id));
            fresh.add(choice);
          }
          annotators.setAll(fresh);
        },
        this::fail);
  }

  /** Ticks exactly the annotators {@code ids} (the view's checkboxes do the same one by one). */
  public void choose(String... ids) {
    List<String> wanted = Arrays.asList(ids);
    annotators.forEach(choice -> choice.chosenProperty().set(wanted.contains(choice.id())));
  }

  /** Asks storage what the form would assign; writes nothing. */
  public void preview() {
    Optional<AssignRequest> request = request();
    if (request.isEmpty()) {
      return;
    }
    run(request.get(), true);
  }

  /** Assigns what the preview showed, for real. */
  public void apply() {
    if (previewed == null) {
      message.set("Preview first: Apply assigns exactly what the preview shows.");
      return;
    }
    run(previewed, false);
  }

  private void run(AssignRequest request, boolean dryRun) {
    running.set(true);
    message.set(dryRun ? "Computing the preview…" : "Assigning…");
    executor.inBackground(
        dryRun ? "preview an assignment" : "assign clips",
        () -> service.run(request, dryRun),
        outcome -> {
          running.set(false);
          show(outcome.report());
          if (dryRun) {
            previewed = request;
            applicable.set(outcome.report().summary().clips() > 0);
            message.set(
                outcome.report().summary().clips() > 0
                    ? "Preview only: nothing is assigned until you press Apply."
                    : "Nothing to assign: every eligible clip is already assigned under "
                        + outcome.report().rubric()
                        + ".");
          } else {
            previewed = null;
            applicable.set(false);
            message.set(
                "Assigned "
                    + outcome.report().summary().clips()
                    + " clips ("
                    + outcome.report().summary().assignments()
                    + " assignments) under "
                    + outcome.report().rubric()
                    + "; each annotator's queue has them now.");
          }
          outcome
              .qeModel()
              .ifPresent(
                  model -> message.set(message.get() + " Priority from QE model " + model + "."));
        },
        error -> {
          running.set(false);
          fail(error);
        });
  }

  private void show(AssignmentReport shown) {
    report.set(shown);
    loads.setAll(shown.annotators());
    List<SliceMixRow> rows = new ArrayList<>();
    shown
        .sliceMix()
        .forEach(
            (tag, values) -> {
              int total = values.values().stream().mapToInt(Integer::intValue).sum();
              values.forEach(
                  (value, count) ->
                      rows.add(
                          new SliceMixRow(
                              tag, value, count, total == 0 ? 0 : (double) count / total)));
            });
    sliceMix.setAll(rows);
    summary.set(
        (shown.dryRun() ? "Would assign " : "Assigned ")
            + shown.summary().clips()
            + " clips under "
            + shown.rubric()
            + ": "
            + shown.summary().assignments()
            + " assignments, "
            + shown.summary().overlappedClips()
            + " overlapped, "
            + shown.summary().goldClips()
            + " gold. Already assigned "
            + shown.alreadyAssigned()
            + " · excluded by consent "
            + shown.excludedByConsent()
            + " · held back by quotas "
            + shown.heldBackByQuota()
            + " · left over by the limit "
            + shown.leftOverByLimit()
            + ".");
  }

  /** The form as a request, or empty with the message saying which field to fix. */
  Optional<AssignRequest> request() {
    List<String> chosen =
        annotators.stream().filter(a -> a.chosenProperty().get()).map(TickedChoice::id).toList();
    if (chosen.isEmpty()) {
      message.set("Tick at least one annotator.");
      return Optional.empty();
    }
    try {
      // Every annotator on every clip leaves the overlap nothing to choose.
      double overlapShare = everyAnnotator.get() ? 0 : share("Overlap", overlap.get());
      double gold = goldSource.get() == GoldSource.SHARE ? share("Gold share", goldShare.get()) : 0;
      Optional<Path> file = Optional.empty();
      if (goldSource.get() == GoldSource.FILE) {
        if (goldFile.get().isBlank()) {
          message.set("Choose the gold file, or pick a gold share instead.");
          return Optional.empty();
        }
        file = Optional.of(Path.of(goldFile.get().strip()));
      }
      List<SliceQuota> parsed = new ArrayList<>();
      for (String part : quotas.get().split("[,;\\s]+")) {
        if (!part.isBlank()) {
          parsed.add(SliceQuota.parse(part.strip()));
        }
      }
      OptionalInt max = OptionalInt.empty();
      if (!limit.get().isBlank()) {
        max = OptionalInt.of(whole("Limit", limit.get()));
      }
      long seedValue = seed.get().isBlank() ? 1 : whole("Seed", seed.get());
      return Optional.of(
          new AssignRequest(
              task.get(),
              chosen,
              overlapShare,
              file,
              gold,
              priority.get(),
              new SliceQuotas(parsed),
              max,
              Optional.of(dataset.get()),
              seedValue,
              everyAnnotator.get()));
    } catch (IllegalArgumentException | EngineException e) {
      message.set(e.getMessage()); // the form's own check: its message names the field to fix
      return Optional.empty();
    }
  }

  private static double share(String field, String text) {
    try {
      double value = Double.parseDouble(text.strip());
      if (value < 0 || value > 1) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          field + " '" + text.strip() + "' is not a share between 0 and 1, such as 0.2.");
    }
  }

  private static int whole(String field, String text) {
    try {
      int value = Integer.parseInt(text.strip());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          field + " '" + text.strip() + "' is not a whole number such as 50.");
    }
  }

  private void formChanged() {
    if (previewed != null || report.get() != null) {
      previewed = null;
      applicable.set(false);
      report.set(null);
      loads.clear();
      sliceMix.clear();
      summary.set("");
      message.set("The form changed: preview again before applying.");
    }
  }

  private void fail(Throwable error) {
    message.set(FailureSentence.reason(error));
  }

  /** The task types offered, by id. */
  public static List<TaskType> tasks() {
    return List.of(TaskType.values());
  }

  /** A share as the preview shows it, e.g. 40%. */
  public static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  public ObjectProperty<TaskType> taskProperty() {
    return task;
  }

  public ObservableList<TickedChoice> annotators() {
    return annotators;
  }

  /** Every annotator labels every clip (a listening test's raters on every trial). */
  public BooleanProperty everyAnnotatorProperty() {
    return everyAnnotator;
  }

  public StringProperty overlapProperty() {
    return overlap;
  }

  public ObjectProperty<GoldSource> goldSourceProperty() {
    return goldSource;
  }

  public StringProperty goldShareProperty() {
    return goldShare;
  }

  public StringProperty goldFileProperty() {
    return goldFile;
  }

  public StringProperty priorityProperty() {
    return priority;
  }

  public StringProperty quotasProperty() {
    return quotas;
  }

  public StringProperty limitProperty() {
    return limit;
  }

  public StringProperty datasetProperty() {
    return dataset;
  }

  public StringProperty seedProperty() {
    return seed;
  }

  public ReadOnlyObjectProperty<AssignmentReport> reportProperty() {
    return report.getReadOnlyProperty();
  }

  public ObservableList<AssignmentReport.AnnotatorLoad> loads() {
    return loads;
  }

  public ObservableList<SliceMixRow> sliceMix() {
    return sliceMix;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty applicableProperty() {
    return applicable.getReadOnlyProperty();
  }
}
