package dev.earmark.app.gui.assign;

import dev.earmark.app.gui.assign.AssignViewModel.GoldSource;
import dev.earmark.app.gui.form.TickedChoice;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.assign.AssignRequest;
import dev.earmark.storage.assign.AssignmentReport;
import java.io.File;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The Assign screen: the form on the left (task, annotators, overlap, gold share or file, priority,
 * quotas, limit, dataset, seed), the preview on the right (summary, per-annotator counts, slice
 * mix) with Preview and Apply. Binds to {@link AssignViewModel} in one place. Used on the JavaFX
 * thread.
 */
public final class AssignView extends BorderPane {

  public AssignView(AssignViewModel model) {
    setId("assignView");
    Label title = new Label("Assign clips");
    title.getStyleClass().add("title-3");

    ComboBox<TaskType> task = new ComboBox<>();
    task.setId("assignTask");
    task.getItems().setAll(AssignViewModel.tasks());
    task.valueProperty().bindBidirectional(model.taskProperty());
    task.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(TaskType value) {
            return value == null ? "" : value.id();
          }

          @Override
          public TaskType fromString(String text) {
            return TaskType.fromId(text);
          }
        });

    ListView<TickedChoice> annotators = new ListView<>(model.annotators());
    annotators.setId("assignAnnotators");
    annotators.setPrefHeight(130);
    annotators.setCellFactory(CheckBoxListCell.forListView(TickedChoice::chosenProperty));
    annotators.setPlaceholder(new Label("No annotators yet: add them on the Team screen."));

    TextField overlap = field("assignOverlap", "0.2", model.overlapProperty());
    overlap.setTooltip(new Tooltip("share of clips labeled by two annotators, 0–1"));
    CheckBox everyAnnotator = new CheckBox("Every annotator on every clip");
    everyAnnotator.setId("assignEveryAnnotator");
    everyAnnotator.selectedProperty().bindBidirectional(model.everyAnnotatorProperty());
    everyAnnotator.setTooltip(
        new Tooltip(
            "a listening test needs each rater on each trial; the overlap then does not apply"));
    overlap.disableProperty().bind(everyAnnotator.selectedProperty());
    ToggleGroup goldGroup = new ToggleGroup();
    RadioButton byShare = new RadioButton("Gold share");
    byShare.setId("goldByShare");
    byShare.setToggleGroup(goldGroup);
    RadioButton byFile = new RadioButton("Gold file");
    byFile.setId("goldByFile");
    byFile.setToggleGroup(goldGroup);
    (model.goldSourceProperty().get() == GoldSource.FILE ? byFile : byShare).setSelected(true);
    goldGroup
        .selectedToggleProperty()
        .addListener(
            (obs, old, now) ->
                model.goldSourceProperty().set(now == byFile ? GoldSource.FILE : GoldSource.SHARE));
    TextField goldShare = field("assignGoldShare", "0.1", model.goldShareProperty());
    goldShare.disableProperty().bind(byShare.selectedProperty().not());
    TextField goldFile = field("assignGoldFile", "gold.jsonl", model.goldFileProperty());
    goldFile.disableProperty().bind(byFile.selectedProperty().not());
    Button browse = new Button("Choose…");
    browse.setId("assignGoldBrowse");
    browse.disableProperty().bind(byFile.selectedProperty().not());
    browse.setOnAction(
        event -> {
          FileChooser chooser = new FileChooser();
          chooser.setTitle("Gold answers (JSON lines)");
          chooser
              .getExtensionFilters()
              .add(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl"));
          File chosen = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
          if (chosen != null) {
            model.goldFileProperty().set(chosen.getPath());
          }
        });
    ComboBox<String> priority = new ComboBox<>();
    priority.setId("assignPriority");
    priority.getItems().setAll(AssignRequest.PRIORITIES);
    priority.valueProperty().bindBidirectional(model.priorityProperty());
    priority.setTooltip(
        new Tooltip(
            "which clips go first when a limit or quota leaves some out: import order, QE"
                + " uncertainty (qe) or random"));
    TextField quotas = field("assignQuotas", "accent=0.4, noise=0.3", model.quotasProperty());
    quotas.setTooltip(new Tooltip("cap any one value of a slice tag at this share of the batch"));
    TextField limit = field("assignLimit", "no limit", model.limitProperty());
    TextField dataset = field("assignDataset", "every dataset", model.datasetProperty());
    TextField seed = field("assignSeed", "1", model.seedProperty());

    GridPane form = new GridPane();
    form.setHgap(8);
    form.setVgap(8);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints fields = new ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    fields.setFillWidth(true);
    form.getColumnConstraints().setAll(labels, fields);
    task.setMaxWidth(Double.MAX_VALUE);
    priority.setMaxWidth(Double.MAX_VALUE);
    int row = 0;
    form.addRow(row++, new Label("Task"), task);
    form.add(new Label("Annotators"), 0, row);
    form.add(annotators, 1, row++, 2, 1);
    form.addRow(row++, new Label("Overlap"), overlap);
    form.add(everyAnnotator, 1, row++, 2, 1);
    form.addRow(row++, byShare, goldShare);
    form.addRow(row++, byFile, goldFile, browse);
    form.addRow(row++, new Label("Priority"), priority);
    form.addRow(row++, new Label("Slice quotas"), quotas);
    form.addRow(row++, new Label("Limit"), limit);
    form.addRow(row++, new Label("Dataset"), dataset);
    form.addRow(row, new Label("Seed"), seed);

    Button preview = new Button("Preview");
    preview.setId("assignPreview");
    preview.setOnAction(event -> model.preview());
    preview.disableProperty().bind(model.runningProperty());
    Button apply = new Button("Apply");
    apply.setId("assignApply");
    apply.getStyleClass().add("accent");
    apply.setOnAction(event -> model.apply());
    apply.disableProperty().bind(model.applicableProperty().not().or(model.runningProperty()));
    ProgressIndicator progress = new ProgressIndicator();
    progress.setId("assignProgress");
    progress.setPrefSize(22, 22);
    progress.visibleProperty().bind(model.runningProperty());
    HBox actions = new HBox(8, preview, apply, progress);
    actions.setAlignment(Pos.CENTER_LEFT);
    VBox left = new VBox(10, form, actions);
    left.setMinWidth(440);
    left.setPrefWidth(460);

    Label summary = new Label();
    summary.setId("assignSummary");
    summary.setWrapText(true);
    summary.setMinHeight(Region.USE_PREF_SIZE);
    summary.textProperty().bind(model.summaryProperty());
    TableView<AssignmentReport.AnnotatorLoad> loads = new TableView<>(model.loads());
    loads.setId("assignLoads");
    loads.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    loads.getColumns().add(column("Annotator", AssignmentReport.AnnotatorLoad::annotatorId));
    loads.getColumns().add(column("Clips", load -> Integer.toString(load.clips())));
    loads.getColumns().add(column("Overlapped", load -> Integer.toString(load.overlapped())));
    loads.getColumns().add(column("Gold", load -> Integer.toString(load.gold())));
    loads.setPlaceholder(new Label("Press Preview to see each annotator's share."));
    loads.setPrefHeight(180);
    TableView<SliceMixRow> mix = new TableView<>(model.sliceMix());
    mix.setId("assignSliceMix");
    mix.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    mix.getColumns().add(column("Slice", SliceMixRow::tag));
    mix.getColumns().add(column("Value", SliceMixRow::value));
    mix.getColumns().add(column("Clips", r -> Integer.toString(r.clips())));
    mix.getColumns().add(column("Share", r -> AssignViewModel.percent(r.share())));
    mix.setPlaceholder(new Label("The slice mix of the batch shows here."));
    VBox.setVgrow(mix, Priority.ALWAYS);
    Label message = new Label();
    message.setId("assignMessage");
    message.setWrapText(true);
    message.setMinHeight(Region.USE_PREF_SIZE);
    message.textProperty().bind(model.messageProperty());
    VBox right =
        new VBox(8, new Label("Preview"), summary, loads, new Label("Slice mix"), mix, message);
    HBox.setHgrow(right, Priority.ALWAYS);

    HBox body = new HBox(16, left, right);
    VBox pane = new VBox(10, title, body);
    pane.setPadding(new Insets(12));
    ScrollPane scroll = new ScrollPane(pane);
    scroll.setFitToWidth(true);
    scroll.setFitToHeight(true);
    setCenter(scroll);
  }

  private static TextField field(String id, String prompt, StringProperty property) {
    TextField field = new TextField();
    field.setId(id);
    field.setPromptText(prompt);
    field.textProperty().bindBidirectional(property);
    return field;
  }

  private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }
}
