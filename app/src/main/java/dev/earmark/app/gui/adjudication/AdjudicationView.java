package dev.earmark.app.gui.adjudication;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.form.FieldNames;
import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.keys.KeysSheet;
import dev.earmark.app.gui.qe.QeHintPanel;
import dev.earmark.app.gui.screen.Theme;
import dev.earmark.app.gui.waveform.TransportBar;
import dev.earmark.app.gui.waveform.WaveformActions;
import dev.earmark.app.gui.waveform.WaveformPalette;
import dev.earmark.app.gui.waveform.WaveformView;
import dev.earmark.app.gui.waveform.WaveformViewModel;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.storage.adjudicate.AlignmentGrid;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

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
  private final ToggleGroup reasons = new ToggleGroup();
  private final Keymap keymap;
  private StackPane keysOverlay;
  private TextField finalTextField;

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
    VBox decision = decisionPane();
    decision.setPadding(new Insets(8, 14, 10, 14));
    VBox.setVgrow(work, Priority.ALWAYS);
    VBox workArea = new VBox(work, new Separator(), decision);
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
          finalTextField.requestFocus();
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

    VBox comparison = comparisonPane();
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
  private VBox comparisonPane() {
    GridPane grid = new GridPane();
    grid.setId("fieldComparison");
    grid.setHgap(12);
    grid.setVgap(4);
    Map<String, ComboBox<FieldChoice>> finals = new HashMap<>();
    Map<String, Label> fixedFinals = new HashMap<>();
    boolean[] updating = {false};
    Runnable showFinals =
        () -> {
          updating[0] = true;
          try {
            finals.forEach(
                (field, box) -> {
                  var value = model.fieldValue(field);
                  box.setValue(
                      box.getItems().stream()
                          .filter(
                              choice -> choice != null && value.equals(Optional.of(choice.value())))
                          .findFirst()
                          .orElse(null));
                  box.getStyleClass().remove("edited");
                  if (model.edits().containsKey(field)) {
                    box.getStyleClass().add("edited");
                  }
                });
            fixedFinals.forEach(
                (field, label) ->
                    label.setText(
                        model.fieldValue(field).map(AdjudicationViewModel::shown).orElse("—")));
          } finally {
            updating[0] = false;
          }
        };
    Runnable fill =
        () -> {
          grid.getChildren().clear();
          finals.clear();
          fixedFinals.clear();
          var current = model.currentProperty().get();
          if (current == null) {
            return;
          }
          boolean editable = !current.isTranscript();
          int column = 1;
          int row1 = 1;
          for (DisputeCase.AnnotatorLabel label : current.labels()) {
            Label name = new Label(row1++ + " · " + label.annotatorId());
            name.getStyleClass().add("text-bold");
            name.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(name, column++, 0);
          }
          int finalColumn = column;
          if (editable) {
            Label head = new Label("final (edit)");
            head.getStyleClass().add("text-bold");
            head.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(head, column++, 0);
          }
          grid.add(new Label("rubric anchors"), column, 0);
          int row = 1;
          for (FieldComparison field : model.comparisons()) {
            Label name = new Label(FieldNames.display(field.field()));
            name.setTooltip(new Tooltip(field.definition()));
            name.getStyleClass().add(field.agrees() ? "text-muted" : "text-bold");
            name.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(name, 0, row);
            int c = 1;
            for (String value : field.values().values()) {
              Label shown = new Label(value);
              shown.setMinWidth(Region.USE_PREF_SIZE);
              if (!field.agrees()) {
                shown.getStyleClass().add("accent");
              }
              grid.add(shown, c++, row);
            }
            if (editable) {
              List<FieldChoice> choices = model.choices(field.field());
              if (choices.isEmpty()) {
                Label fixed = new Label();
                fixed.setTooltip(new Tooltip("kept from the picked annotator's label"));
                fixedFinals.put(field.field(), fixed);
                grid.add(fixed, finalColumn, row);
              } else {
                ComboBox<FieldChoice> box = new ComboBox<>();
                box.setId("final-" + field.field());
                // The closed box shows the value; the open list shows each value's anchor.
                box.setPrefWidth(180);
                box.setMinWidth(Region.USE_PREF_SIZE);
                box.setMaxWidth(Region.USE_PREF_SIZE);
                box.getItems().add(null); // leave the field empty
                box.getItems().addAll(choices);
                box.setConverter(
                    new StringConverter<>() {
                      @Override
                      public String toString(FieldChoice choice) {
                        return choice == null ? "—" : choice.shown();
                      }

                      @Override
                      public FieldChoice fromString(String text) {
                        return null;
                      }
                    });
                box.setCellFactory(
                    view ->
                        new ListCell<>() {
                          @Override
                          protected void updateItem(FieldChoice choice, boolean empty) {
                            super.updateItem(choice, empty);
                            setText(
                                empty ? null : choice == null ? "— (leave empty)" : choice.line());
                          }
                        });
                box.setTooltip(
                    new Tooltip(FieldNames.display(field.field()) + ": change the final value"));
                box.valueProperty()
                    .addListener(
                        (obs, old, now) -> {
                          if (updating[0]) {
                            return;
                          }
                          if (now == null) {
                            model.clearField(field.field());
                          } else {
                            model.setField(field.field(), now.value());
                          }
                        });
                finals.put(field.field(), box);
                grid.add(box, finalColumn, row);
              }
              c++;
            }
            // Beside the values: the anchors of the values given; the whole scale on hover and in
            // the final column's choices, so a tall rubric does not push the decision off screen.
            List<String> given =
                field.anchors().stream()
                    .filter(
                        line -> {
                          int dash = line.indexOf(" — ");
                          return dash > 0 && field.values().containsValue(line.substring(0, dash));
                        })
                    .toList();
            Label anchors = new Label(String.join("\n", given));
            if (!field.anchors().isEmpty()) {
              anchors.setTooltip(new Tooltip(String.join("\n", field.anchors())));
            }
            anchors.getStyleClass().addAll("text-muted", "text-small");
            anchors.setWrapText(true);
            grid.add(anchors, c, row);
            row++;
          }
          showFinals.run();
        };
    model
        .comparisons()
        .addListener((javafx.collections.ListChangeListener<FieldComparison>) c -> fill.run());
    model
        .edits()
        .addListener(
            (javafx.collections.MapChangeListener<String, Optional<FieldValue>>)
                c -> showFinals.run());
    model.pickedProperty().addListener((obs, old, now) -> showFinals.run());
    Label title = new Label("Fields side by side with the rubric");
    title.getStyleClass().add("text-muted");
    Label problems = new Label();
    problems.setId("finalProblems");
    problems.getStyleClass().add("danger");
    problems.setWrapText(true);
    Runnable showProblems =
        () -> {
          var current = model.currentProperty().get();
          List<String> list =
              current == null || current.isTranscript() ? List.of() : model.problems();
          problems.setText(
              list.isEmpty() ? "" : "Not yet a valid final label: " + String.join("; ", list));
        };
    model
        .edits()
        .addListener(
            (javafx.collections.MapChangeListener<String, Optional<FieldValue>>)
                c -> showProblems.run());
    model.pickedProperty().addListener((obs, old, now) -> showProblems.run());
    model.currentProperty().addListener((obs, old, now) -> showProblems.run());
    problems.visibleProperty().bind(problems.textProperty().isNotEmpty());
    problems.managedProperty().bind(problems.visibleProperty());
    VBox pane = new VBox(4, title, grid, problems);
    pane.visibleProperty().bind(Bindings.isNotEmpty(model.comparisons()));
    pane.managedProperty().bind(pane.visibleProperty());
    return pane;
  }

  private VBox decisionPane() {
    TextField finalText = new TextField();
    finalTextField = finalText;
    finalText.setId("finalText");
    finalText.textProperty().bindBidirectional(model.finalTextProperty());
    HBox.setHgrow(finalText, Priority.ALWAYS);
    Button writeNew = new Button("Write new");
    writeNew.setId("writeNew");
    writeNew.setOnAction(
        event -> {
          model.writeNew();
          finalText.requestFocus();
        });
    Label pickedNote = new Label();
    pickedNote.getStyleClass().add("text-muted");
    pickedNote
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.pickedProperty().get().isEmpty()
                        ? "(new label)"
                        : "(from " + model.pickedProperty().get() + ", editable)",
                model.pickedProperty()));
    HBox finalRow = new HBox(8, new Label("Final:"), finalText, pickedNote, writeNew);
    finalRow.setAlignment(Pos.CENTER_LEFT);
    // Ratings and stage labels are edited field by field in the comparison grid instead.
    finalText.visibleProperty().bind(model.gridProperty().isNotNull());
    finalText.managedProperty().bind(finalText.visibleProperty());

    FlowPane reasonRow = new FlowPane(12, 4);
    reasonRow.getChildren().add(new Label("Reason:"));
    for (ReasonCode code : ReasonCode.values()) {
      RadioButton radio = new RadioButton(code.code().replace('-', ' '));
      int index = code.ordinal() + 1;
      radio.setTooltip(new Tooltip("Alt+Shift+" + index));
      radio.setId("reason-" + code.code());
      radio.setUserData(code);
      radio.setToggleGroup(reasons);
      if (code.raisesPolicyProposal()) {
        radio.setTooltip(
            new Tooltip(
                "Alt+Shift+" + index + " · files a policy proposal for the lead; needs a note"));
      }
      reasonRow.getChildren().add(radio);
    }
    reasons
        .selectedToggleProperty()
        .addListener(
            (obs, old, now) -> {
              ReasonCode chosen = now == null ? null : (ReasonCode) now.getUserData();
              if (model.reasonProperty().get() != chosen) {
                model.reasonProperty().set(chosen);
              }
            });
    model
        .reasonProperty()
        .addListener(
            (obs, old, now) -> {
              if (now == null) {
                reasons.selectToggle(null);
              } else {
                reasons.getToggles().stream()
                    .filter(t -> t.getUserData() == now)
                    .findFirst()
                    .ifPresent(reasons::selectToggle);
              }
            });

    TextField note = new TextField();
    note.setId("note");
    note.setPromptText("optional; required for rubric gap and normalization gap");
    note.textProperty().bindBidirectional(model.noteProperty());
    HBox.setHgrow(note, Priority.ALWAYS);

    Button decide = new Button("Decide ⌃⏎");
    decide.setId("decide");
    decide.getStyleClass().add("accent");
    decide.setDefaultButton(false);
    decide.disableProperty().bind(model.canDecideProperty().not());
    decide.setOnAction(event -> model.decide());
    Button skip = new Button("Skip");
    skip.setId("skip");
    skip.setOnAction(event -> model.skip());
    Button escalate = new Button("Escalate to lead ⌃E");
    escalate.setId("escalate");
    escalate.disableProperty().bind(model.canDecideProperty().not());
    escalate.setOnAction(event -> model.escalate());
    Button undo = new Button("Undo");
    undo.setId("undoDecision");
    undo.setTooltip(
        new Tooltip(
            "take back the last decision or escalation (Ctrl+Z; in a text field once its own"
                + " typing is undone)"));
    undo.disableProperty().bind(model.canUndoProperty().not().or(model.busyProperty()));
    undo.setOnAction(event -> model.undo());
    Button redo = new Button("Redo");
    redo.setId("redoDecision");
    redo.disableProperty().bind(model.canRedoProperty().not().or(model.busyProperty()));
    redo.setOnAction(event -> model.redo());
    Label message = new Label();
    message.setId("adjudicationMessage");
    message.getStyleClass().add("text-muted");
    message.textProperty().bind(model.messageProperty());
    message.setWrapText(true);
    HBox noteRow = new HBox(8, new Label("Note:"), note, undo, redo, decide, skip, escalate);
    noteRow.setAlignment(Pos.CENTER_LEFT);

    Label resolved = new Label();
    resolved.getStyleClass().add("success");
    resolved
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.selectedProperty().get() != null
                            && model.selectedProperty().get().status() == DisputeStatus.RESOLVED
                        ? "✓ decided — Undo takes a decision of this session back"
                        : "",
                model.selectedProperty()));
    HBox status = new HBox(12, resolved, message);
    status.setAlignment(Pos.CENTER_LEFT);
    VBox pane = new VBox(8, finalRow, reasonRow, noteRow, status);
    pane.getStyleClass().add("decision-area");
    return pane;
  }

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
