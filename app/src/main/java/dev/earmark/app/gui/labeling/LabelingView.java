package dev.earmark.app.gui.labeling;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.screen.Theme;
import dev.earmark.app.gui.waveform.TransportBar;
import dev.earmark.app.gui.waveform.WaveformActions;
import dev.earmark.app.gui.waveform.WaveformPalette;
import dev.earmark.app.gui.waveform.WaveformView;
import dev.earmark.app.gui.waveform.WaveformViewModel;
import dev.earmark.engine.rubric.Segment;
import dev.earmark.storage.assign.AssignmentState;
import java.util.Locale;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The annotator's labeling screen (UI.md): the queue on the left, the clip header, the waveform and
 * transport as the largest element, the transcript form under it, and a status bar that always says
 * whether the work is saved. Binds to {@link LabelingViewModel} in this one place; the screen's
 * keys reach it through {@link #perform(String)}.
 */
public final class LabelingView extends BorderPane {
  private static final Map<String, String> FLAG_NAMES =
      Map.of(
          "bad_audio", "bad audio",
          "wrong_language", "wrong language",
          "contains_personal_data", "personal data",
          "unsure", "unsure");

  private final LabelingViewModel model;
  private final WaveformViewModel waveform;
  private final WaveformView waveformView;
  private final TextArea transcript = new TextArea();
  private final StackPane cheatSheet;
  private final Theme theme;
  private final StackPane qeHintSlot = new StackPane();
  private final Label keysWarning = new Label();
  private TtsRatingForm ttsForm;
  private ListView<QueueEntry> queueList;
  private RagStagesForm ragForm;

  /** The user's last key or mouse press was in the queue list: a new clip leaves focus there. */
  private boolean queueChosen;

  /**
   * A clip changed and no key or mouse press came since: focus that lands in the queue list (JavaFX
   * moving it off a removed row) is taken back to the form.
   */
  private boolean settling;

  public LabelingView(
      LabelingViewModel model,
      WaveformViewModel waveform,
      BackgroundExecutor executor,
      Keymap keymap,
      Theme theme) {
    this.model = model;
    this.theme = theme;
    this.waveform = waveform;
    this.waveformView = new WaveformView(waveform, executor);
    getStyleClass().add("labeling-view");
    // A new clip rebuilds the rating rows, so the focused row vanishes and focus would fall to
    // another control of the window (the banner's Open… button, the queue list), where digit keys
    // do nothing. Registered before the forms are built, so it sees focus as it was before.
    //
    // Whether focus belongs in the queue is decided by where the user last pressed a key or the
    // mouse, not by where focus happens to be when the clip changes: JavaFX moves focus off a
    // removed row to the next focusable node (the queue list) on a pulse of its own, which can come
    // before or after this listener depending on the machine's load.
    addEventFilter(KeyEvent.KEY_PRESSED, event -> userInput(event.getTarget()));
    addEventFilter(
        javafx.scene.input.MouseEvent.MOUSE_PRESSED, event -> userInput(event.getTarget()));
    model
        .currentProperty()
        .addListener(
            (obs, old, now) -> {
              if (!queueChosen) {
                settling = true;
                Platform.runLater(this::focusForm);
              }
            });
    sceneProperty()
        .addListener(
            (obs, old, scene) -> {
              if (scene != null) {
                scene
                    .focusOwnerProperty()
                    .addListener(
                        (o, was, owner) -> {
                          if (settling
                              && owner != null
                              && queueList != null
                              && within(owner, queueList)) {
                            Platform.runLater(this::focusForm);
                          }
                        });
              }
            });
    getStylesheets()
        .add(
            java.util.Objects.requireNonNull(getClass().getResource("labeling.css"), "labeling.css")
                .toExternalForm());

    setTop(headerBar());
    setLeft(queuePane());
    cheatSheet = cheatSheetOverlay(keymap);
    StackPane center = new StackPane(workPane(), emptyState(), cheatSheet);
    setCenter(center);
    setBottom(statusBar());
    theme.darkProperty().addListener((obs, old, now) -> applyTheme());
    applyTheme();
    model
        .lockedProperty()
        .addListener(
            (obs, was, locked) -> {
              if (!locked && focusedRow().isEmpty()) {
                Platform.runLater(this::focusForm);
              }
            });
  }

  /**
   * Puts focus where work on the open clip starts: the transcript, or the first rating row (the
   * waveform while the rows are locked). Leaves it alone while it is on a rating row or a flag.
   */
  private void focusForm() {
    if (getScene() == null || model.currentProperty().get() == null) {
      return;
    }
    javafx.scene.Node owner = getScene().getFocusOwner();
    if (focusedRow().isPresent()) {
      return;
    }
    FormKind kind = model.formProperty().get();
    if (kind == FormKind.ASR_TRANSCRIPT) {
      if (owner != transcript && !(owner instanceof CheckBox && within(owner, this))) {
        transcript.requestFocus();
      }
      return;
    }
    java.util.List<ChoiceRow> rows = kind == FormKind.TTS_RATING ? ttsForm.rows() : ragForm.rows();
    if (!rows.isEmpty() && !rows.get(0).isDisabled()) {
      rows.get(0).requestFocus();
    } else {
      waveformView.requestFocus();
    }
  }

  /** The user pressed a key or the mouse on {@code target}: their choice of place wins. */
  private void userInput(Object target) {
    settling = false;
    queueChosen =
        target instanceof javafx.scene.Node node && queueList != null && within(node, queueList);
  }

  private static boolean within(javafx.scene.Node node, javafx.scene.Node ancestor) {
    for (javafx.scene.Node at = node; at != null; at = at.getParent()) {
      if (at == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** Handles a labeling action from the keymap; false if it is not one of this screen's. */
  public boolean perform(String action) {
    if (cheatSheet.isVisible()
        && (action.equals(LabelingActions.CHEAT_SHEET)
            || action.equals(WaveformActions.TOGGLE_PLAY))) {
      cheatSheet.setVisible(false);
      return true;
    }
    String tag = LabelingActions.TAGS.get(action);
    if (tag != null) {
      if (model.formProperty().get() != FormKind.ASR_TRANSCRIPT) {
        return false;
      }
      insertTag(tag);
      return true;
    }
    Integer pick = LabelingActions.PICKS.get(action);
    if (pick != null) {
      return focusedRow().map(row -> model.pick(row.fieldName(), pick) || true).orElse(false);
    }
    switch (action) {
      case LabelingActions.SUBMIT -> model.submit();
      case LabelingActions.SAVE -> model.saveNow();
      case LabelingActions.NEXT_CLIP -> model.next();
      case LabelingActions.PREVIOUS_CLIP -> model.previous();
      case LabelingActions.CHEAT_SHEET -> cheatSheet.setVisible(true);
      case LabelingActions.UNDO, LabelingActions.REDO -> {
        if (getScene() != null && getScene().getFocusOwner() instanceof TextInputControl) {
          return false; // the text field undoes its own typing
        }
        return action.equals(LabelingActions.UNDO) ? model.undo() || true : model.redo() || true;
      }
      case LabelingActions.ROW_UP, LabelingActions.ROW_DOWN -> {
        return moveRow(action.equals(LabelingActions.ROW_UP) ? -1 : +1);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The row of a rating form that has focus (or holds the focused node), if any. */
  private java.util.Optional<ChoiceRow> focusedRow() {
    javafx.scene.Node node = getScene() == null ? null : getScene().getFocusOwner();
    while (node != null && !(node instanceof ChoiceRow)) {
      node = node.getParent();
    }
    return java.util.Optional.ofNullable((ChoiceRow) node);
  }

  /** Moves focus to the previous or next row of the rating form; false outside a row. */
  private boolean moveRow(int direction) {
    java.util.Optional<ChoiceRow> focused = focusedRow();
    if (focused.isEmpty()) {
      return false;
    }
    java.util.List<ChoiceRow> rows =
        model.formProperty().get() == FormKind.TTS_RATING ? ttsForm.rows() : ragForm.rows();
    int index = rows.indexOf(focused.get());
    int target = Math.max(0, Math.min(rows.size() - 1, index + direction));
    rows.get(target).requestFocus();
    return true;
  }

  /**
   * Where a QE hint panel goes in the clip header (the {@code gui.qe.QeHintPanel} of another
   * helper): empty, and shown only while the lead lets annotators see QE hints; otherwise the
   * screen shows nothing QE-related.
   */
  public StackPane qeHintSlot() {
    return qeHintSlot;
  }

  /** Shows the keys file's problems, one line each, in the status bar. */
  public void showKeysWarnings(java.util.List<String> warnings) {
    keysWarning.setText(String.join("  ", warnings));
  }

  /** Switches between Primer Light and Primer Dark. */
  public void toggleTheme() {
    theme.toggle();
  }

  /** Whether the dark theme is on. */
  public boolean isDark() {
    return theme.isDark();
  }

  private void applyTheme() {
    boolean dark = theme.isDark();
    waveformView.setPalette(dark ? WaveformPalette.dark() : WaveformPalette.light());
  }

  /** Inserts {@code tag} at the caret, with a space on either side where a word touches it. */
  private void insertTag(String tag) {
    String text = transcript.getText() == null ? "" : transcript.getText();
    int start = transcript.getSelection().getStart();
    int end = transcript.getSelection().getEnd();
    boolean spaceBefore = start > 0 && !Character.isWhitespace(text.charAt(start - 1));
    boolean spaceAfter = end < text.length() && !Character.isWhitespace(text.charAt(end));
    transcript.replaceSelection((spaceBefore ? " " : "") + tag + (spaceAfter ? " " : ""));
    transcript.requestFocus();
  }

  // ---- parts ----

  private HBox headerBar() {
    Label rubric = new Label();
    rubric.setId("rubricLabel");
    rubric.getStyleClass().add("text-muted");
    rubric
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.currentProperty().get() == null
                        ? ""
                        : "Rubric " + model.currentProperty().get().rubric().id(),
                model.currentProperty()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button keys = new Button("Keys (F1)");
    keys.setFocusTraversable(false);
    keys.setOnAction(event -> cheatSheet.setVisible(!cheatSheet.isVisible()));
    HBox bar = new HBox(10, rubric, spacer, keys);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(8, 12, 8, 12));
    bar.getStyleClass().add("header-bar");
    bar.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 0 0 1 0;");
    return bar;
  }

  private VBox queuePane() {
    Label heading = new Label("Queue");
    heading.getStyleClass().add("title-4");
    Label count = new Label();
    count.getStyleClass().add("text-muted");
    count.textProperty().bind(model.progressProperty());
    ListView<QueueEntry> list = new ListView<>(model.visibleEntries());
    queueList = list;
    list.setId("queueList");
    // The queue is read a page at a time: rows near the end coming into view read the next page.
    list.setCellFactory(view -> new QueueCell(() -> Platform.runLater(model::readMore)));
    VBox.setVgrow(list, Priority.ALWAYS);
    // Only the user's choice opens a clip: selection also moves when the list itself changes
    // (a submitted clip leaves the "to do" list), and that must not open anything.
    list.setOnMouseClicked(event -> model.open(list.getSelectionModel().getSelectedItem()));
    list.setOnKeyReleased(
        event -> {
          switch (event.getCode()) {
            case UP, DOWN, HOME, END, PAGE_UP, PAGE_DOWN, ENTER, SPACE ->
                model.open(list.getSelectionModel().getSelectedItem());
            default -> {}
          }
        });
    model
        .currentEntryProperty()
        .addListener(
            (obs, old, entry) -> {
              if (entry == null) {
                list.getSelectionModel().clearSelection();
                return;
              }
              for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).item().assignmentId() == entry.item().assignmentId()) {
                  if (list.getSelectionModel().getSelectedIndex() != i) {
                    list.getSelectionModel().select(i);
                  }
                  list.scrollTo(Math.max(0, i - 3));
                  return;
                }
              }
              list.getSelectionModel().clearSelection();
            });
    ComboBox<QueueFilter> filter = new ComboBox<>();
    filter.setId("queueFilter");
    filter.getItems().setAll(QueueFilter.values());
    filter.valueProperty().bindBidirectional(model.filterProperty());
    filter.setFocusTraversable(false);
    HBox filterRow = new HBox(6, new Label("Show"), filter);
    filterRow.setAlignment(Pos.CENTER_LEFT);
    VBox pane = new VBox(6, heading, count, list, filterRow);
    pane.setPadding(new Insets(10));
    pane.setPrefWidth(230);
    pane.setMinWidth(180);
    pane.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 0 1 0 0;");
    return pane;
  }

  private VBox workPane() {
    Label header = new Label();
    header.setId("clipHeader");
    header.getStyleClass().add("title-4");
    header.textProperty().bind(model.headerProperty());
    qeHintSlot.setId("qeHintSlot");
    qeHintSlot.visibleProperty().bind(model.qeHintsVisibleProperty());
    qeHintSlot.managedProperty().bind(model.qeHintsVisibleProperty());
    Region headerSpacer = new Region();
    HBox.setHgrow(headerSpacer, Priority.ALWAYS);
    HBox headerRow = new HBox(8, header, headerSpacer, qeHintSlot);
    headerRow.setAlignment(Pos.CENTER_LEFT);

    VBox.setVgrow(waveformView, Priority.ALWAYS);
    waveformView.setMinHeight(180);
    TransportBar transport = new TransportBar(waveform);

    Label caption = new Label();
    caption.getStyleClass().add("text-bold");
    caption.textProperty().bind(model.transcriptCaptionProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label help = new Label("Rubric help (hover)");
    help.getStyleClass().add("text-muted");
    Tooltip conventions = new Tooltip();
    conventions.setWrapText(true);
    conventions.setMaxWidth(560);
    conventions
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.currentProperty().get() == null
                        ? ""
                        : String.join("\n\n", model.currentProperty().get().rubric().conventions()),
                model.currentProperty()));
    help.setTooltip(conventions);
    HBox captionRow = new HBox(8, caption, spacer, help);
    captionRow.setAlignment(Pos.CENTER_LEFT);

    transcript.setId("transcriptArea");
    transcript.setWrapText(true);
    transcript.setPrefRowCount(3);
    transcript.setMinHeight(70);
    transcript.setPromptText("Type what is said, verbatim. Esc plays / pauses while you type.");
    transcript.textProperty().bindBidirectional(model.transcriptProperty());
    // Undo/redo of typing is the text area's own (Ctrl+Z, Ctrl+Shift+Z); JavaFX resets that history
    // when the next clip's text is set, so Ctrl+Z never brings back the previous clip's text.
    transcript.getStyleClass().add("transcript");
    // Tab moves focus on (Shift+Tab back), as everywhere else in the window; a tab character is
    // never part of a transcript. (Ctrl+Tab is the text area's own way out, so re-fire as that.)
    transcript.addEventFilter(
        KeyEvent.KEY_PRESSED,
        event -> {
          if (event.getCode() == KeyCode.TAB && !event.isControlDown()) {
            event.consume();
            transcript.fireEvent(
                new KeyEvent(
                    event.getSource(),
                    event.getTarget(),
                    event.getEventType(),
                    event.getCharacter(),
                    event.getText(),
                    event.getCode(),
                    event.isShiftDown(),
                    true,
                    event.isAltDown(),
                    event.isMetaDown()));
          }
        });
    transcript.setStyle("-fx-font-size: 1.15em;");

    HBox tags = new HBox(6, new Label("Insert:"));
    tags.setAlignment(Pos.CENTER_LEFT);
    tags.getChildren()
        .addAll(
            tagButton("[noise]", "Ctrl+Shift+N"),
            tagButton("[music]", "Ctrl+Shift+M"),
            tagButton("[unintelligible]", "Ctrl+Shift+U"));

    HBox segmentRow = segmentRow();

    HBox flags = new HBox(14, new Label("Flags:"));
    flags.setAlignment(Pos.CENTER_LEFT);
    for (String flag : LabelingViewModel.FLAGS) {
      CheckBox box = new CheckBox(FLAG_NAMES.get(flag));
      box.setId("flag-" + flag);
      box.selectedProperty().bindBidirectional(model.flagProperty(flag));
      box.setTooltip(
          new Tooltip("the rubric's " + flag + " flag; hover 'rubric help' for the conventions"));
      flags.getChildren().add(box);
    }

    Label problems = new Label();
    problems.setId("problemsLabel");
    problems.setWrapText(true);
    problems.getStyleClass().add("danger");
    problems.setStyle("-fx-text-fill: -color-danger-fg;");
    problems
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> String.join("\n", model.problemsProperty()), model.problemsProperty()));
    problems.managedProperty().bind(problems.textProperty().isNotEmpty());
    problems.visibleProperty().bind(problems.managedProperty());

    Button submit = new Button("Submit  Ctrl+⏎");
    submit.setId("submitButton");
    submit.getStyleClass().add("accent");
    submit.setDefaultButton(false);
    submit.setOnAction(event -> model.submit());
    Button skip = new Button("Skip");
    skip.setId("skipButton");
    skip.setOnAction(event -> model.skip());
    Region buttonSpacer = new Region();
    HBox.setHgrow(buttonSpacer, Priority.ALWAYS);
    HBox buttons = new HBox(8, buttonSpacer, skip, submit);
    buttons.setAlignment(Pos.CENTER_RIGHT);

    HBox flagsAndButtons = new HBox(12, problems, buttons);
    HBox.setHgrow(buttons, Priority.ALWAYS);
    HBox.setHgrow(problems, Priority.SOMETIMES);
    flagsAndButtons.setAlignment(Pos.CENTER_LEFT);

    VBox asrForm = new VBox(6, captionRow, transcript, tags, segmentRow, flags);
    asrForm.setId("asrForm");
    ttsForm = new TtsRatingForm(model);
    ragForm = new RagStagesForm(model, waveform::open);
    showFor(asrForm, FormKind.ASR_TRANSCRIPT);
    showFor(ttsForm, FormKind.TTS_RATING);
    showFor(ragForm, FormKind.RAG_STAGES);
    for (javafx.scene.Node part : java.util.List.of(asrForm, ttsForm, ragForm)) {
      part.disableProperty().bind(model.readOnlyProperty());
    }
    submit.disableProperty().bind(model.readOnlyProperty());
    VBox form = new VBox(6, submittedBar(), asrForm, ttsForm, ragForm, flagsAndButtons);
    form.setPadding(new Insets(8, 0, 0, 0));
    VBox.setVgrow(ttsForm, Priority.ALWAYS);
    VBox.setVgrow(ragForm, Priority.ALWAYS);
    VBox.setVgrow(form, Priority.SOMETIMES);

    VBox pane = new VBox(6, headerRow, waveformView, transport, new Separator(), form);
    pane.setPadding(new Insets(10, 12, 10, 12));
    pane.visibleProperty().bind(model.currentProperty().isNotNull());
    return pane;
  }

  /**
   * Above the form of a submitted label: when it was submitted and a Reopen button, or that a
   * correction is under way, or why it is read-only. Hidden for work not yet submitted.
   */
  private HBox submittedBar() {
    Label note = new Label();
    note.setId("submittedNote");
    note.setWrapText(true);
    note.textProperty().bind(model.submittedNoteProperty());
    Button reopen = new Button("Reopen to correct");
    reopen.setId("reopenButton");
    reopen.getStyleClass().add("button-outlined");
    reopen.visibleProperty().bind(model.canReopenProperty());
    reopen.managedProperty().bind(reopen.visibleProperty());
    reopen.setOnAction(
        event -> {
          model.reopen();
          if (model.formProperty().get() == FormKind.ASR_TRANSCRIPT) {
            transcript.requestFocus();
          }
        });
    reopen.setMinWidth(Region.USE_PREF_SIZE);
    HBox bar = new HBox(10, note, reopen);
    HBox.setHgrow(note, Priority.ALWAYS);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6, 8, 6, 8));
    bar.setStyle("-fx-background-color: -color-accent-subtle; -fx-background-radius: 4;");
    bar.visibleProperty().bind(model.submittedNoteProperty().isNotEmpty());
    bar.managedProperty().bind(bar.visibleProperty());
    return bar;
  }

  private void showFor(javafx.scene.Node node, FormKind kind) {
    node.visibleProperty().bind(model.formProperty().isEqualTo(kind));
    node.managedProperty().bind(node.visibleProperty());
  }

  /** "Segments: [+ from selection] S1 0.00–2.10 A × S2 …"; click a speaker to change it. */
  private HBox segmentRow() {
    Button add = new Button("+ from selection");
    add.setId("addSegmentButton");
    add.getStyleClass().addAll("small", "button-outlined");
    add.setFocusTraversable(false);
    add.setTooltip(new Tooltip("drag across the waveform to select, then add it as a segment"));
    add.disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> waveform.selectionProperty().get().isEmpty(), waveform.selectionProperty()));
    add.setOnAction(
        event ->
            waveform
                .selectionProperty()
                .get()
                .ifPresent(
                    selection ->
                        model.addSegment(selection.startSeconds(), selection.endSeconds())));
    HBox chips = new HBox(6);
    chips.setAlignment(Pos.CENTER_LEFT);
    Runnable rebuild =
        () -> {
          chips.getChildren().clear();
          for (int i = 0; i < model.segmentsProperty().size(); i++) {
            Segment segment = model.segmentsProperty().get(i);
            int index = i;
            Label span =
                new Label(
                    String.format(
                        Locale.ROOT, "S%d %.2f–%.2f", i + 1, segment.start(), segment.end()));
            Button speaker = new Button(segment.speaker());
            speaker.getStyleClass().addAll("small", "flat");
            speaker.setFocusTraversable(false);
            speaker.setTooltip(new Tooltip("speaker: click for the next id"));
            speaker.setOnAction(event -> model.nextSpeaker(index));
            Button remove = new Button("×");
            remove.getStyleClass().addAll("small", "flat");
            remove.setFocusTraversable(false);
            remove.setTooltip(new Tooltip("remove this segment"));
            remove.setOnAction(event -> model.removeSegment(index));
            HBox chip = new HBox(2, span, speaker, remove);
            chip.setAlignment(Pos.CENTER_LEFT);
            chip.setPadding(new Insets(0, 0, 0, 6));
            chip.setStyle(
                "-fx-border-color: -color-border-default; -fx-border-radius: 4;"
                    + " -fx-background-radius: 4;");
            chips.getChildren().add(chip);
          }
        };
    model
        .segmentsProperty()
        .addListener((javafx.collections.ListChangeListener<Segment>) change -> rebuild.run());
    HBox row = new HBox(6, new Label("Segments:"), add, chips);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private Button tagButton(String tag, String keys) {
    Button button = new Button(tag);
    button.getStyleClass().addAll("small", "button-outlined");
    button.setFocusTraversable(false);
    button.setTooltip(new Tooltip("insert " + tag + " at the caret (" + keys + ")"));
    button.setOnAction(event -> insertTag(tag));
    return button;
  }

  private Label emptyState() {
    Label empty = new Label();
    empty.setId("emptyState");
    empty.setWrapText(true);
    empty.setMaxWidth(520);
    empty.getStyleClass().add("title-4");
    empty.textProperty().bind(model.emptyMessageProperty());
    empty.visibleProperty().bind(model.currentProperty().isNull());
    return empty;
  }

  private StackPane cheatSheetOverlay(Keymap keymap) {
    Label title = new Label("Keys");
    title.getStyleClass().add("title-3");
    Button close = new Button("Close (F1 or Esc)");
    ScrollPane table = new ScrollPane(CheatSheet.table(keymap));
    table.setFitToWidth(true);
    table.setPrefViewportHeight(520);
    table.setStyle("-fx-background-color: transparent; -fx-background-insets: 0;");
    VBox card = new VBox(8, title, table, close);
    card.setPadding(new Insets(16));
    card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    card.setStyle(
        "-fx-background-color: -color-bg-default; -fx-border-color: -color-border-default;"
            + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.3), 16, 0, 0, 4);");
    StackPane overlay = new StackPane(card);
    overlay.setId("cheatSheetOverlay");
    overlay.setStyle("-fx-background-color: rgba(0,0,0,0.25);");
    overlay.setVisible(false);
    // The sheet never makes the screen taller than the window: it scrolls instead.
    overlay.setMinSize(0, 0);
    card.setMinHeight(0);
    close.setOnAction(event -> overlay.setVisible(false));
    return overlay;
  }

  private HBox statusBar() {
    Label status = new Label();
    status.setId("statusLabel");
    status.textProperty().bind(model.statusProperty());
    model
        .saveStateProperty()
        .addListener(
            (obs, old, state) ->
                status.setStyle(
                    state == SaveState.ERROR
                        ? "-fx-text-fill: -color-danger-fg;"
                        : state == SaveState.SAVED ? "-fx-text-fill: -color-success-fg;" : ""));
    Label progress = new Label();
    progress.textProperty().bind(Bindings.concat("· ", model.progressProperty()));
    Label hints = new Label("· QE hints on (the lead's setting)");
    hints.setId("qeHintsStatus");
    hints.getStyleClass().add("text-muted");
    hints.visibleProperty().bind(model.qeHintsVisibleProperty());
    hints.managedProperty().bind(model.qeHintsVisibleProperty());
    keysWarning.setId("keysWarning");
    keysWarning.setStyle("-fx-text-fill: -color-danger-fg;");
    keysWarning.managedProperty().bind(keysWarning.textProperty().isNotEmpty());
    Tooltip keysTip = new Tooltip();
    keysTip.setWrapText(true);
    keysTip.setMaxWidth(640);
    keysTip.textProperty().bind(keysWarning.textProperty());
    keysWarning.setTooltip(keysTip);
    keysWarning.setMinWidth(0);
    status.setMinWidth(Region.USE_PREF_SIZE);
    progress.setMinWidth(Region.USE_PREF_SIZE);
    Label playerMessage = new Label();
    playerMessage.getStyleClass().add("text-muted");
    playerMessage
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> {
                  String message = waveform.player().messageProperty().get();
                  return message == null || message.isBlank() ? "" : "· " + message;
                },
                waveform.player().messageProperty()));
    HBox bar = new HBox(8, status, progress, hints, playerMessage, keysWarning);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6, 12, 6, 12));
    bar.setStyle(
        "-fx-border-color: -color-border-default; -fx-border-width: 1 0 0 0;"
            + " -fx-background-color: -color-bg-subtle;");
    return bar;
  }

  /** A queue row: the clip id and its state, as text and as a mark. */
  private static final class QueueCell extends ListCell<QueueEntry> {
    /** Rows this close to the end of the list read on when they show. */
    private static final int NEAR_END = 5;

    private final Runnable nearEnd;

    QueueCell(Runnable nearEnd) {
      this.nearEnd = nearEnd;
    }

    @Override
    protected void updateItem(QueueEntry entry, boolean empty) {
      super.updateItem(entry, empty);
      if (empty || entry == null) {
        setText(null);
        return;
      }
      if (getListView() != null && getIndex() >= getListView().getItems().size() - NEAR_END) {
        nearEnd.run();
      }
      String mark =
          entry.state() == AssignmentState.SUBMITTED
              ? "✓"
              : entry.state() == AssignmentState.DRAFTED ? "●" : " ";
      setText(mark + "  " + entry.clipKey() + "   " + entry.stateText());
    }
  }
}
