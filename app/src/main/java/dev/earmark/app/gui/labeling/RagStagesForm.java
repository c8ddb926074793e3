package dev.earmark.app.gui.labeling;

import dev.earmark.engine.rubric.FieldSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The speech RAG form (UI.md): the turn on the left — the query's ASR text, the retrieved passages
 * with their source dates, the written answer, and a switch that puts the query or the spoken
 * answer in the waveform above — and the stage labels in a column beside it, each stage's
 * definition and each option's meaning one hover away.
 */
final class RagStagesForm extends HBox {
  private final LabelingViewModel model;
  private final Consumer<Path> showAudio;
  private final VBox turn = new VBox(6);
  private final VBox stages = new VBox(1);
  private final List<ChoiceRow> choiceRows = new ArrayList<>();
  private final ToggleGroup audioChoice = new ToggleGroup();

  RagStagesForm(LabelingViewModel model, Consumer<Path> showAudio) {
    super(16);
    this.model = model;
    this.showAudio = showAudio;
    setId("ragForm");
    turn.setId("ragTurn");
    turn.setPadding(new Insets(0, 8, 0, 0));
    ScrollPane turnScroll = scrolling(turn);
    turnScroll.setPrefWidth(300);
    turnScroll.setMinWidth(200);
    HBox.setHgrow(turnScroll, Priority.ALWAYS);
    stages.setId("stageColumn");
    stages.setPadding(new Insets(0, 16, 0, 0)); // room for the scroll bar
    Label heading = new Label("Stage labels  (hover a name or an option for its definition)");
    heading.getStyleClass().add("text-bold");
    ScrollPane stageScroll = scrolling(stages);
    stageScroll.setMinWidth(Region.USE_PREF_SIZE);
    VBox.setVgrow(stageScroll, Priority.ALWAYS);
    VBox column = new VBox(4, heading, stageScroll);
    column.setMinWidth(Region.USE_PREF_SIZE);
    getChildren().addAll(turnScroll, column);
    setMinHeight(120);
    model.currentProperty().addListener((obs, was, clip) -> rebuild(clip));
    model
        .answersProperty()
        .addListener(
            (javafx.collections.MapChangeListener<String, Object>)
                change -> choiceRows.forEach(ChoiceRow::show));
    rebuild(model.currentProperty().get());
  }

  /** The rows in form order, for ↑/↓. */
  List<ChoiceRow> rows() {
    return choiceRows;
  }

  private void rebuild(ClipToLabel clip) {
    turn.getChildren().clear();
    stages.getChildren().clear();
    choiceRows.clear();
    if (clip == null
        || clip.form() != FormKind.RAG_STAGES
        || !(clip.content() instanceof ItemContent.RagTurn rag)) {
      return;
    }
    ToggleButton query = new ToggleButton("Query");
    query.setId("queryAudioToggle");
    query.setToggleGroup(audioChoice);
    query.setSelected(true);
    query.setFocusTraversable(false);
    query.setOnAction(event -> pick(query, clip.clip().audio()));
    ToggleButton answer =
        new ToggleButton(String.format(Locale.ROOT, "Spoken answer (%.1f s)", rag.answerSeconds()));
    answer.setId("answerAudioToggle");
    answer.setToggleGroup(audioChoice);
    answer.setFocusTraversable(false);
    answer.setDisable(rag.answerAudio().isEmpty());
    rag.answerAudio().ifPresent(path -> answer.setOnAction(event -> pick(answer, path)));
    Label waveformShows = new Label("In the waveform:");
    waveformShows.setMinWidth(Region.USE_PREF_SIZE);
    query.setMinWidth(Region.USE_PREF_SIZE);
    answer.setMinWidth(Region.USE_PREF_SIZE);
    FlowPane audio = new FlowPane(6, 4, waveformShows, query, answer);
    audio.setAlignment(Pos.CENTER_LEFT);

    turn.getChildren()
        .addAll(
            audio,
            caption("Question, as the system's ASR heard it"),
            body("queryText", rag.queryText()),
            caption(
                "Retrieved passages"
                    + rag.referenceDate()
                        .map(date -> "  (judge freshness as of " + date + ")")
                        .orElse("")));
    int number = 1;
    for (ItemContent.Passage passage : rag.passages()) {
      Label source =
          new Label(
              number++
                  + ". "
                  + passage.id()
                  + " · "
                  + (passage.sourceDate().isBlank() ? "undated" : passage.sourceDate()));
      source.getStyleClass().add("text-muted");
      Label text = body("passage-" + passage.id(), passage.text());
      VBox box = new VBox(1, source, text);
      box.setPadding(new Insets(2, 0, 2, 8));
      box.setStyle("-fx-border-color: -color-border-muted; -fx-border-width: 0 0 0 3;");
      turn.getChildren().add(box);
    }
    turn.getChildren()
        .addAll(
            caption("Answer (written; the spoken answer reads it)"),
            body("answerText", rag.answerText()));

    for (FieldSpec field : clip.rubric().fields()) {
      ChoiceRow row = new ChoiceRow(field, model, false);
      choiceRows.add(row);
      stages.getChildren().add(row);
    }
    choiceRows.forEach(ChoiceRow::show);
  }

  private static ScrollPane scrolling(javafx.scene.Node content) {
    ScrollPane scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    scroll.setMinHeight(90);
    scroll.setStyle("-fx-background-color: transparent; -fx-background-insets: 0; -fx-padding: 0;");
    return scroll;
  }

  private void pick(ToggleButton button, Path audio) {
    button.setSelected(true);
    showAudio.accept(audio);
  }

  private static Label caption(String text) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.getStyleClass().add("text-bold");
    return label;
  }

  private static Label body(String id, String text) {
    Label label = new Label(text.isBlank() ? "—" : text);
    label.setId(id);
    label.setWrapText(true);
    return label;
  }
}
