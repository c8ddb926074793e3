package dev.earmark.app.gui.rules;

import dev.earmark.app.gui.labeling.FxDebouncer;
import dev.earmark.engine.policy.PolicyDiffReport;
import dev.earmark.engine.version.VersionedId;
import java.io.File;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The rule editor's layout: the version picker and Publish on top; the draft's rules with their
 * buttons on the left; the selected rule's parameters, protected phrases, the live preview with its
 * trace and the impact on the right; the policy diff (per slice, with examples) in place of the
 * editor when shown. Colours come from AtlantaFX style classes, so light and dark both work. Use on
 * the JavaFX thread.
 */
public final class RulesView extends BorderPane {
  private final RulesViewModel model;
  private final ListView<RulesViewModel.DraftRule> ruleList = new ListView<>();
  private final TextArea parameters = new TextArea();
  private final Label ruleHeading = new Label();
  private final SplitPane editor = new SplitPane();
  private final VBox diffPane = new VBox(10);
  private final FxDebouncer debouncer = new FxDebouncer();
  private Runnable cancelEdit = () -> {};
  private Runnable pendingEdit = () -> {};
  private final HBox confirmPublish = confirmBar();
  private boolean syncing;
  private boolean syncingVersion;
  private int shownIndex = -1;

  public RulesView(RulesViewModel model) {
    this.model = model;
    getStyleClass().add("rules-view");
    setPadding(new Insets(12));
    setTop(new VBox(header(), confirmPublish));
    editor.getItems().addAll(rulesColumn(), detailColumn());
    editor.setDividerPositions(0.42);
    editor.disableProperty().bind(model.busyProperty());
    setCenter(editor);
    setBottom(footer());
    model
        .shownDiffProperty()
        .addListener((obs, old, report) -> setCenter(report == null ? editor : diff(report)));
  }

  // ---- header ----

  private static HBox confirmBar() {
    HBox bar = new HBox(10);
    bar.setId("confirmPublishBar");
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(0, 0, 10, 0));
    // Takes no room while nothing is asked.
    bar.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(bar.getChildren()));
    bar.visibleProperty().bind(bar.managedProperty());
    return bar;
  }

  private HBox header() {
    Label title = new Label("Rules");
    title.getStyleClass().add("title-3");
    ComboBox<VersionedId> versions = new ComboBox<>(model.versions());
    versions.setId("versionBox");
    model
        .baseProperty()
        .addListener(
            (obs, old, now) -> {
              syncingVersion = true;
              versions.setValue(now);
              syncingVersion = false;
            });
    versions
        .valueProperty()
        .addListener(
            (obs, old, picked) -> {
              if (syncingVersion || picked == null || picked.equals(model.baseProperty().get())) {
                return;
              }
              if (model.hasUnsavedWork() && !confirmDiscard()) {
                syncingVersion = true;
                versions.setValue(model.baseProperty().get());
                syncingVersion = false;
                return;
              }
              model.open(picked);
            });
    Label state = new Label();
    state.setId("draftState");
    state.getStyleClass().add("text-muted");
    Runnable describe =
        () ->
            state.setText(
                model.baseProperty().get() == null
                    ? ""
                    : !model.mayPublishProperty().get()
                        ? model.baseProperty().get()
                            + " (read-only: only a lead changes and publishes rules)"
                        : model.dirtyProperty().get()
                            ? "Draft of "
                                + model.baseProperty().get()
                                + " with unpublished changes (kept while you switch screens)"
                            : model.baseProperty().get() + " as published");
    model.baseProperty().addListener((obs, old, now) -> describe.run());
    model.dirtyProperty().addListener((obs, old, now) -> describe.run());
    model.mayPublishProperty().addListener((obs, old, now) -> describe.run());
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    Button discard = new Button("Discard draft");
    discard.setId("discardButton");
    discard.disableProperty().bind(model.dirtyProperty().not());
    discard.setOnAction(
        event -> {
          if (confirmDiscard()) {
            model.discard();
          }
        });
    Button publish = new Button("Publish new version");
    publish.setId("publishButton");
    publish.getStyleClass().add("accent");
    publish
        .disableProperty()
        .bind(
            model
                .dirtyProperty()
                .not()
                .or(model.busyProperty())
                .or(model.mayPublishProperty().not()));
    publish.setOnAction(
        event -> {
          cancelEdit.run();
          pendingEdit.run(); // the last keystrokes belong in the published version
          askToPublish();
        });
    Label inForce = new Label();
    inForce.setId("inForceLabel");
    inForce.getStyleClass().add("text-muted");
    inForce.textProperty().bind(model.inForceProperty());
    HBox bar = new HBox(10, title, versions, state, grow, inForce, discard, publish);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(0, 0, 10, 0));
    return bar;
  }

  // ---- confirming a publish ----

  /**
   * Shows the confirmation bar: publishing makes an immutable version, so the lead confirms it
   * knowing it cannot be undone. Nothing is stored until {@code confirmPublishButton}.
   */
  void askToPublish() {
    VersionedId base = model.baseProperty().get();
    if (base == null) {
      model.publish(); // says what is missing
      return;
    }
    Label question =
        new Label(
            "Publish the draft as the next version of "
                + base.name()
                + "? A published version never changes and cannot be deleted: this cannot be"
                + " undone.");
    question.setId("confirmPublishText");
    question.setWrapText(true);
    HBox.setHgrow(question, Priority.ALWAYS);
    Button confirm = new Button("Publish, it cannot be undone");
    confirm.setId("confirmPublishButton");
    confirm.getStyleClass().add("danger");
    confirm.setOnAction(
        event -> {
          confirmPublish.getChildren().clear();
          model.publish();
        });
    Button cancel = new Button("Cancel");
    cancel.setId("cancelPublishButton");
    cancel.setOnAction(event -> confirmPublish.getChildren().clear());
    confirmPublish.getChildren().setAll(question, confirm, cancel);
  }

  // ---- the rule list ----

  private VBox rulesColumn() {
    Label heading = new Label("Rules, applied top to bottom");
    heading.getStyleClass().add("title-4");
    ruleList.setId("ruleList");
    ruleList.setItems(model.rules());
    ruleList.setCellFactory(list -> new RuleCell());
    VBox.setVgrow(ruleList, Priority.ALWAYS);
    ruleList
        .getSelectionModel()
        .selectedIndexProperty()
        .addListener(
            (obs, old, index) -> {
              if (!syncing) {
                model.selectedProperty().set(index.intValue());
              }
            });
    model.selectedProperty().addListener((obs, old, index) -> syncSelection());
    model
        .rules()
        .addListener((javafx.collections.ListChangeListener<Object>) change -> syncSelection());

    MenuButton add = new MenuButton("Add rule");
    add.setId("addRuleButton");
    for (String kind : RuleText.kinds()) {
      MenuItem item = new MenuItem(kind);
      item.setId("add-" + kind);
      item.setOnAction(event -> model.add(kind));
      add.getItems().add(item);
    }
    Button up = small("Up", "moveUpButton", "Move the rule up (Alt+Up)");
    up.setOnAction(event -> model.moveUp());
    Button down = small("Down", "moveDownButton", "Move the rule down (Alt+Down)");
    down.setOnAction(event -> model.moveDown());
    Button toggle = small("Disable / enable", "toggleButton", "Disable or enable (Alt+E)");
    toggle.setOnAction(event -> model.toggleEnabled());
    Button delete = small("Delete", "deleteButton", "Delete the rule (Alt+Delete)");
    delete.getStyleClass().add("danger");
    delete.setOnAction(event -> model.delete());
    Button glm = small("Import GLM…", "importGlmButton", "Add the rules of an sclite GLM file");
    glm.setOnAction(event -> chooseGlm());
    HBox buttons = new HBox(6, add, up, down, toggle, delete);
    // Only leads change rules; others read them and try the preview.
    buttons.disableProperty().bind(model.mayPublishProperty().not());
    glm.disableProperty().bind(model.mayPublishProperty().not());
    buttons.setAlignment(Pos.CENTER_LEFT);
    VBox column = new VBox(8, heading, ruleList, buttons, glm);
    column.setPadding(new Insets(0, 10, 0, 0));
    return column;
  }

  private static Button small(String text, String id, String tip) {
    Button button = new Button(text);
    button.setId(id);
    button.getStyleClass().addAll("small", "button-outlined");
    button.setTooltip(new javafx.scene.control.Tooltip(tip));
    return button;
  }

  private void syncSelection() {
    int index = model.selectedProperty().get();
    syncing = true;
    try {
      if (index < 0 || index >= model.rules().size()) {
        ruleList.getSelectionModel().clearSelection();
        ruleHeading.setText("No rule selected");
        parameters.setText("");
        parameters.setDisable(true);
      } else {
        ruleList.getSelectionModel().select(index);
        ruleList.scrollTo(Math.max(0, index - 3));
        RulesViewModel.DraftRule rule = model.rules().get(index);
        ruleHeading.setText(
            "Rule "
                + (index + 1)
                + ": "
                + rule.rule().kind()
                + (rule.enabled() ? "" : " (disabled)"));
        // While the lead types into this rule's parameters, their text stays as typed.
        if (index != shownIndex || !parameters.isFocused()) {
          parameters.setText(RuleText.format(rule.rule()));
        }
        parameters.setDisable(false);
      }
    } finally {
      shownIndex = index;
      syncing = false;
    }
  }

  /** One rule: its number, kind and parameters in brief; disabled rules muted and marked. */
  private static final class RuleCell extends ListCell<RulesViewModel.DraftRule> {
    @Override
    protected void updateItem(RulesViewModel.DraftRule rule, boolean empty) {
      super.updateItem(rule, empty);
      getStyleClass().remove("text-muted");
      if (empty || rule == null) {
        setText(null);
        return;
      }
      setText(
          (getIndex() + 1)
              + ". "
              + (rule.enabled() ? "" : "[disabled] ")
              + RuleText.summary(rule.rule()));
      if (!rule.enabled()) {
        getStyleClass().add("text-muted");
      }
    }
  }

  // ---- the selected rule, protection, preview, impact ----

  private VBox detailColumn() {
    ruleHeading.getStyleClass().add("title-4");
    ruleHeading.setId("ruleHeading");
    parameters.setId("ruleParameters");
    parameters.setPrefRowCount(7);
    parameters.setWrapText(false);
    parameters
        .textProperty()
        .addListener(
            (obs, old, text) -> {
              if (syncing) {
                return;
              }
              cancelEdit.run();
              // The edit belongs to the rule shown now, even if another is selected meanwhile.
              int index = model.selectedProperty().get();
              RulesViewModel.DraftRule target =
                  index < 0 || index >= model.rules().size() ? null : model.rules().get(index);
              pendingEdit =
                  () -> {
                    pendingEdit = () -> {};
                    if (target != null
                        && index < model.rules().size()
                        && model.rules().get(index) == target) {
                      model.edit(index, text);
                    }
                  };
              cancelEdit = debouncer.schedule(Duration.ofMillis(300), () -> pendingEdit.run());
            });
    Label help =
        new Label(
            "One entry a line: 'from => to' for rewrites, contractions and spellings; a phrase a"
                + " line for protected phrases; 'uh / um / @' for alternations; pattern then"
                + " replacement for a regex; 'drop' or 'map %hesitation' then words for fillers.");
    help.setWrapText(true);
    help.getStyleClass().addAll("text-muted", "text-small");

    TextField protect = new TextField();
    protect.setId("protectField");
    protect.setPromptText("A phrase no rule may change, e.g. twenty one pilots");
    HBox.setHgrow(protect, Priority.ALWAYS);
    Button protectButton = new Button("Protect");
    protectButton.setId("protectButton");
    protectButton.setOnAction(
        event -> {
          model.protect(protect.getText());
          protect.clear();
        });
    protect.setOnAction(protectButton.getOnAction());
    HBox protectRow = new HBox(6, protect, protectButton);
    protectRow.disableProperty().bind(model.mayPublishProperty().not());
    parameters.editableProperty().bind(model.mayPublishProperty());

    Label previewHeading = new Label("Preview");
    previewHeading.getStyleClass().add("title-4");
    TextField input = new TextField();
    input.setId("previewInput");
    input.textProperty().bindBidirectional(model.previewInputProperty());
    Label output = new Label();
    output.setId("previewOutput");
    output.getStyleClass().addAll("text-bold");
    output.setWrapText(true);
    output.textProperty().bind(model.previewOutputProperty());
    ListView<RulesViewModel.TraceLine> trace = new ListView<>(model.trace());
    trace.setId("previewTrace");
    trace.setPrefHeight(150);
    trace.setPlaceholder(new Label("No rule changes this sentence."));

    Label impact = new Label();
    impact.setId("impactLabel");
    impact.setWrapText(true);
    impact.textProperty().bind(model.impactProperty());
    Hyperlink seeDiff = new Hyperlink("See the policy diff per slice");
    seeDiff.setId("showDiffLink");
    seeDiff.disableProperty().bind(model.draftDiffProperty().isNull());
    seeDiff.setOnAction(event -> model.showDraftDiff());

    VBox column =
        new VBox(
            8,
            ruleHeading,
            parameters,
            help,
            protectRow,
            previewHeading,
            input,
            output,
            trace,
            impact,
            seeDiff);
    column.setPadding(new Insets(0, 0, 0, 10));
    VBox.setVgrow(trace, Priority.ALWAYS);
    return column;
  }

  // ---- footer ----

  private VBox footer() {
    Label problem = new Label();
    problem.setId("problemLabel");
    problem.getStyleClass().add("danger");
    problem.setWrapText(true);
    problem.textProperty().bind(model.problemProperty());
    problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    Label status = new Label();
    status.setId("rulesStatus");
    status.getStyleClass().add("text-muted");
    status.textProperty().bind(model.statusProperty());
    VBox footer = new VBox(4, problem, status);
    footer.setPadding(new Insets(8, 0, 0, 0));
    return footer;
  }

  // ---- the policy diff ----

  private VBox diff(PolicyDiffReport report) {
    Label title = new Label("Label-policy diff: " + report.from() + " → " + report.to());
    title.getStyleClass().add("title-3");
    title.setId("diffTitle");
    PolicyDiffReport.Counts totals = report.totals();
    Label summary =
        new Label(
            String.format(
                Locale.ROOT,
                "Of %d items (%d labels), %d change normalized text, %d change WER and %d change"
                    + " dispute status. Corpus WER %s → %s.",
                totals.items(),
                totals.labels(),
                totals.changedNormalizedText(),
                totals.changedWer(),
                totals.changedDispute(),
                percent(totals.werFrom()),
                percent(totals.werTo())));
    summary.setWrapText(true);
    summary.setId("diffSummary");

    TableView<Map.Entry<String, PolicyDiffReport.Counts>> slices = new TableView<>();
    slices.setId("sliceTable");
    slices
        .getItems()
        .setAll(report.bySlice().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList());
    slices.getColumns().add(column("slice", Map.Entry::getKey));
    slices.getColumns().add(column("items", e -> String.valueOf(e.getValue().items())));
    slices.getColumns().add(column("labels", e -> String.valueOf(e.getValue().labels())));
    slices
        .getColumns()
        .add(column("text changed", e -> String.valueOf(e.getValue().changedNormalizedText())));
    slices.getColumns().add(column("WER changed", e -> String.valueOf(e.getValue().changedWer())));
    slices
        .getColumns()
        .add(column("dispute changed", e -> String.valueOf(e.getValue().changedDispute())));
    slices.getColumns().add(column("WER from", e -> percent(e.getValue().werFrom())));
    slices.getColumns().add(column("WER to", e -> percent(e.getValue().werTo())));
    slices.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    slices.setFixedCellSize(26);
    slices.setMinHeight(26 * Math.min(report.bySlice().size() + 1, 8) + 34);

    Label examplesHeading = new Label("Examples, with the rule that caused each change");
    examplesHeading.getStyleClass().add("title-4");
    TableView<PolicyDiffReport.Change> examples = new TableView<>();
    examples.setId("exampleTable");
    examples.getItems().setAll(report.examples());
    examples.setPlaceholder(new Label("No label changes between these versions."));
    examples.getColumns().add(column("item", PolicyDiffReport.Change::id, 80));
    examples.getColumns().add(column("slice", PolicyDiffReport.Change::slice, 80));
    examples
        .getColumns()
        .add(column("annotator", c -> c.annotator() == null ? "" : c.annotator(), 80));
    examples.getColumns().add(column("change", c -> kind(c.kind()), 120));
    examples.getColumns().add(column("before", PolicyDiffReport.Change::before, 265));
    examples.getColumns().add(column("after", PolicyDiffReport.Change::after, 265));
    examples.getColumns().add(column("caused by", c -> String.join("; ", c.causes()), 320));
    examples.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    VBox.setVgrow(examples, Priority.ALWAYS);

    Button back = new Button("Back to the rules");
    back.setId("hideDiffButton");
    back.setOnAction(event -> model.hideDiff());
    diffPane.getChildren().setAll(title, summary, slices, examplesHeading, examples, back);
    return diffPane;
  }

  private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
    return column(title, value, 60);
  }

  private static <T> TableColumn<T, String> column(
      String title, Function<T, String> value, double minWidth) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setMinWidth(Math.min(minWidth, 80));
    column.setPrefWidth(minWidth);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    column.setSortable(false);
    return column;
  }

  private static String kind(PolicyDiffReport.Kind kind) {
    return switch (kind) {
      case NORMALIZED_TEXT -> "normalized text";
      case WER -> "WER";
      case DISPUTE -> "dispute";
    };
  }

  private static String percent(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", value * 100);
  }

  // ---- dialogs ----

  private void chooseGlm() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Import an sclite GLM file");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("GLM files", "*.glm"));
    File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
    if (file != null) {
      model.importGlm(file.toPath());
    }
  }

  /** Asks before the draft's edits are dropped; true when the user agrees. */
  boolean confirmDiscard() {
    ButtonType discard = new ButtonType("Discard the draft", ButtonBar.ButtonData.OK_DONE);
    ButtonType keep = new ButtonType("Keep editing", ButtonBar.ButtonData.CANCEL_CLOSE);
    Alert alert =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            "The draft of "
                + model.baseProperty().get()
                + " has changes that are not published. Discard them?",
            discard,
            keep);
    alert.setHeaderText("Unpublished rule changes");
    if (getScene() != null) {
      alert.initOwner(getScene().getWindow());
    }
    Optional<ButtonType> answer = alert.showAndWait();
    return answer.isPresent() && answer.get() == discard;
  }

  /** Handles a keymap action of the rules screen; false when it is not this view's. */
  boolean perform(String action) {
    if (model.shownDiffProperty().get() != null || !model.mayPublishProperty().get()) {
      return false;
    }
    return switch (action) {
      case RulesScreen.MOVE_UP -> model.moveUp();
      case RulesScreen.MOVE_DOWN -> model.moveDown();
      case RulesScreen.TOGGLE -> model.toggleEnabled();
      case RulesScreen.DELETE -> model.delete();
      default -> false;
    };
  }

  /** For screenshots and tests: the rule list. */
  ListView<RulesViewModel.DraftRule> ruleList() {
    return ruleList;
  }
}
