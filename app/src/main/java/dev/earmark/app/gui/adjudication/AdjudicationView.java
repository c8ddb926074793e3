package dev.earmark.app.gui.adjudication;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.keys.KeysSheet;
import dev.earmark.app.gui.qe.QeHintPanel;
import dev.earmark.app.gui.screen.Theme;
import dev.earmark.app.gui.waveform.TransportBar;
import dev.earmark.app.gui.waveform.WaveformActions;
import dev.earmark.app.gui.waveform.WaveformPalette;
import dev.earmark.app.gui.waveform.WaveformView;
import dev.earmark.app.gui.waveform.WaveformViewModel;
import dev.earmark.storage.adjudicate.AlignmentGrid;
import dev.earmark.storage.adjudicate.DisputeStatus;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The adjudicator's screen (UI.md "Adjudicator: one dispute"): the dispute queue with filters on
 * the left; on the right the dispute header, the clip header with its QE hint, the waveform and
 * transport, the word-aligned view (or the ratings beside the rubric's anchors), and the decision
 * area. Binds to {@link AdjudicationViewModel} in one place. Used on the JavaFX thread.
 */
public final class AdjudicationView extends BorderPane {
  private static final String ANY = "any";

  private final AdjudicationViewModel model;
  private final WaveformViewModel waveform;
  private final WaveformView waveformView;
  private final Theme theme;
  private final QeHintPanel qeHint;
  private final Runnable openDashboard;
  private final AlignmentGridView gridView;
  private final Keymap keymap;
  private StackPane keysOverlay;
  private final DecisionPane decision;

  public AdjudicationView(
      AdjudicationViewModel model,
      WaveformViewModel waveform,
      BackgroundExecutor executor,
      Theme theme,
      QeHintPanel qeHint,
      Runnable openDashboard,
      Keymap keymap) {
    this.model = model;
    this.keymap = keymap;
    this.waveform = waveform;
    this.theme = theme;
    this.qeHint = qeHint;
    this.openDashboard = openDashboard;
    this.waveformView = new WaveformView(waveform, executor);
    this.gridView = new AlignmentGridView(model::pick);
    setId("adjudicationView");
    getStyleClass().add("adjudication-view");
    getStylesheets()
        .add(
            Objects.requireNonNull(getClass().getResource("adjudication.css"), "adjudication.css")
                .toExternalForm());
    setLeft(queuePane());
    ScrollPane work = new ScrollPane(workPane());
    work.setFitToWidth(true);
    work.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    // The decision (Decide, Skip, Escalate) is pinned under the scrolling evidence, so it stays in
    // view at 1280x800 even with the first-run banner shown (issue 17).
    this.decision = new DecisionPane(model);
    decision.view().setPadding(new Insets(8, 14, 10, 14));
    VBox.setVgrow(work, Priority.ALWAYS);
    VBox workArea = new VBox(work, new Separator(), decision.view());
    workArea.visibleProperty().bind(model.noDisputesProperty().not());
    this.keysOverlay = keysOverlay();
    setCenter(new StackPane(workArea, emptyState(), keysOverlay));
    theme.darkProperty().addListener((obs, old, now) -> applyTheme());
    applyTheme();

    model
        .currentProperty()
        .addListener(
            (obs, old, now) -> {
              if (now == null) {
                qeHint.clear();
                return;
              }
              if (old == null || !old.clip().audio().equals(now.clip().audio())) {
                waveform.open(now.clip().audio());
              }
              qeHint.show(now.clip().clipId());
            });
    model
        .gridProperty()
        .addListener((obs, old, now) -> gridView.show(now, model.pickedProperty().get()));
    model
        .pickedProperty()
        .addListener((obs, old, now) -> gridView.show(model.gridProperty().get(), now));
  }

  /** Handles an action of the screen's keymap; false if it is not this screen's (or not now). */
  public boolean perform(String action) {
    boolean typing = getScene() != null && getScene().getFocusOwner() instanceof TextInputControl;
    if (keysOverlay.isVisible()
        && (action.equals(AdjudicationActions.CHEAT_SHEET)
            || action.equals(WaveformActions.TOGGLE_PLAY))) {
      keysOverlay.setVisible(false); // F1 again or Esc closes the sheet
      return true;
    }
    for (int row = 1; row <= AdjudicationActions.PICK_KEYS; row++) {
      if (action.equals(AdjudicationActions.pick(row))) {
        return model.pickRow(row);
      }
      if (action.equals(AdjudicationActions.reason(row))) {
        return model.chooseReason(row);
      }
    }
    switch (action) {
      case AdjudicationActions.CHEAT_SHEET -> keysOverlay.setVisible(true);
      case AdjudicationActions.ESCALATE -> model.escalate();
      case AdjudicationActions.WRITE_NEW -> {
        model.writeNew();
        if (model.gridProperty().get() != null) {
          decision.finalText().requestFocus();
        }
      }
      case AdjudicationActions.DECIDE -> model.decide();
      case AdjudicationActions.SKIP -> model.skip();
      case AdjudicationActions.NEXT -> model.move(1);
      case AdjudicationActions.PREVIOUS -> model.move(-1);
      case AdjudicationActions.UNDO -> {
        if (typing && ((TextInputControl) getScene().getFocusOwner()).isUndoable()) {
          return false; // the text field undoes its own typing first
        }
        model.undo();
      }
      case AdjudicationActions.REDO -> {
        if (typing && ((TextInputControl) getScene().getFocusOwner()).isRedoable()) {
          return false;
        }
        model.redo();
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  public boolean isDark() {
    return theme.isDark();
  }

  private void applyTheme() {
    boolean dark = theme.isDark();
    waveformView.setPalette(dark ? WaveformPalette.dark() : WaveformPalette.light());
    getStyleClass().remove("dark");
    if (dark) {
      getStyleClass().add("dark");
    }
  }

  // ---- parts ----

  private VBox queuePane() {
    Label heading = new Label("Disputes");
    heading.getStyleClass().add("title-4");
    Label progress = new Label();
    progress.setId("disputeProgress");
    progress.getStyleClass().add("text-muted");
    progress.textProperty().bind(model.progressProperty());

    ListView<DisputeRow> list = new ListView<>(model.rows());
    list.setId("disputeList");
    list.getStyleClass().add("dispute-list");
    list.setCellFactory(view -> new DisputeCell());
    VBox.setVgrow(list, Priority.ALWAYS);
    list.setOnMouseClicked(
        event -> {
          DisputeRow row = list.getSelectionModel().getSelectedItem();
          if (row != null && row != model.selectedProperty().get()) {
            model.open(row);
          }
        });
    model
        .selectedProperty()
        .addListener(
            (obs, old, row) -> {
              if (row == null) {
                list.getSelectionModel().clearSelection();
              } else if (list.getSelectionModel().getSelectedItem() != row) {
                list.getSelectionModel().select(row);
                list.scrollTo(Math.max(0, list.getItems().indexOf(row) - 3));
              }
            });

    GridPane filters = new GridPane();
    filters.setHgap(6);
    filters.setVgap(4);
    javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
    labels.setMinWidth(Region.USE_PREF_SIZE);
    filters.getColumnConstraints().add(labels);
    filters.addRow(
        0,
        new Label("Slice"),
        filter("sliceFilter", model.sliceChoices(), model.sliceFilterProperty()));
    filters.addRow(
        1,
        new Label("Rule"),
        filter("ruleFilter", model.ruleChoices(), model.ruleFilterProperty()));
    filters.addRow(
        2,
        new Label("Annotator"),
        filter("annotatorFilter", model.annotatorChoices(), model.annotatorFilterProperty()));

    VBox pane = new VBox(6, heading, progress, list, filters);
    pane.setPadding(new Insets(10));
    pane.setPrefWidth(250);
    pane.setMinWidth(220);
    pane.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 0 1 0 0;");
    return pane;
  }

  private static ComboBox<String> filter(
      String id,
      javafx.collections.ObservableList<String> choices,
      javafx.beans.property.StringProperty property) {
    ComboBox<String> box = new ComboBox<>();
    box.setId(id);
    box.setMaxWidth(Double.MAX_VALUE);
    box.setFocusTraversable(false);
    Runnable fill =
        () -> {
          String value = property.get();
          box.getItems().setAll(ANY);
          box.getItems().addAll(choices);
          box.setValue(value.isEmpty() ? ANY : value);
        };
    choices.addListener((javafx.collections.ListChangeListener<String>) change -> fill.run());
    fill.run();
    box.valueProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != null) {
                property.set(ANY.equals(now) ? "" : now);
              }
            });
    GridPane.setHgrow(box, Priority.ALWAYS);
    return box;
  }

  private VBox workPane() {
    Label header = new Label();
    header.setId("disputeHeader");
    header.getStyleClass().add("title-4");
    header.setWrapText(true);
    header.textProperty().bind(model.headerProperty());

    Label clip = new Label();
    clip.setId("clipHeader");
    clip.getStyleClass().add("text-muted");
    clip.textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.currentProperty().get() == null
                        ? ""
                        : model.currentProperty().get().clip().header()
                            + " · "
                            + model.currentProperty().get().rubric().id(),
                model.currentProperty()));
    clip.setMinWidth(0);
    HBox.setHgrow(clip, Priority.ALWAYS);
    clip.setMaxWidth(Double.MAX_VALUE);
    qeHint.setMinWidth(Region.USE_PREF_SIZE);
    HBox clipBar = new HBox(12, clip, qeHint);
    clipBar.setAlignment(Pos.TOP_LEFT);

    VBox.setVgrow(waveformView, Priority.SOMETIMES);
    waveformView.setMinHeight(100);
    waveformView.setPrefHeight(120);
    TransportBar transport = new TransportBar(waveform);

    VBox comparison = ComparisonPane.of(model);
    VBox pane =
        new VBox(
            8,
            header,
            clipBar,
            waveformView,
            transport,
            new Separator(),
            alignmentPane(),
            comparison);
    pane.setPadding(new Insets(10, 14, 10, 14));
    return pane;
  }

  private VBox alignmentPane() {
    // Every row stays in view (the pick radios lead them); long transcripts scroll sideways.
    ScrollPane scroll = new ScrollPane(gridView);
    scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.prefViewportHeightProperty().bind(gridView.heightProperty());
    scroll.setMinHeight(Region.USE_PREF_SIZE);
    Label caption = new Label();
    caption.setId("alignmentCaption");
    caption.getStyleClass().addAll("text-muted", "text-small");
    caption
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.gridProperty().get() == null
                        ? ""
                        : "normalized with "
                            + model.gridProperty().get().ruleSet()
                            + "; aligned to the picked row · hover a token for its raw text and"
                            + " rule",
                model.gridProperty()));
    HBox legend = legend();
    VBox pane = new VBox(4, scroll, new HBox(16, caption, legend));
    pane.visibleProperty().bind(model.gridProperty().isNotNull());
    pane.managedProperty().bind(pane.visibleProperty());
    return pane;
  }

  private static HBox legend() {
    HBox legend = new HBox(8);
    legend.getStyleClass().addAll("legend", "alignment-grid");
    for (AlignmentGrid.CellKind kind :
        new AlignmentGrid.CellKind[] {
          AlignmentGrid.CellKind.SUBSTITUTION,
          AlignmentGrid.CellKind.DELETION,
          AlignmentGrid.CellKind.INSERTION
        }) {
      Label sample =
          new Label(
              switch (kind) {
                case SUBSTITUTION -> "substitution";
                case DELETION -> "deletion ·";
                default -> "insertion";
              });
      sample.getStyleClass().addAll("token", kind.styleClass(), "text-small");
      legend.getChildren().add(sample);
    }
    return legend;
  }

  /**
   * Ratings and stage labels: each field, the annotators' values, the final value (chosen field by
   * field, starting from the picked annotator's), and the rubric's anchors.
   */
  private StackPane keysOverlay() {
    Label title = new Label("Adjudication keys");
    title.getStyleClass().add("title-3");
    Button close = new Button("Close (F1 or Esc)");
    ScrollPane table = new ScrollPane(KeysSheet.table(keymap, AdjudicationActions.descriptions()));
    table.setFitToWidth(true);
    table.setPrefViewportHeight(420);
    table.setStyle("-fx-background-color: transparent; -fx-background-insets: 0;");
    VBox card = new VBox(8, title, table, close);
    card.setPadding(new Insets(16));
    card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    card.setMinHeight(0);
    card.setStyle(
        "-fx-background-color: -color-bg-default; -fx-border-color: -color-border-default;"
            + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.3), 16, 0, 0, 4);");
    StackPane overlay = new StackPane(card);
    overlay.setId("keysOverlay");
    overlay.setStyle("-fx-background-color: rgba(0,0,0,0.25);");
    overlay.setVisible(false);
    overlay.setMinSize(0, 0);
    close.setOnAction(event -> overlay.setVisible(false));
    return overlay;
  }

  /** Whether the keys sheet (F1) is showing. */
  public boolean keysShowing() {
    return keysOverlay.isVisible();
  }

  private VBox emptyState() {
    Label title = new Label("No disputes — agreement is above the routing thresholds.");
    title.setId("noDisputes");
    title.getStyleClass().add("title-3");
    Button dashboard = new Button("Open the dashboard?");
    dashboard.setId("openDashboard");
    dashboard.getStyleClass().add("flat");
    dashboard.setOnAction(event -> openDashboard.run());
    VBox box = new VBox(12, title, dashboard);
    box.setAlignment(Pos.CENTER);
    box.visibleProperty().bind(model.noDisputesProperty());
    return box;
  }

  /** A queue row: status glyph and clip key, then the rule's evidence in muted text. */
  private static final class DisputeCell extends ListCell<DisputeRow> {
    @Override
    protected void updateItem(DisputeRow row, boolean empty) {
      super.updateItem(row, empty);
      if (empty || row == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      String glyph =
          switch (row.status()) {
            case OPEN -> "●";
            case ESCALATED -> "⇧";
            case RESOLVED -> "✓";
          };
      Label key = new Label(glyph + "  " + row.clipKey());
      key.getStyleClass().add(row.status() == DisputeStatus.OPEN ? "text-bold" : "text-muted");
      Label evidence = new Label(row.evidenceLine());
      evidence.getStyleClass().addAll("evidence", "text-muted");
      VBox box = new VBox(1, key, evidence);
      setText(null);
      setGraphic(box);
      setTooltip(new Tooltip(String.join("\n", row.evidence())));
    }
  }
}
