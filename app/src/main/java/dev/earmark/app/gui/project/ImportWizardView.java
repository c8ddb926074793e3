package dev.earmark.app.gui.project;

import dev.earmark.engine.contract.Use;
import java.io.File;
import java.io.IOException;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The import wizard's window content: a step header, the step's pane (manifest, contract form,
 * progress with cancel, report table) and the buttons. Binds to an {@link ImportWizardModel}; the
 * shell decides what "Done" does. Used on the JavaFX thread.
 */
public final class ImportWizardView {
  private final ImportWizardModel model;
  private final BorderPane root = new BorderPane();
  private final Label stepLabel = new Label();

  /**
   * @param done what "Done" does once the report is read (the shell reopens the project's screens)
   */
  public ImportWizardView(ImportWizardModel model, Runnable done) {
    this.model = model;
    root.setId("importWizard");
    Label title = new Label("Import a manifest");
    title.getStyleClass().add("title-2");
    stepLabel.setId("wizardStep");
    stepLabel.getStyleClass().add("text-muted");
    Label message = new Label();
    message.setId("wizardMessage");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    message.visibleProperty().bind(model.messageProperty().isNotEmpty());
    message.managedProperty().bind(message.visibleProperty());
    VBox header = new VBox(4, title, stepLabel, message);
    header.setPadding(new Insets(20, 28, 8, 28));
    root.setTop(header);
    root.setBottom(buttons(done));
    model.stepProperty().addListener((obs, old, now) -> showStep());
    showStep();
  }

  public Node view() {
    return root;
  }

  public ImportWizardModel model() {
    return model;
  }

  private void showStep() {
    ImportWizardModel.Step step = model.stepProperty().get();
    stepLabel.setText(
        switch (step) {
          case MANIFEST -> "Step 1 of 4 · the manifest";
          case CONTRACT -> "Step 2 of 4 · the dataset contract";
          case IMPORTING -> "Step 3 of 4 · importing";
          case REPORT -> "Step 4 of 4 · the import report";
        });
    Node pane =
        switch (step) {
          case MANIFEST -> manifestPane();
          case CONTRACT -> contractPane();
          case IMPORTING -> progressPane();
          case REPORT -> reportPane();
        };
    root.setCenter(pane);
  }

  // ---- step 1 ----

  private Node manifestPane() {
    Label text =
        new Label(
            "A manifest lists the clips: JSONL (one object per line, a superset of the NeMo"
                + " manifest) or CSV with a header row. Audio paths are read relative to the"
                + " manifest. A contract.json beside it fills in the next step.");
    text.setWrapText(true);
    TextField path = new TextField();
    path.setId("wizardManifestPath");
    path.setPromptText("/path/to/manifest.jsonl");
    path.textProperty().bindBidirectional(model.manifestPathProperty());
    path.setOnAction(event -> model.next());
    Button browse = new Button("Browse…");
    browse.setId("wizardBrowseManifest");
    browse.setOnAction(
        event -> {
          FileChooser chooser = new FileChooser();
          chooser.setTitle("Choose a manifest");
          chooser
              .getExtensionFilters()
              .addAll(
                  new FileChooser.ExtensionFilter("Manifests", "*.jsonl", "*.json", "*.csv"),
                  new FileChooser.ExtensionFilter("All files", "*"));
          File file = chooser.showOpenDialog(root.getScene().getWindow());
          if (file != null) {
            model.manifestPathProperty().set(file.getAbsolutePath());
          }
        });
    HBox row = new HBox(6, path, browse);
    HBox.setHgrow(path, Priority.ALWAYS);
    VBox box = new VBox(12, text, row);
    box.setPadding(new Insets(8, 28, 8, 28));
    box.setMaxWidth(900);
    return box;
  }

  // ---- step 2 ----

  private Node contractPane() {
    ContractForm form = model.contract();
    Label text =
        new Label(
            "Every dataset carries a contract before any clip enters: why it exists, who owns it,"
                + " which consent scopes its clips name and what they allow. Clips whose scope"
                + " does not allow labeling, or whose retention has ended, are excluded with a"
                + " reason.");
    text.setWrapText(true);
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    int row = 0;
    row = field(grid, row, "Dataset id", "contractDatasetId", form.datasetIdProperty(), "");
    row = field(grid, row, "Name (optional)", "contractName", form.nameProperty(), "");
    row = field(grid, row, "Purpose", "contractPurpose", form.purposeProperty(), "");
    row = field(grid, row, "Owner", "contractOwner", form.ownerProperty(), "team or person");
    row = field(grid, row, "Source", "contractSource", form.sourceProperty(), "");
    HBox uses = new HBox(12);
    for (Use use : Use.values()) {
      CheckBox box = new CheckBox(use.code());
      box.setId("contractUse-" + use.code());
      box.selectedProperty().bindBidirectional(form.allows(use));
      uses.getChildren().add(box);
    }
    grid.addRow(row++, new Label("Allowed uses"), uses);
    row =
        field(
            grid,
            row,
            "Retention policy",
            "contractRetention",
            form.retentionPolicyProperty(),
            "a sentence, or a JSON object");
    row = field(grid, row, "Language", "contractLanguage", form.languageProperty(), "en");
    row = area(grid, row, "Domain", "contractDomain", form.domainProperty(), "one a line");
    row =
        area(
            grid,
            row,
            "Acoustic conditions",
            "contractAcoustics",
            form.acousticConditionsProperty(),
            "one a line");
    row =
        area(
            grid, row, "Device class", "contractDevices", form.deviceClassProperty(), "one a line");
    area(
        grid,
        row,
        "Known gaps",
        "contractGaps",
        form.knownGapsProperty(),
        "one a line; may stay empty");
    grid.getColumnConstraints()
        .addAll(new ColumnConstraints(150), new ColumnConstraints(300, 560, Double.MAX_VALUE));

    Label scopesTitle = new Label("Consent scopes");
    scopesTitle.getStyleClass().add("title-4");
    VBox scopeRows = new VBox(6);
    scopeRows.setId("contractScopes");
    Runnable drawScopes =
        () -> {
          scopeRows.getChildren().clear();
          for (ConsentScopeRow scope : form.scopes()) {
            scopeRows.getChildren().add(scopeRow(form, scope));
          }
        };
    form.scopes().addListener((ListChangeListener<ConsentScopeRow>) change -> drawScopes.run());
    drawScopes.run();
    Button addScope = new Button("Add a consent scope");
    addScope.setId("contractAddScope");
    addScope.setOnAction(event -> form.addScope());
    Button load = new Button("Fill in from a contract file…");
    load.setId("contractLoad");
    load.setOnAction(
        event -> {
          FileChooser chooser = new FileChooser();
          chooser.setTitle("Choose a dataset contract");
          chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
          File file = chooser.showOpenDialog(root.getScene().getWindow());
          if (file != null) {
            try {
              form.load(file.toPath());
            } catch (IOException e) {
              form.problems().setAll("That file could not be used: " + e.getMessage() + ".");
            }
          }
        });
    VBox problems = new VBox(4);
    problems.setId("contractProblems");
    Runnable drawProblems =
        () -> {
          problems.getChildren().clear();
          for (String problem : form.problems()) {
            Label line = new Label("• " + problem);
            line.getStyleClass().add("danger");
            line.setWrapText(true);
            problems.getChildren().add(line);
          }
        };
    form.problems().addListener((ListChangeListener<String>) change -> drawProblems.run());
    drawProblems.run();
    VBox box = new VBox(12, text, load, grid, scopesTitle, scopeRows, addScope, problems);
    box.setPadding(new Insets(8, 28, 16, 28));
    box.setMaxWidth(980);
    ScrollPane scroll = new ScrollPane(box);
    scroll.setFitToWidth(true);
    return scroll;
  }

  private static int field(
      GridPane grid, int row, String label, String id, StringProperty property, String prompt) {
    TextField field = new TextField();
    field.setId(id);
    field.setPromptText(prompt);
    field.textProperty().bindBidirectional(property);
    grid.addRow(row, new Label(label), field);
    GridPane.setHgrow(field, Priority.ALWAYS);
    return row + 1;
  }

  private static int area(
      GridPane grid, int row, String label, String id, StringProperty property, String prompt) {
    TextArea area = new TextArea();
    area.setId(id);
    area.setPromptText(prompt);
    area.setPrefRowCount(2);
    area.setWrapText(true);
    area.textProperty().bindBidirectional(property);
    grid.addRow(row, new Label(label), area);
    GridPane.setHgrow(area, Priority.ALWAYS);
    return row + 1;
  }

  private static Node scopeRow(ContractForm form, ConsentScopeRow scope) {
    TextField id = new TextField();
    id.setPromptText("scope id");
    id.setPrefColumnCount(12);
    id.textProperty().bindBidirectional(scope.idProperty());
    TextField description = new TextField();
    description.setPromptText("what the speakers agreed to");
    description.textProperty().bindBidirectional(scope.descriptionProperty());
    HBox row = new HBox(8, id, description);
    HBox.setHgrow(description, Priority.ALWAYS);
    for (Use use : Use.values()) {
      CheckBox box = new CheckBox(use.code());
      box.selectedProperty().bindBidirectional(scope.allows(use));
      row.getChildren().add(box);
    }
    Button remove = new Button("Remove");
    remove.getStyleClass().add("flat");
    remove.setOnAction(event -> form.scopes().remove(scope));
    row.getChildren().add(remove);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  // ---- step 3 ----

  private Node progressPane() {
    ProgressBar bar = new ProgressBar();
    bar.setId("importProgress");
    bar.setPrefWidth(560);
    bar.progressProperty().bind(model.progressProperty());
    Label text = new Label();
    text.setId("importProgressText");
    text.textProperty().bind(model.progressTextProperty());
    Label note =
        new Label(
            "Each clip's audio is checked and checksummed; clips are saved in small batches, so"
                + " cancelling keeps what is saved and a second run resumes.");
    note.getStyleClass().add("text-muted");
    note.setWrapText(true);
    Button cancel = new Button("Cancel");
    cancel.setId("importCancel");
    cancel.setOnAction(event -> model.cancel());
    VBox box = new VBox(12, bar, text, cancel, note);
    box.setPadding(new Insets(24, 28, 16, 28));
    box.setMaxWidth(900);
    return box;
  }

  // ---- step 4 ----

  private Node reportPane() {
    Label summary = new Label();
    summary.setId("reportSummary");
    summary.setWrapText(true);
    summary.textProperty().bind(model.summaryProperty());
    CheckBox problemsOnly = new CheckBox("Show problems only");
    problemsOnly.setId("reportProblemsOnly");
    problemsOnly.selectedProperty().bindBidirectional(model.problemsOnlyProperty());
    Label shown = new Label();
    shown.getStyleClass().add("text-muted");
    shown
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> model.shownRows().size() + " of " + model.rows().size() + " rows shown",
                model.shownRows(),
                model.rows()));
    HBox filter = new HBox(16, problemsOnly, shown);
    filter.setAlignment(Pos.CENTER_LEFT);

    TableView<ImportReportRow> table = new TableView<>(model.shownRows());
    table.setId("reportTable");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    table.setPlaceholder(new Label("Nothing to show: every line imported cleanly."));
    TableColumn<ImportReportRow, Number> line = new TableColumn<>("Line");
    line.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().line()));
    line.setMaxWidth(70);
    line.setMinWidth(50);
    TableColumn<ImportReportRow, String> key = new TableColumn<>("Clip");
    key.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().clipKey()));
    key.setPrefWidth(140);
    TableColumn<ImportReportRow, String> outcome = new TableColumn<>("Outcome");
    outcome.setCellValueFactory(
        cell -> new ReadOnlyStringWrapper(cell.getValue().outcome().words()));
    outcome.setPrefWidth(150);
    TableColumn<ImportReportRow, String> code = new TableColumn<>("Code");
    code.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().code()));
    code.setPrefWidth(170);
    TableColumn<ImportReportRow, String> reason = new TableColumn<>("Reason");
    reason.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().reason()));
    reason.setPrefWidth(520);
    table.getColumns().addAll(List.of(line, key, outcome, code, reason));
    VBox.setVgrow(table, Priority.ALWAYS);

    // The seam for QE drift warnings: notes computed after the import, one sentence each.
    VBox notes = new VBox(4);
    notes.setId("importNotes");
    Runnable drawNotes =
        () -> {
          notes.getChildren().clear();
          for (String note : model.notes()) {
            Label label = new Label("⚠ " + note);
            label.getStyleClass().add("warning");
            label.setWrapText(true);
            notes.getChildren().add(label);
          }
        };
    model.notes().addListener((ListChangeListener<String>) change -> drawNotes.run());
    drawNotes.run();

    VBox box = new VBox(10, summary, notes, filter, table);
    box.setPadding(new Insets(8, 28, 8, 28));
    return box;
  }

  // ---- buttons ----

  private Node buttons(Runnable done) {
    Button back = new Button("Back");
    back.setId("wizardBack");
    back.setOnAction(event -> model.back());
    back.disableProperty()
        .bind(
            model
                .stepProperty()
                .isEqualTo(ImportWizardModel.Step.MANIFEST)
                .or(model.runningProperty()));
    Button next = new Button();
    next.setId("wizardNext");
    next.getStyleClass().add("accent");
    next.setDefaultButton(true);
    next.textProperty()
        .bind(
            Bindings.when(model.stepProperty().isEqualTo(ImportWizardModel.Step.CONTRACT))
                .then("Import")
                .otherwise(
                    Bindings.when(model.cancelledProperty())
                        .then("Resume the import")
                        .otherwise("Next")));
    next.setOnAction(
        event -> {
          if (model.stepProperty().get() == ImportWizardModel.Step.REPORT) {
            model.start();
          } else {
            model.next();
          }
        });
    next.visibleProperty()
        .bind(
            model
                .stepProperty()
                .isNotEqualTo(ImportWizardModel.Step.IMPORTING)
                .and(
                    model
                        .stepProperty()
                        .isNotEqualTo(ImportWizardModel.Step.REPORT)
                        .or(model.cancelledProperty())));
    Button finish = new Button();
    finish.setId("wizardDone");
    finish
        .textProperty()
        .bind(
            Bindings.when(model.stepProperty().isEqualTo(ImportWizardModel.Step.REPORT))
                .then("Done")
                .otherwise("Close"));
    finish.disableProperty().bind(model.runningProperty());
    finish.setOnAction(event -> done.run());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(8, finish, spacer, back, next);
    bar.setPadding(new Insets(10, 28, 16, 28));
    bar.setAlignment(Pos.CENTER_RIGHT);
    bar.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 1 0 0 0;");
    return bar;
  }
}
