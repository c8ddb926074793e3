package dev.earmark.app.gui.dashboard;

import dev.earmark.app.gui.form.FieldNames;
import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.agreement.GoldAccuracy;
import dev.earmark.storage.agreement.AnnotatorRow;
import dev.earmark.storage.agreement.ConfusionMatrix;
import dev.earmark.storage.agreement.FieldFigures;
import dev.earmark.storage.agreement.FieldKind;
import dev.earmark.storage.agreement.HeatMap;
import dev.earmark.storage.agreement.Measure;
import dev.earmark.storage.agreement.TrendPoint;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
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
import javafx.util.Duration;

/**
 * Builds the agreement dashboard's figures for one field: its card (headline, interval bar,
 * numbers, sparkline), the heat map of pairwise agreement with its legend, the confusion matrix and
 * the annotator table. Clicks open the items behind a number through the view-model; colours follow
 * the theme (AtlantaFX's looked-up colours) and the viridis scale. Used on the JavaFX thread.
 */
final class AgreementCharts {
  static final double BAR_WIDTH = 220;
  private static final String CARD_STYLE =
      "-fx-background-color: -color-bg-subtle; -fx-background-radius: 6; -fx-border-radius: 6;"
          + " -fx-border-color: %s; -fx-border-width: %s; -fx-padding: 10;";

  private final AgreementViewModel model;
  private final ReadOnlyBooleanProperty dark;
  private final BiConsumer<Node, String> exportCard;

  AgreementCharts(
      AgreementViewModel model, ReadOnlyBooleanProperty dark, BiConsumer<Node, String> exportCard) {
    this.model = model;
    this.dark = dark;
    this.exportCard = exportCard;
  }

  Node card(FieldFigures field) {
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
    saveCard.setOnAction(e -> exportCard.accept(card, field.field()));
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

  Node heatMap(FieldFigures field) {
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

  Node confusion(FieldFigures field) {
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

  Node annotatorTable(FieldFigures field) {
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
            AgreementCharts::goldText,
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

  static String text(OptionalDouble value) {
    return value.isPresent() ? Measure.format(value.getAsDouble()) : "";
  }
}
