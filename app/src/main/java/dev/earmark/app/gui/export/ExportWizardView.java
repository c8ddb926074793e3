package dev.earmark.app.gui.export;

import dev.earmark.app.gui.export.ExportWizardModel.Step;
import dev.earmark.app.gui.form.TickedChoice;
import dev.earmark.engine.release.DataUse;
import java.io.File;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/**
 * The Export wizard's three steps — batch (with the listening tests to carry), release blockers (a
 * table: code, what was found, what it means, Override, Reason), done (verification and the folder)
 * — with a progress bar while storage works. Binds to {@link ExportWizardModel} in one place. Used
 * on the JavaFX thread.
 */
public final class ExportWizardView extends BorderPane {

  public ExportWizardView(ExportWizardModel model, FolderOpener opener) {
    setId("exportView");
    Label title = new Label();
    title.getStyleClass().add("title-3");
    title
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    switch (model.stepProperty().get()) {
                      case BATCH -> "Export a batch · 1 of 3: the batch";
                      case BLOCKERS -> "Export a batch · 2 of 3: release blockers";
                      case DONE -> "Export a batch · 3 of 3: written and verified";
                    },
                model.stepProperty()));

    Node batch = batchStep(model);
    Node blockers = blockersStep(model);
    Node done = doneStep(model, opener);
    VBox steps = new VBox(batch, blockers, done);
    showOnly(batch, model, Step.BATCH);
    showOnly(blockers, model, Step.BLOCKERS);
    showOnly(done, model, Step.DONE);
    VBox.setVgrow(steps, Priority.ALWAYS);
    VBox.setVgrow(blockers, Priority.ALWAYS);

    ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    progress.setId("exportProgress");
    progress.setPrefWidth(220);
    Label progressText = new Label();
    progressText.textProperty().bind(model.progressProperty());
    HBox working = new HBox(8, progress, progressText);
    working.setAlignment(Pos.CENTER_LEFT);
    working.visibleProperty().bind(model.runningProperty());
    working.managedProperty().bind(model.runningProperty());
    Label message = new Label();
    message.setId("exportMessage");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());

    VBox pane = new VBox(12, title, steps, working, message);
    pane.setPadding(new Insets(12));
    setCenter(pane);
  }

  private static void showOnly(Node node, ExportWizardModel model, Step step) {
    node.visibleProperty().bind(model.stepProperty().isEqualTo(step));
    node.managedProperty().bind(node.visibleProperty());
  }

  private Node batchStep(ExportWizardModel model) {
    TextField name = field("exportBatch", "e.g. 2026-11-release-1", model.batchNameProperty());
    TextField folder = field("exportFolder", "", model.folderProperty());
    folder
        .promptTextProperty()
        .bind(
            Bindings.createStringBinding(
                () -> "default: " + model.target(), model.batchNameProperty()));
    HBox.setHgrow(folder, Priority.ALWAYS);
    Button choose = new Button("Choose…");
    choose.setId("exportChooseFolder");
    choose.setOnAction(
        event -> {
          DirectoryChooser chooser = new DirectoryChooser();
          chooser.setTitle("Where the batch folder goes (new or empty)");
          File chosen = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
          if (chosen != null) {
            model.folderProperty().set(chosen.getPath());
          }
        });
    FlowPane formats = new FlowPane(10, 6);
    formats.setId("exportFormats");
    model.formats().forEach(format -> formats.getChildren().add(tickBox("format-", format)));
    Label formatsHint = new Label("None ticked writes every format.");
    formatsHint.getStyleClass().add("text-muted");
    FlowPane listening = new FlowPane(10, 6);
    listening.setId("exportListening");
    model.listening().forEach(test -> listening.getChildren().add(tickBox("listening-", test)));
    model
        .listening()
        .addListener(
            (ListChangeListener<TickedChoice>)
                change ->
                    listening
                        .getChildren()
                        .setAll(
                            model.listening().stream()
                                .map(test -> tickBox("listening-", test))
                                .toList()));
    Label listeningHint = new Label();
    listeningHint.getStyleClass().add("text-muted");
    listeningHint
        .textProperty()
        .bind(
            Bindings.when(Bindings.isEmpty(model.listening()))
                .then("No listening test has labels yet.")
                .otherwise(
                    "Ticked tests go into listening/TASK/ with their screened labels and report."));
    CheckBox audio = new CheckBox("Copy each clip's audio into the batch (checksummed)");
    audio.setId("exportWithAudio");
    audio.selectedProperty().bindBidirectional(model.withAudioProperty());
    ComboBox<DataUse> use = new ComboBox<>();
    use.setId("exportUse");
    use.getItems().setAll(DataUse.values());
    use.valueProperty().bindBidirectional(model.useProperty());
    use.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(DataUse value) {
            return value == null ? "" : value.id();
          }

          @Override
          public DataUse fromString(String text) {
            return DataUse.fromId(text);
          }
        });
    Button export = new Button("Check and export");
    export.setId("exportRun");
    export.getStyleClass().add("accent");
    export.disableProperty().bind(model.runningProperty());
    export.setOnAction(event -> model.export());

    GridPane form = new GridPane();
    form.setHgap(8);
    form.setVgap(10);
    form.addRow(0, new Label("Batch name"), name);
    form.addRow(1, new Label("Folder"), new HBox(6, folder, choose));
    form.addRow(2, new Label("Formats"), new VBox(4, formats, formatsHint));
    form.addRow(3, new Label("Listening tests"), new VBox(4, listening, listeningHint));
    form.addRow(4, new Label("Audio"), audio);
    form.addRow(5, new Label("For"), use);
    return new VBox(12, form, export);
  }

  /** A check box for {@code choice}, with id {@code prefix + id}, bound to whether it is ticked. */
  private static CheckBox tickBox(String prefix, TickedChoice choice) {
    CheckBox box = new CheckBox(choice.id());
    box.setId(prefix + choice.id());
    box.selectedProperty().bindBidirectional(choice.chosenProperty());
    return box;
  }

  private Node blockersStep(ExportWizardModel model) {
    TableView<BlockerRow> table = new TableView<>(model.blockers());
    table.setId("blockerTable");
    table.setEditable(true);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    table.getColumns().add(textColumn("Blocker", BlockerRow::code, 150));
    table.getColumns().add(textColumn("Found", BlockerRow::found, 300));
    table.getColumns().add(textColumn("What it means", BlockerRow::meaning, 300));
    TableColumn<BlockerRow, BlockerRow> override = new TableColumn<>("Override");
    override.setPrefWidth(80);
    override.setCellValueFactory(
        cell -> new javafx.beans.property.SimpleObjectProperty<>(cell.getValue()));
    override.setCellFactory(column -> new OverrideCell());
    table.getColumns().add(override);
    TableColumn<BlockerRow, BlockerRow> reason =
        new TableColumn<>("Reason (goes into the manifest)");
    reason.setPrefWidth(260);
    reason.setCellValueFactory(
        cell -> new javafx.beans.property.SimpleObjectProperty<>(cell.getValue()));
    reason.setCellFactory(column -> new ReasonCell());
    table.getColumns().add(reason);
    table.setPlaceholder(new Label("No release blockers."));
    VBox.setVgrow(table, Priority.ALWAYS);
    Button back = new Button("Back");
    back.setId("exportBack");
    back.setOnAction(event -> model.back());
    Button again = new Button("Export with these overrides");
    again.setId("exportOverride");
    again.getStyleClass().add("accent");
    again.disableProperty().bind(model.runningProperty());
    again.setOnAction(event -> model.export());
    HBox actions = new HBox(8, back, again);
    return new VBox(10, table, actions);
  }

  private Node doneStep(ExportWizardModel model, FolderOpener opener) {
    Label result = new Label();
    result.setId("exportResult");
    result.setWrapText(true);
    result.textProperty().bind(model.resultProperty());
    result
        .styleProperty()
        .bind(
            Bindings.when(model.intactProperty())
                .then("-fx-text-fill: -color-success-fg; -fx-font-weight: bold;")
                .otherwise("-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;"));
    ListView<String> problems = new ListView<>(model.problems());
    problems.setId("exportProblems");
    problems.setPrefHeight(120);
    problems.visibleProperty().bind(Bindings.isNotEmpty(model.problems()));
    problems.managedProperty().bind(problems.visibleProperty());
    Label listening = new Label();
    listening.setId("exportListeningFiles");
    listening.setWrapText(true);
    listening
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> "Listening tests: " + String.join(", ", model.listeningFiles()),
                model.listeningFiles()));
    listening.visibleProperty().bind(Bindings.isNotEmpty(model.listeningFiles()));
    listening.managedProperty().bind(listening.visibleProperty());
    TextField path = new TextField();
    path.setId("exportBatchFolder");
    path.setEditable(false);
    path.textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.batchFolderProperty().get() == null
                        ? ""
                        : model.batchFolderProperty().get().toString(),
                model.batchFolderProperty()));
    HBox.setHgrow(path, Priority.ALWAYS);
    Button open = new Button("Open folder");
    open.setId("openBatchFolder");
    open.setOnAction(
        event -> {
          if (model.batchFolderProperty().get() != null) {
            opener.open(model.batchFolderProperty().get(), model::folderNotOpened);
          }
        });
    Button another = new Button("Export another batch");
    another.setId("exportAnother");
    another.setOnAction(event -> model.startOver());
    HBox folder = new HBox(8, new Label("Folder"), path, open);
    folder.setAlignment(Pos.CENTER_LEFT);
    return new VBox(12, result, problems, listening, folder, another);
  }

  private static TextField field(String id, String prompt, StringProperty property) {
    TextField field = new TextField();
    field.setId(id);
    field.setPromptText(prompt);
    field.setPrefColumnCount(28);
    field.textProperty().bindBidirectional(property);
    return field;
  }

  private static TableColumn<BlockerRow, String> textColumn(
      String title, Function<BlockerRow, String> value, double width) {
    TableColumn<BlockerRow, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    column.setCellFactory(
        c ->
            new TableCell<>() {
              private final Text text = new Text();

              {
                text.wrappingWidthProperty().bind(c.widthProperty().subtract(12));
                text.getStyleClass().add("text");
              }

              @Override
              protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty ? null : text);
              }
            });
    return column;
  }

  /** A checkbox bound to the row's override. */
  private static final class OverrideCell extends TableCell<BlockerRow, BlockerRow> {
    private final CheckBox box = new CheckBox();
    private BlockerRow bound;

    @Override
    protected void updateItem(BlockerRow row, boolean empty) {
      super.updateItem(row, empty);
      if (bound != null) {
        box.selectedProperty().unbindBidirectional(bound.overriddenProperty());
        box.setId(null);
        bound = null;
      }
      if (empty || row == null) {
        setGraphic(null);
        return;
      }
      box.setId("override-" + row.code());
      box.selectedProperty().bindBidirectional(row.overriddenProperty());
      bound = row;
      setGraphic(box);
    }
  }

  /** A text field bound to the row's written reason; enabled once the row is overridden. */
  private static final class ReasonCell extends TableCell<BlockerRow, BlockerRow> {
    private final TextField field = new TextField();
    private BlockerRow bound;

    ReasonCell() {
      field.setPromptText("why this may ship anyway");
    }

    @Override
    protected void updateItem(BlockerRow row, boolean empty) {
      super.updateItem(row, empty);
      if (bound != null) {
        field.textProperty().unbindBidirectional(bound.reasonProperty());
        field.disableProperty().unbind();
        field.setId(null);
        bound = null;
      }
      if (empty || row == null) {
        setGraphic(null);
        return;
      }
      field.setId("reason-" + row.code());
      field.textProperty().bindBidirectional(row.reasonProperty());
      field.disableProperty().bind(row.overriddenProperty().not());
      bound = row;
      setGraphic(field);
    }
  }
}
