package dev.earmark.app.gui.labeling;

import dev.earmark.engine.rubric.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The TTS rating form (UI.md): the prompt on top, each word a button that marks or unmarks it as
 * mispronounced; then one {@link ChoiceRow} per dimension with its five anchored choices. While the
 * view-model says the rating is locked, the rows and words are greyed out under "listen first (62%
 * heard)"; the lock itself is the view-model's.
 */
final class TtsRatingForm extends VBox {
  private final LabelingViewModel model;
  private final FlowPane prompt = new FlowPane(4, 4);
  private final VBox rows = new VBox(1);
  private final List<ChoiceRow> choiceRows = new ArrayList<>();
  private final List<Button> words = new ArrayList<>();

  TtsRatingForm(LabelingViewModel model) {
    super(6);
    this.model = model;
    setId("ttsForm");
    Label caption = new Label("Prompt  (click a word that was mispronounced)");
    caption.getStyleClass().add("text-bold");
    Label lock = new Label();
    lock.setId("lockLabel");
    lock.getStyleClass().add("warning");
    lock.setStyle("-fx-text-fill: -color-warning-fg; -fx-font-weight: bold;");
    lock.textProperty().bind(model.lockMessageProperty());
    lock.managedProperty().bind(model.lockedProperty());
    lock.visibleProperty().bind(model.lockedProperty());
    HBox captionRow = new HBox(12, caption, lock);
    captionRow.setAlignment(Pos.CENTER_LEFT);
    prompt.setId("promptWords");
    prompt.setPadding(new Insets(2, 0, 4, 0));
    prompt.disableProperty().bind(model.lockedProperty());
    rows.setId("ratingRows");
    rows.disableProperty().bind(model.lockedProperty());
    ScrollPane scroll = new ScrollPane(rows);
    scroll.setFitToWidth(true);
    scroll.setMinHeight(90);
    scroll.setStyle("-fx-background-color: transparent; -fx-background-insets: 0; -fx-padding: 0;");
    VBox.setVgrow(scroll, Priority.ALWAYS);
    getChildren().addAll(captionRow, prompt, scroll);
    model.currentProperty().addListener((obs, was, clip) -> rebuild(clip));
    model
        .answersProperty()
        .addListener((javafx.collections.MapChangeListener<String, Object>) change -> refresh());
    rebuild(model.currentProperty().get());
  }

  /** The rows in form order, for ↑/↓. */
  List<ChoiceRow> rows() {
    return choiceRows;
  }

  private void rebuild(ClipToLabel clip) {
    prompt.getChildren().clear();
    rows.getChildren().clear();
    choiceRows.clear();
    words.clear();
    if (clip == null || clip.form() != FormKind.TTS_RATING) {
      return;
    }
    List<String> promptWords = model.promptWords();
    for (int i = 0; i < promptWords.size(); i++) {
      int index = i;
      Button word = new Button(promptWords.get(i));
      word.setId("promptWord-" + i);
      word.getStyleClass().addAll("flat");
      word.setFocusTraversable(false);
      word.setTooltip(new Tooltip("word " + i + ": click to mark or unmark as mispronounced"));
      word.setOnAction(event -> model.toggleWordMark(index));
      words.add(word);
      prompt.getChildren().add(word);
    }
    for (FieldSpec field : clip.rubric().fields()) {
      if (field instanceof FieldSpec.ScaleField || field instanceof FieldSpec.CategoricalField) {
        ChoiceRow row = new ChoiceRow(field, model, true);
        choiceRows.add(row);
        rows.getChildren().add(row);
      }
    }
    refresh();
  }

  private void refresh() {
    choiceRows.forEach(ChoiceRow::show);
    List<Integer> marked = model.markedWords();
    for (int i = 0; i < words.size(); i++) {
      boolean mark = marked.contains(i);
      Button word = words.get(i);
      word.setStyle(
          mark
              ? "-fx-text-fill: -color-danger-fg; -fx-underline: true;"
                  + " -fx-border-color: -color-danger-emphasis; -fx-border-radius: 4;"
              : "");
      word.setAccessibleText(word.getText() + (mark ? ", marked mispronounced" : ""));
      if (mark) {
        word.getStyleClass().add("marked");
      } else {
        word.getStyleClass().remove("marked");
      }
    }
  }
}
