package dev.earmark.app.gui.dashboard;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.form.FieldNames;
import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.agreement.GoldAccuracy;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.agreement.AnnotatorRow;
import dev.earmark.storage.agreement.ConfusionMatrix;
import dev.earmark.storage.agreement.FieldFigures;
import dev.earmark.storage.agreement.FieldKind;
import dev.earmark.storage.agreement.HeatMap;
import dev.earmark.storage.agreement.ItemLine;
import dev.earmark.storage.agreement.Measure;
import dev.earmark.storage.agreement.NumberRow;
import dev.earmark.storage.agreement.TaskFigures;
import dev.earmark.storage.agreement.TrendPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Draws the agreement dashboard from its view-model: task-type switch, cards, heat map, confusion
 * matrix, annotator table, the "numbers" table, the items behind a number, progress with cancel,
 * and CSV/PNG export. Colours of the theme come from AtlantaFX's looked-up colours, so light and
 * dark follow the theme; the heat map and confusion matrix use the viridis scale. Used on the
 * JavaFX thread.
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
  private static final double BAR_WIDTH = 220;
  private static final String CARD_STYLE =
      "-fx-background-color: -color-bg-subtle; -fx-background-radius: 6; -fx-border-radius: 6;"
          + " -fx-border-color: %s; -fx-border-width: %s; -fx-padding: 10;";

  private final AgreementViewModel model;
  private final BackgroundExecutor executor;
  private final ReadOnlyBooleanProperty dark;
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
    numbersTable.getColumns().add(column("value", r -> text(r.value())));
    numbersTable.getColumns().add(column("95% low", r -> text(r.low())));
    numbersTable.getColumns().add(column("95% high", r -> text(r.high())));
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
    cards.setPrefWrapLength(2 * (BAR_WIDTH + 24) + 12);
    for (FieldFigures field : figures.fields()) {
      cards.getChildren().add(card(field));
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
      FlowPane pairs = new FlowPane(24, 14, heatMap(field), confusion(field));
      details.getChildren().addAll(pairs, annotatorTable(field));
    }
  }

  private Node card(FieldFigures field) {
    boolean selected =
        model.fieldProperty().get() != null
            && model.fieldProperty().get().field().equals(field.field());
    VBox card = new VBox(6);
    card.setId("card-" + field.field());
    card.setPrefWidth(BAR_WIDTH + 24);
    card.setStyle(
        String.format(
            Locale.ROOT,
            CARD_STYLE,
            selected ? "-color-accent-emphasis" : "-color-border-default",
            selected ? "2" : "1"));
    card.setOnMouseClicked(e -> model.selectField(field.field()));
    card.setCursor(Cursor.HAND);
    MenuItem saveCard = new MenuItem("Export this card as PNG…");
    saveCard.setOnAction(e -> exportCardPng(card, field.field()));
    ContextMenu menu = new ContextMenu(saveCard);
    card.setOnContextMenuRequested(e -> menu.show(card, e.getScreenX(), e.getScreenY()));
    Label name = new Label(FieldNames.display(field.field()));
    name.getStyleClass().add("title-4");
    Label kind =
        new Label(field.kind().name().toLowerCase(Locale.ROOT) + " · " + field.headline().name());
    kind.getStyleClass().add("text-muted");
    kind.setWrapText(true);
    Hyperlink headline = new Hyperlink(field.headline().text());
    headline.setId("headline-" + field.field());
    headline.setStyle("-fx-font-size: 1.8em; -fx-padding: 0;");
    headline.setTooltip(new Tooltip(headlineTooltip(field.headline())));
    headline.setOnAction(e -> model.openFieldItems(field.field()));
    card.getChildren().addAll(name, kind, headline, intervalBar(field));
    field
        .headline()
        .reason()
        .ifPresent(
            reason -> {
              Label why = new Label("No value: " + reason + ".");
              why.setWrapText(true);
              why.getStyleClass().add("text-muted");
              why.setId("reason-" + field.field());
              card.getChildren().add(why);
            });
    GridPane numbers = new GridPane();
    numbers.setHgap(8);
    numbers.setVgap(2);
    int row = 0;
    Hyperlink items = new Hyperlink(Integer.toString(field.items().size()));
    items.setId("items-" + field.field());
    items.setStyle("-fx-padding: 0;");
    items.setOnAction(e -> model.openFieldItems(field.field()));
    numbers.addRow(row++, muted("items"), items);
    numbers.addRow(
        row++, muted("annotators"), new Label(Integer.toString(field.annotators().size())));
    for (Measure measure : field.measures().subList(1, field.measures().size())) {
      Label value = new Label(measure.text());
      value.setTooltip(
          new Tooltip(
              measure.name()
                  + ": "
                  + measure.reason().map(r -> "no value, because " + r).orElse(measure.text())));
      numbers.addRow(row++, muted(shortName(measure.name())), value);
    }
    card.getChildren().addAll(numbers, sparkline(field));
    return card;
  }

  private static String shortName(String name) {
    return name.replace(" (quadratic weights)", " (quadr.)");
  }

  private static Label muted(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("text-muted");
    return label;
  }

  private static String headlineTooltip(Measure measure) {
    StringBuilder text = new StringBuilder(measure.name()).append(": ").append(measure.text());
    measure.reason().ifPresent(r -> text.append("\nno value, because ").append(r));
    measure
        .interval()
        .ifPresent(
            ci ->
                text.append(
                    String.format(
                        Locale.ROOT,
                        "%n95%% bootstrap interval [%.3f, %.3f], %d of %d resamples defined, seed %d",
                        ci.low(),
                        ci.high(),
                        ci.definedResamples(),
                        ci.resamples(),
                        ci.seed())));
    text.append("\n")
        .append(measure.pairableItems())
        .append(" items compared of ")
        .append(measure.items());
    text.append("\nClick for the items.");
    return text.toString();
  }

  /** The headline and its interval on a 0–1 track (values outside are drawn at the edge). */
  private Node intervalBar(FieldFigures field) {
    Pane bar = new Pane();
    bar.setId("bar-" + field.field());
    bar.setPrefSize(BAR_WIDTH, 18);
    bar.setMinSize(BAR_WIDTH, 18);
    bar.setMaxSize(BAR_WIDTH, 18);
    Rectangle track = new Rectangle(0, 6, BAR_WIDTH, 6);
    track.setArcWidth(6);
    track.setArcHeight(6);
    track.setStyle("-fx-fill: -color-bg-default; -fx-stroke: -color-border-default;");
    bar.getChildren().add(track);
    Measure headline = field.headline();
    if (headline.interval().isPresent()) {
      ConfidenceInterval ci = headline.interval().get();
      double from = position(field, ci.low()) * BAR_WIDTH;
      double to = position(field, ci.high()) * BAR_WIDTH;
      Rectangle interval = new Rectangle(from, 3, Math.max(2, to - from), 12);
      interval.setArcWidth(4);
      interval.setArcHeight(4);
      interval.setStyle("-fx-fill: -color-accent-muted; -fx-stroke: -color-accent-emphasis;");
      bar.getChildren().add(interval);
    }
    if (headline.value().isPresent()) {
      double at = position(field, headline.value().getAsDouble()) * BAR_WIDTH;
      Line mark = new Line(at, 0, at, 18);
      mark.setStrokeWidth(3);
      mark.setStyle("-fx-stroke: -color-fg-default;");
      bar.getChildren().add(mark);
    }
    boolean wer = field.kind() == FieldKind.TRANSCRIPT;
    if (!wer) {
      Line chance = new Line(BAR_WIDTH / 2, 2, BAR_WIDTH / 2, 16);
      chance.setStyle("-fx-stroke: -color-fg-muted; -fx-stroke-dash-array: 2 2;");
      bar.getChildren().add(1, chance);
    }
    Tooltip.install(bar, new Tooltip(headlineTooltip(headline)));
    Pane scale = new Pane();
    scale.setPrefSize(BAR_WIDTH, 16);
    scale
        .getChildren()
        .addAll(
            wer
                ? List.of(tick("0", 0), tick("WER 1", BAR_WIDTH))
                : List.of(tick("−1", 0), tick("0", BAR_WIDTH / 2), tick("1", BAR_WIDTH)));
    VBox box = new VBox(0, bar, scale);
    return box;
  }

  /** A muted label centred on {@code x} of the track (kept inside it at the ends). */
  private static Label tick(String text, double x) {
    Label label = muted(text);
    label
        .layoutXProperty()
        .bind(
            Bindings.createDoubleBinding(
                () -> Math.max(0, Math.min(BAR_WIDTH - label.getWidth(), x - label.getWidth() / 2)),
                label.widthProperty()));
    return label;
  }

  private static Region spacer() {
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    return spacer;
  }

  /**
   * Where a headline value sits on its track, 0 to 1: alpha and kappa run from −1 to 1 (chance is
   * the middle), WER from 0 to 1; values outside are drawn at the edge.
   */
  private static double position(FieldFigures field, double value) {
    double t = field.kind() == FieldKind.TRANSCRIPT ? value : (value + 1) / 2;
    return Math.max(0, Math.min(1, t));
  }

  /** The headline per batch: a line through defined points, hollow marks where undefined. */
  private Node sparkline(FieldFigures field) {
    double width = BAR_WIDTH;
    double height = 36;
    Pane pane = new Pane();
    pane.setId("trend-" + field.field());
    pane.setPrefSize(width, height);
    pane.setMinSize(width, height);
    List<TrendPoint> trend = field.trend();
    int n = trend.size();
    Polyline line = new Polyline();
    line.setStyle("-fx-stroke: -color-accent-emphasis; -fx-stroke-width: 2;");
    pane.getChildren().add(line);
    for (int i = 0; i < n; i++) {
      TrendPoint point = trend.get(i);
      double px = n == 1 ? width / 2 : 6 + i * (width - 12) / (n - 1);
      boolean defined = point.value().isPresent();
      double value = defined ? position(field, point.value().getAsDouble()) : 0;
      double py = height - 5 - value * (height - 10);
      Circle dot = new Circle(px, py, 4);
      dot.setId("trend-" + field.field() + "-" + i);
      dot.setStyle(
          defined
              ? "-fx-fill: -color-accent-emphasis;"
              : "-fx-fill: transparent; -fx-stroke: -color-fg-muted;");
      if (defined) {
        line.getPoints().addAll(px, py);
      }
      Tooltip.install(
          dot,
          new Tooltip(
              point.batch()
                  + "\n"
                  + field.headline().name()
                  + ": "
                  + (defined
                      ? Measure.format(point.value().getAsDouble())
                      : "no value, because " + point.reason().orElse(""))
                  + "\n"
                  + point.items().size()
                  + " items · click for them"));
      int index = i;
      dot.setCursor(Cursor.HAND);
      dot.setOnMouseClicked(
          e -> {
            model.openTrendPoint(field.field(), index);
            e.consume();
          });
      pane.getChildren().add(dot);
    }
    VBox box = new VBox(2, muted("trend"), pane);
    return box;
  }

  private Node heatMap(FieldFigures field) {
    HeatMap map = field.heatMap();
    VBox box = new VBox(6);
    box.setId("heatMap");
    Label title = new Label("Annotator pairs · " + FieldNames.display(field.field()));
    title.getStyleClass().add("title-4");
    Label metric = muted(map.metric() + " (click a cell for its items)");
    GridPane grid = new GridPane();
    grid.setHgap(2);
    grid.setVgap(2);
    List<String> ids = map.annotators();
    for (int i = 0; i < ids.size(); i++) {
      grid.add(muted(ids.get(i)), i + 1, 0);
      grid.add(muted(ids.get(i)), 0, i + 1);
    }
    for (int r = 0; r < ids.size(); r++) {
      for (int c = 0; c < ids.size(); c++) {
        grid.add(heatCell(map, ids.get(r), ids.get(c), r == c), c + 1, r + 1);
      }
    }
    box.getChildren().addAll(title, metric, grid, legend(map));
    return box;
  }

  private Node heatCell(HeatMap map, String row, String column, boolean diagonal) {
    Rectangle square = new Rectangle(76, 40);
    Label text = new Label();
    StackPane cell = new StackPane(square, text);
    cell.setId("heat-" + row + "-" + column);
    if (diagonal) {
      square.setStyle("-fx-fill: -color-bg-subtle; -fx-stroke: -color-border-default;");
      text.setText("—");
      text.getStyleClass().add("text-muted");
      return cell;
    }
    Optional<HeatMap.Cell> found = map.cell(row, column);
    if (found.isEmpty() || found.get().value().isEmpty()) {
      square.setStyle("-fx-fill: -color-bg-subtle; -fx-stroke: -color-border-default;");
      text.setText("—");
      found
          .flatMap(HeatMap.Cell::reason)
          .ifPresent(r -> Tooltip.install(cell, new Tooltip("No value: " + r)));
    } else {
      double value = found.get().value().getAsDouble();
      Color fill = Viridis.at(scaled(map, value));
      square.setFill(fill);
      text.setText(Measure.format(value));
      text.setTextFill(Viridis.textOn(fill));
      Tooltip tip =
          new Tooltip(
              row + " × " + column + "\n" + found.get().details() + "\nClick for the items.");
      tip.setShowDelay(Duration.millis(200));
      Tooltip.install(cell, tip);
    }
    cell.setCursor(Cursor.HAND);
    cell.setOnMouseClicked(e -> model.openPair(row, column));
    return cell;
  }

  /** Where a value sits on the colour scale: agreement runs dark (low) to bright (high). */
  private static double scaled(HeatMap map, double value) {
    return map.higherIsBetter() ? value : 1 - Math.min(1, value / 0.5);
  }

  private Node legend(HeatMap map) {
    Rectangle gradient = new Rectangle(200, 10);
    gradient.setFill(Viridis.gradient());
    HBox labels =
        map.higherIsBetter()
            ? new HBox(muted("≤ 0"), spacer(), muted("0.5"), spacer(), muted("1"))
            : new HBox(muted("≥ 0.5"), spacer(), muted("0.25"), spacer(), muted("0"));
    labels.setPrefWidth(200);
    labels.setMaxWidth(200);
    Label meaning =
        muted(
            map.higherIsBetter()
                ? "brighter = the pair agrees more"
                : "brighter = fewer word errors between the pair");
    VBox legend = new VBox(2, gradient, labels, meaning);
    legend.setId("heatLegend");
    return legend;
  }

  private Node confusion(FieldFigures field) {
    VBox box = new VBox(6);
    box.setId("confusion");
    Label title = new Label("Confusion · " + FieldNames.display(field.field()));
    title.getStyleClass().add("title-4");
    box.getChildren().add(title);
    Optional<ConfusionMatrix> shown = model.confusion();
    if (shown.isEmpty()) {
      box.getChildren()
          .add(
              muted(
                  field.kind() == FieldKind.TRANSCRIPT
                      ? "Transcripts have no categories: open a heat-map cell for word errors."
                      : "No annotator pair labeled this field."));
      return box;
    }
    ComboBox<String> pairs =
        new ComboBox<>(
            FXCollections.observableArrayList(
                field.confusions().stream().map(ConfusionMatrix::pair).toList()));
    pairs.setId("confusionPair");
    pairs.getSelectionModel().select(model.confusionPairProperty().get());
    pairs.setOnAction(e -> model.selectConfusionPair(pairs.getSelectionModel().getSelectedIndex()));
    ConfusionMatrix matrix = shown.get();
    int max = 1;
    for (int r = 0; r < matrix.categories().size(); r++) {
      for (int c = 0; c < matrix.categories().size(); c++) {
        max = Math.max(max, matrix.count(r, c));
      }
    }
    GridPane grid = new GridPane();
    grid.setHgap(2);
    grid.setVgap(2);
    grid.add(muted(matrix.first() + " ↓ / " + matrix.second() + " →"), 0, 0);
    for (int i = 0; i < matrix.categories().size(); i++) {
      Label header = muted(matrix.categories().get(i));
      header.setMaxWidth(70);
      header.setTooltip(new Tooltip(matrix.categories().get(i)));
      grid.add(header, i + 1, 0);
      grid.add(muted(matrix.categories().get(i)), 0, i + 1);
    }
    for (int r = 0; r < matrix.categories().size(); r++) {
      for (int c = 0; c < matrix.categories().size(); c++) {
        int count = matrix.count(r, c);
        Rectangle square = new Rectangle(56, 30);
        Label text = new Label(Integer.toString(count));
        if (count == 0) {
          square.setStyle("-fx-fill: -color-bg-subtle; -fx-stroke: -color-border-default;");
          text.getStyleClass().add("text-muted");
        } else {
          Color fill = Viridis.at((double) count / max);
          square.setFill(fill);
          text.setTextFill(Viridis.textOn(fill));
        }
        StackPane cell = new StackPane(square, text);
        cell.setId("confusion-" + r + "-" + c);
        int row = r;
        int column = c;
        Tooltip.install(
            cell,
            new Tooltip(
                count
                    + " items: "
                    + matrix.first()
                    + " said "
                    + matrix.categories().get(r)
                    + ", "
                    + matrix.second()
                    + " said "
                    + matrix.categories().get(c)
                    + (r == c ? " (agree)" : "")));
        cell.setCursor(Cursor.HAND);
        cell.setOnMouseClicked(e -> model.openConfusionCell(row, column));
        grid.add(cell, c + 1, r + 1);
      }
    }
    box.getChildren().addAll(pairs, grid);
    return box;
  }

  private Node annotatorTable(FieldFigures field) {
    TableView<AnnotatorRow> table = new TableView<>();
    table.setId("annotatorTable");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    TableColumn<AnnotatorRow, String> who = new TableColumn<>("annotator");
    who.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().annotator()));
    TableColumn<AnnotatorRow, AnnotatorRow> labels =
        linkColumn(
            "labels",
            r -> Integer.toString(r.labels()),
            r -> model.openAnnotatorItems(r.annotator()));
    TableColumn<AnnotatorRow, String> seconds = new TableColumn<>("median s / item");
    seconds.setCellValueFactory(
        c -> new SimpleObjectProperty<>(oneDecimal(c.getValue().medianSecondsPerItem())));
    TableColumn<AnnotatorRow, AnnotatorRow> gold =
        linkColumn(
            "gold accuracy · " + FieldNames.display(field.field()),
            AgreementView::goldText,
            r -> model.openGold(r.annotator()));
    TableColumn<AnnotatorRow, String> rest =
        new TableColumn<>(
            field.kind() == FieldKind.TRANSCRIPT ? "WER with the others" : "alpha with the others");
    rest.setCellValueFactory(
        c ->
            new SimpleObjectProperty<>(
                c.getValue().withRest().isPresent()
                    ? Measure.format(c.getValue().withRest().getAsDouble())
                    : "—"));
    table.getColumns().addAll(List.of(who, labels, seconds, gold, rest));
    who.setMinWidth(100);
    labels.setMinWidth(60);
    seconds.setMinWidth(120);
    gold.setMinWidth(200);
    rest.setMinWidth(150);
    table.setItems(FXCollections.observableArrayList(field.annotatorRows()));
    table.setFixedCellSize(30);
    table.prefHeightProperty().bind(Bindings.size(table.getItems()).multiply(30).add(36));
    VBox box = new VBox(6);
    Label title = new Label("Annotators · " + FieldNames.display(field.field()));
    title.getStyleClass().add("title-4");
    box.getChildren().addAll(title, table);
    return box;
  }

  private static String goldText(AnnotatorRow row) {
    if (row.gold().isEmpty()) {
      return "—";
    }
    GoldAccuracy gold = row.gold().get();
    return gold.accuracy().isPresent()
        ? String.format(
            Locale.ROOT,
            "%.0f%% (%d of %d)",
            gold.accuracy().getAsDouble() * 100,
            gold.correct(),
            gold.goldItemsRated())
        : "— (no gold items)";
  }

  private static TableColumn<AnnotatorRow, AnnotatorRow> linkColumn(
      String title,
      java.util.function.Function<AnnotatorRow, String> text,
      java.util.function.Consumer<AnnotatorRow> open) {
    TableColumn<AnnotatorRow, AnnotatorRow> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue()));
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(AnnotatorRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                  setGraphic(null);
                } else {
                  Hyperlink link = new Hyperlink(text.apply(row));
                  link.setStyle("-fx-padding: 0;");
                  link.setTooltip(new Tooltip("Click for the items behind this number"));
                  link.setOnAction(e -> open.accept(row));
                  setGraphic(link);
                }
              }
            });
    return column;
  }

  private static String oneDecimal(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "—";
  }

  private static String text(OptionalDouble value) {
    return value.isPresent() ? Measure.format(value.getAsDouble()) : "";
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
