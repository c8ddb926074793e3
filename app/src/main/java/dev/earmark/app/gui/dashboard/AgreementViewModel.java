package dev.earmark.app.gui.dashboard;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.BackgroundJob;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.app.gui.background.Progress;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.agreement.AgreementData;
import dev.earmark.storage.agreement.AgreementFigures;
import dev.earmark.storage.agreement.AgreementNumbers;
import dev.earmark.storage.agreement.AnnotatorRow;
import dev.earmark.storage.agreement.ConfusionMatrix;
import dev.earmark.storage.agreement.FieldFigures;
import dev.earmark.storage.agreement.ItemLine;
import dev.earmark.storage.agreement.NumberRow;
import dev.earmark.storage.agreement.TaskFigures;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.image.Image;

/**
 * The agreement dashboard's state: the task type shown, its figures (computed in the background,
 * with progress and cancel, and kept per task type until recomputed), the field in focus, the
 * annotator pair of the confusion matrix, and the items behind the number last opened. Never
 * touches a control. Used on the JavaFX thread (in tests: the test's thread with a synchronous
 * executor).
 */
public final class AgreementViewModel {
  /** Where the labels come from: the storage reader bound to the acting user. Blocks. */
  @FunctionalInterface
  public interface Source {
    Optional<AgreementData> read(TaskType taskType);
  }

  private final Source source;
  private final BackgroundExecutor executor;
  private final AgreementFigures.Settings settings;
  private final Map<TaskType, TaskFigures> computed = new EnumMap<>(TaskType.class);

  private final ReadOnlyObjectWrapper<TaskType> taskType =
      new ReadOnlyObjectWrapper<>(TaskType.ASR_TRANSCRIPT);
  private final ReadOnlyObjectWrapper<TaskFigures> figures = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<FieldFigures> field = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyIntegerWrapper confusionPair = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyObjectWrapper<ItemsBehind> itemsBehind = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private BackgroundJob job = BackgroundJob.NONE;

  public AgreementViewModel(
      Source source, BackgroundExecutor executor, AgreementFigures.Settings settings) {
    this.source = source;
    this.executor = executor;
    this.settings = settings;
  }

  /** Shows {@code type}: its figures if computed already, otherwise computes them. */
  public void select(TaskType type) {
    boolean alreadyComputing = computing.get() && taskType.get() == type;
    taskType.set(type);
    TaskFigures known = computed.get(type);
    if (known != null) {
      job.abandon();
      computing.set(false);
      show(known);
      message.set(
          "Figures of "
              + type.id()
              + " as computed earlier; Recompute (F5) reads the labels again.");
    } else if (!alreadyComputing) {
      compute(type);
    }
  }

  /** Computes the shown task type again from the project (labels may have been submitted since). */
  public void recompute() {
    computed.remove(taskType.get());
    compute(taskType.get());
  }

  /** Asks the running computation to stop; the figures shown before stay. */
  public void cancel() {
    job.cancel();
  }

  private void compute(TaskType type) {
    job.abandon();
    computing.set(true);
    progress.set(0);
    message.set("Computing agreement for " + type.id() + "…");
    figures.set(null);
    field.set(null);
    itemsBehind.set(null);
    job =
        executor.runInBackground(
            "compute agreement figures of " + type.id(),
            steps -> AgreementFigures.compute(type, source.read(type), settings, listener(steps)),
            (done, total) -> progress.set((double) done / Math.max(1, total)),
            result -> computed(type, result),
            failure -> {
              computing.set(false);
              progress.set(0);
              message.set(
                  failure instanceof CancellationException
                      ? "Cancelled. Press Recompute to compute the figures of " + type.id() + "."
                      : "The agreement figures could not be computed: "
                          + FailureSentence.reason(failure));
            });
  }

  private static AgreementFigures.Progress listener(Progress steps) {
    return new AgreementFigures.Progress() {
      @Override
      public void step(int done, int total, String what) {
        steps.update(done, Math.max(1, total));
      }

      @Override
      public boolean cancelled() {
        return steps.cancelRequested();
      }
    };
  }

  private void computed(TaskType type, TaskFigures result) {
    computing.set(false);
    progress.set(1);
    computed.put(type, result);
    show(result);
    message.set(
        result
            .empty()
            .orElse(
                result.fields().size()
                    + " fields compared, intervals from "
                    + settings.resamples()
                    + " bootstrap resamples (seed "
                    + settings.seed()
                    + ")."));
  }

  private void show(TaskFigures result) {
    figures.set(result);
    itemsBehind.set(null);
    confusionPair.set(0);
    String previous = field.get() == null ? null : field.get().field();
    field.set(
        result.fields().stream()
            .filter(f -> f.field().equals(previous))
            .findFirst()
            .orElse(result.fields().isEmpty() ? null : result.fields().get(0)));
  }

  /**
   * Puts field {@code name} in focus (heat map, confusion matrix and annotator table follow it).
   */
  public void selectField(String name) {
    TaskFigures shown = figures.get();
    if (shown != null) {
      shown
          .field(name)
          .ifPresent(
              f -> {
                field.set(f);
                confusionPair.set(0);
              });
    }
  }

  /** Shows the confusion matrix of pair {@code index} of the field in focus. */
  public void selectConfusionPair(int index) {
    FieldFigures f = field.get();
    if (f != null && index >= 0 && index < f.confusions().size()) {
      confusionPair.set(index);
    }
  }

  /** Opens the items of field {@code name} (the card's item count). */
  public void openFieldItems(String name) {
    figures()
        .flatMap(t -> t.field(name))
        .ifPresent(f -> open(f.field() + " · every item with a label", f.items()));
  }

  /** Opens the items of batch {@code index} of field {@code name}'s trend. */
  public void openTrendPoint(String name, int index) {
    figures()
        .flatMap(t -> t.field(name))
        .filter(f -> index >= 0 && index < f.trend().size())
        .ifPresent(
            f ->
                open(
                    f.field() + " · " + f.trend().get(index).batch(),
                    f.trend().get(index).items()));
  }

  /** Opens the items behind the heat-map cell of two annotators of the field in focus. */
  public void openPair(String first, String second) {
    FieldFigures f = field.get();
    if (f != null) {
      f.heatMap()
          .cell(first, second)
          .ifPresent(c -> open(f.field() + " · " + c.first() + " × " + c.second(), c.items()));
    }
  }

  /** Opens the items of one cell of the confusion matrix in view. */
  public void openConfusionCell(int row, int column) {
    confusion()
        .ifPresent(
            m ->
                open(
                    field.get().field()
                        + " · "
                        + m.first()
                        + " said "
                        + m.categories().get(row)
                        + ", "
                        + m.second()
                        + " said "
                        + m.categories().get(column),
                    m.cells().get(row).get(column).stream()
                        .map(k -> new ItemLine(k, ""))
                        .toList()));
  }

  /** Opens the gold items an annotator labeled, right or wrong, for the field in focus. */
  public void openGold(String annotator) {
    annotatorRow(annotator)
        .ifPresent(r -> open(field.get().field() + " · gold items of " + annotator, r.goldItems()));
  }

  /** Opens every item an annotator labeled, with time spent. */
  public void openAnnotatorItems(String annotator) {
    annotatorRow(annotator)
        .ifPresent(r -> open(taskType.get().id() + " · labels of " + annotator, r.labeledItems()));
  }

  /** Closes the items list. */
  public void closeItems() {
    itemsBehind.set(null);
  }

  private Optional<AnnotatorRow> annotatorRow(String annotator) {
    FieldFigures f = field.get();
    return f == null
        ? Optional.empty()
        : f.annotatorRows().stream().filter(r -> r.annotator().equals(annotator)).findFirst();
  }

  /** Opens a drill-down list, worst first (the items a lead wants to look at), ties as given. */
  private void open(String title, List<ItemLine> items) {
    List<ItemLine> worstFirst = new java.util.ArrayList<>(items);
    worstFirst.sort(java.util.Comparator.comparingDouble(ItemLine::badness).reversed());
    itemsBehind.set(new ItemsBehind(title + " (" + items.size() + " items)", worstFirst));
  }

  /** The confusion matrix in view, when the field in focus has one. */
  public Optional<ConfusionMatrix> confusion() {
    FieldFigures f = field.get();
    if (f == null || f.confusions().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        f.confusions().get(Math.min(confusionPair.get(), f.confusions().size() - 1)));
  }

  /** Every number of the task type shown (empty while computing). */
  public List<NumberRow> numbers() {
    return figures().map(AgreementNumbers::rows).orElse(List.of());
  }

  /** Writes the numbers of the task type shown to {@code file} as CSV, in the background. */
  public void exportCsv(Path file) {
    List<NumberRow> rows = numbers();
    if (rows.isEmpty()) {
      message.set("Nothing to export yet: wait for the figures of " + taskType.get().id() + ".");
      return;
    }
    executor.inBackground(
        "write agreement numbers to " + file,
        () -> {
          AgreementCsv.write(rows, file);
          return rows.size();
        },
        count -> message.set("Saved " + count + " numbers to " + file + "."),
        failure -> message.set("Could not save " + file + ": " + FailureSentence.reason(failure)));
  }

  /**
   * Writes {@code image} (a snapshot of the dashboard) to {@code file} as PNG, in the background.
   */
  public void exportImage(Image image, Path file) {
    executor.inBackground(
        "write the dashboard to " + file,
        () -> PngSnapshot.write(image, file),
        written -> message.set("Saved the dashboard as " + written + "."),
        failure -> message.set("Could not save " + file + ": " + FailureSentence.reason(failure)));
  }

  private Optional<TaskFigures> figures() {
    return Optional.ofNullable(figures.get());
  }

  public ReadOnlyObjectProperty<TaskType> taskTypeProperty() {
    return taskType.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<TaskFigures> figuresProperty() {
    return figures.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<FieldFigures> fieldProperty() {
    return field.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty confusionPairProperty() {
    return confusionPair.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<ItemsBehind> itemsBehindProperty() {
    return itemsBehind.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty computingProperty() {
    return computing.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }
}
