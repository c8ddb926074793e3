package dev.earmark.app.gui.dashboard;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.form.FieldNames;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.agreement.FieldFigures;
import dev.earmark.storage.agreement.ItemLine;
import dev.earmark.storage.agreement.NumberRow;
import dev.earmark.storage.agreement.TaskFigures;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Draws the agreement dashboard from its view-model: task-type switch, cards, heat map, confusion
 * matrix, annotator table, the "numbers" table, the items behind a number, progress with cancel,
 * and CSV/PNG export; {@link AgreementCharts} builds each field's card, heat map, confusion matrix
 * and annotator table. Colours of the theme come from AtlantaFX's looked-up colours, so light and
 * dark follow the theme. Used on the JavaFX thread.
 */
public final class AgreementView extends BorderPane {
  /** Asks where to save a file; empty when the user cancels. */
  @FunctionalInterface
  public interface SaveDialog {
    Optional<Path> ask(Window owner, String title, String suggestedName, String extension);
  }

  private static final Map<TaskType, String> TITLES =
      Map.of(
          TaskType.ASR_TRANSCRIPT, "ASR transcript",
          TaskType.TTS_RATING, "TTS rating",
          TaskType.RAG_STAGES, "Speech RAG",
          TaskType.TTS_MUSHRA, "TTS MUSHRA",
          TaskType.TTS_PREFERENCE, "TTS A/B");

  private final AgreementViewModel model;
  private final BackgroundExecutor executor;
  private final ReadOnlyBooleanProperty dark;
  private final AgreementCharts charts;
  private final VBox content = new VBox(14);
  private final VBox listeningSlot = new VBox();
  private final VBox details = new VBox(14);
  private final TableView<NumberRow> numbersTable = new TableView<>();
  private final ToggleButton numbersToggle = new ToggleButton("Numbers");
  private final VBox itemsPanel = new VBox(6);
  private final Label itemsTitle = new Label();
  private final ListView<ItemLine> itemsList = new ListView<>();
  private final Label message = new Label();
  private final ToggleGroup taskTypes = new ToggleGroup();
  private SaveDialog saveDialog = AgreementView::fileChooser;

  public AgreementView(
      AgreementViewModel model, BackgroundExecutor executor, ReadOnlyBooleanProperty dark) {
    this.model = model;
    this.executor = executor;
    this.dark = dark;
    this.charts = new AgreementCharts(model, dark, this::exportCardPng);
    setId("agreementView");
    setTop(toolbar());
    content.setId("dashboardContent");
    content.setPadding(new Insets(12));
    content.setStyle("-fx-background-color: -color-bg-default;");
    details.setId("fieldDetails");
    details.setPadding(new Insets(12));
    details.setStyle("-fx-background-color: -color-bg-default;");
    ScrollPane cardsScroll = new ScrollPane(content);
    cardsScroll.setFitToWidth(true);
    ScrollPane detailsScroll = new ScrollPane(details);
    detailsScroll.setFitToWidth(true);
    buildItemsPanel();
    VBox.setVgrow(detailsScroll, Priority.ALWAYS);
    VBox right = new VBox(detailsScroll, itemsPanel);
    SplitPane split = new SplitPane(cardsScroll, right);
    split.setDividerPositions(0.42);
    buildNumbersTable();
    numbersTable.setId("numbersTable");
    StackPane centre = new StackPane(split, numbersTable);
    numbersTable.visibleProperty().bind(numbersToggle.selectedProperty());
    split.visibleProperty().bind(numbersToggle.selectedProperty().not());
    setCenter(centre);
    message.setId("agreementMessage");
    message.getStyleClass().add("text-muted");
    message.textProperty().bind(model.messageProperty());
    message.setWrapText(true);
    HBox bottom = new HBox(message);
    bottom.setPadding(new Insets(4, 12, 6, 12));
    setBottom(bottom);

    model.figuresProperty().addListener((obs, old, now) -> render());
    model.fieldProperty().addListener((obs, old, now) -> render());
    model.confusionPairProperty().addListener((obs, old, now) -> render());
    model
        .taskTypeProperty()
        .addListener(
            (obs, old, now) ->
                taskTypes.getToggles().stream()
                    .filter(t -> t.getUserData() == now)
                    .findFirst()
                    .ifPresent(taskTypes::selectToggle));
    dark.addListener((obs, old, now) -> render());
    render();
  }

  /** Replaces the file chooser (tests answer with a path of their own). */
  public void setSaveDialog(SaveDialog dialog) {
    this.saveDialog = dialog;
  }

  /** True while the dark theme is on (what the painted parts were last drawn for). */
  public boolean isDark() {
    return dark.get();
  }

  /**
   * A snapshot of the whole dashboard, not only its visible part: the cards and the field in focus
   * side by side.
   */
  public WritableImage snapshot() {
    WritableImage cards = content.snapshot(null, null);
    WritableImage focus = details.snapshot(null, null);
    int width = (int) (cards.getWidth() + focus.getWidth());
    int height = (int) Math.max(cards.getHeight(), focus.getHeight());
    WritableImage whole = new WritableImage(width, height);
    Color background = dark.get() ? Color.web("#0d1117") : Color.WHITE;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        whole.getPixelWriter().setColor(x, y, background);
      }
    }
    whole
        .getPixelWriter()
        .setPixels(
            0, 0, (int) cards.getWidth(), (int) cards.getHeight(), cards.getPixelReader(), 0, 0);
    whole
        .getPixelWriter()
        .setPixels(
            (int) cards.getWidth(),
            0,
            (int) focus.getWidth(),
            (int) focus.getHeight(),
            focus.getPixelReader(),
            0,
            0);
    return whole;
  }

  private Node toolbar() {
    HBox bar = new HBox(8);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(8, 12, 8, 12));
    for (TaskType type : TaskType.values()) {
      ToggleButton button = new ToggleButton(TITLES.get(type));
      button.setId("taskType-" + type.id());
      button.setUserData(type);
      button.setToggleGroup(taskTypes);
      button.setOnAction(
          e -> {
            button.setSelected(true);
            model.select(type);
          });
      bar.getChildren().add(button);
    }
    taskTypes.selectToggle(taskTypes.getToggles().get(0));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    ProgressBar progress = new ProgressBar();
    progress.setId("agreementProgress");
    progress.progressProperty().bind(model.progressProperty());
    progress.visibleProperty().bind(model.computingProperty());
    progress.managedProperty().bind(model.computingProperty());
    Button cancel = new Button("Cancel");
    cancel.setId("cancelButton");
    cancel.setOnAction(e -> model.cancel());
    cancel.visibleProperty().bind(model.computingProperty());
    cancel.managedProperty().bind(model.computingProperty());
    Button recompute = new Button("Recompute");
    recompute.setId("recomputeButton");
    recompute.setTooltip(new Tooltip("Read the labels again and recompute (F5)"));
    recompute.disableProperty().bind(model.computingProperty());
    recompute.setOnAction(e -> model.recompute());
    numbersToggle.setId("numbersToggle");
    numbersToggle.setTooltip(new Tooltip("Show every number as a table"));
    Button csv = new Button("Export CSV…");
    csv.setId("exportCsvButton");
    csv.setOnAction(e -> exportCsv());
    Button png = new Button("Export PNG…");
    png.setId("exportPngButton");
    png.setOnAction(e -> exportPng());
    csv.disableProperty().bind(model.figuresProperty().isNull());
    png.disableProperty().bind(model.figuresProperty().isNull());
    bar.getChildren().addAll(spacer, progress, cancel, recompute, numbersToggle, csv, png);
    return bar;
  }

  private void buildItemsPanel() {
    itemsPanel.setId("itemsPanel");
    itemsPanel.setPadding(new Insets(10));
    itemsPanel.setPrefHeight(280);
    itemsPanel.setMinHeight(200);
    itemsPanel.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 1 0 0 0;");
    itemsTitle.setId("itemsTitle");
    itemsTitle.getStyleClass().add("title-4");
    itemsTitle.setWrapText(true);
    itemsList.setId("itemsList");
    itemsList.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(ItemLine item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                  setText(null);
                  setTooltip(null);
                } else {
                  setText(
                      item.detail().isEmpty()
                          ? item.clipKey()
                          : item.clipKey() + " — " + item.detail());
                  setWrapText(true);
                  setPrefWidth(0);
                  setTooltip(new Tooltip(getText()));
                }
              }
            });
    VBox.setVgrow(itemsList, Priority.ALWAYS);
    Button close = new Button("Close");
    close.setId("closeItemsButton");
    close.setOnAction(e -> model.closeItems());
    Label hint = new Label("Clip keys behind the number; Esc closes.");
    hint.getStyleClass().add("text-muted");
    itemsPanel.getChildren().addAll(itemsTitle, hint, itemsList, close);
    itemsPanel.visibleProperty().bind(model.itemsBehindProperty().isNotNull());
    itemsPanel.managedProperty().bind(model.itemsBehindProperty().isNotNull());
    model
        .itemsBehindProperty()
        .addListener(
            (obs, old, now) -> {
              itemsTitle.setText(now == null ? "" : now.title());
              itemsList.setItems(
                  now == null
                      ? FXCollections.observableArrayList()
                      : FXCollections.observableArrayList(now.items()));
            });
  }

  private void buildNumbersTable() {
    numbersTable.getColumns().add(column("field", r -> FieldNames.display(r.field())));
    numbersTable.getColumns().add(column("section", r -> r.section()));
    numbersTable.getColumns().add(column("subject", r -> r.subject()));
    numbersTable.getColumns().add(column("metric", r -> r.metric()));
    numbersTable.getColumns().add(column("value", r -> AgreementCharts.text(r.value())));
    numbersTable.getColumns().add(column("95% low", r -> AgreementCharts.text(r.low())));
    numbersTable.getColumns().add(column("95% high", r -> AgreementCharts.text(r.high())));
    numbersTable.getColumns().add(column("items", r -> Integer.toString(r.items())));
    numbersTable.getColumns().add(column("note", r -> r.note()));
    numbersTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    numbersTable.setPlaceholder(new Label("No numbers yet."));
  }

  private static TableColumn<NumberRow, String> column(
      String title, java.util.function.Function<NumberRow, String> value) {
    TableColumn<NumberRow, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
    return column;
  }

  /** Handles the screen's key actions. */
  boolean perform(String action) {
    switch (action) {
      case AgreementScreen.RECOMPUTE:
        if (!model.computingProperty().get()) {
          model.recompute();
        }
        return true;
      case AgreementScreen.NUMBERS:
        numbersToggle.setSelected(!numbersToggle.isSelected());
        return true;
      case AgreementScreen.CLOSE_ITEMS:
        if (model.itemsBehindProperty().get() != null) {
          model.closeItems();
          return true;
        }
        if (model.computingProperty().get()) {
          model.cancel();
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  // ---- rendering ----

  /**
   * Where the TTS section (system-level results of a listening test) goes: below the agreement
   * cards of a TTS task type, filled by the screen.
   */
  public VBox listeningSlot() {
    return listeningSlot;
  }

  private void render() {
    renderFigures();
    content.getChildren().add(listeningSlot);
  }

  private void renderFigures() {
    TaskFigures figures = model.figuresProperty().get();
    numbersTable.setItems(FXCollections.observableArrayList(model.numbers()));
    content.getChildren().clear();
    details.getChildren().clear();
    if (figures == null) {
      Label waiting = new Label(model.computingProperty().get() ? "Computing…" : "No figures.");
      waiting.getStyleClass().add("text-muted");
      content.getChildren().add(waiting);
      return;
    }
    Label title =
        new Label(
            TITLES.get(figures.taskType())
                + figures.rubric().map(r -> " · " + r).orElse("")
                + figures.ruleSet().map(r -> " · transcripts normalized with " + r).orElse(""));
    title.getStyleClass().add("title-3");
    title.setId("dashboardTitle");
    content.getChildren().add(title);
    if (figures.empty().isPresent()) {
      Label empty = new Label(figures.empty().get());
      empty.setId("emptyState");
      empty.setWrapText(true);
      content.getChildren().add(empty);
      return;
    }
    Label basis = new Label(figures.trendBasis() + " Click a number to see the items behind it.");
    basis.getStyleClass().add("text-muted");
    basis.setWrapText(true);
    content.getChildren().add(basis);
    FlowPane cards = new FlowPane(12, 12);
    cards.setId("cards");
    cards.setPrefWrapLength(2 * (AgreementCharts.BAR_WIDTH + 24) + 12);
    for (FieldFigures field : figures.fields()) {
      cards.getChildren().add(charts.card(field));
    }
    content.getChildren().add(cards);
    for (String skipped : figures.notCompared()) {
      Label note = new Label(skipped);
      note.getStyleClass().add("text-muted");
      note.setWrapText(true);
      content.getChildren().add(note);
    }
    FieldFigures field = model.fieldProperty().get();
    if (field != null) {
      FlowPane pairs = new FlowPane(24, 14, charts.heatMap(field), charts.confusion(field));
      details.getChildren().addAll(pairs, charts.annotatorTable(field));
    }
  }

  // ---- export ----

  private void exportCsv() {
    TaskFigures figures = model.figuresProperty().get();
    if (figures == null) {
      return;
    }
    saveDialog
        .ask(
            getScene() == null ? null : getScene().getWindow(),
            "Export agreement numbers",
            "agreement-" + figures.taskType().id() + ".csv",
            "csv")
        .ifPresent(model::exportCsv);
  }

  private void exportPng() {
    TaskFigures figures = model.figuresProperty().get();
    if (figures == null) {
      return;
    }
    Optional<Path> file =
        saveDialog.ask(
            getScene() == null ? null : getScene().getWindow(),
            "Export the dashboard as PNG",
            "agreement-" + figures.taskType().id() + ".png",
            "png");
    if (file.isEmpty()) {
      return;
    }
    model.exportImage(snapshot(), file.get());
  }

  private void exportCardPng(Node card, String field) {
    TaskFigures figures = model.figuresProperty().get();
    if (figures == null) {
      return;
    }
    saveDialog
        .ask(
            getScene() == null ? null : getScene().getWindow(),
            "Export the card as PNG",
            "agreement-" + figures.taskType().id() + "-" + field + ".png",
            "png")
        .ifPresent(file -> model.exportImage(card.snapshot(null, null), file));
  }

  private static Optional<Path> fileChooser(
      Window owner, String title, String suggestedName, String extension) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.setInitialFileName(suggestedName);
    chooser
        .getExtensionFilters()
        .add(
            new FileChooser.ExtensionFilter(
                extension.toUpperCase(Locale.ROOT) + " files", "*." + extension));
    return Optional.ofNullable(chooser.showSaveDialog(owner)).map(java.io.File::toPath);
  }
}
