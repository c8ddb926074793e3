package dev.earmark.app.gui.listening;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The MUSHRA screen (BS.1534-3): the prompt on top, the open reference, then one column per
 * stimulus — its score, a vertical 0–100 slider on the continuous quality scale, how much of it has
 * been heard and a play button under its letter. A slider stays disabled, with "listen first",
 * until its stimulus has been heard. Nothing in the scene names a system or a stimulus's role.
 */
public final class MushraView extends BorderPane {
  /** The five labelled bands of the continuous quality scale, top down (BS.1534-3 5.3). */
  static final List<String> SCALE = List.of("Excellent", "Good", "Fair", "Poor", "Bad");

  private final MushraViewModel model;
  private final Label heading = new Label();
  private final Label prompt = new Label();
  private final HBox columns = new HBox(14);
  private final List<Slider> sliders = new ArrayList<>();
  private final List<Label> scoreLabels = new ArrayList<>();
  private final List<VBox> columnBoxes = new ArrayList<>();
  private final AnimationTimer clock;
  private boolean showing;

  public MushraView(MushraViewModel model) {
    this.model = model;
    setId("mushraView");
    setPadding(new Insets(12));
    setTop(TrialChrome.header(heading, prompt));
    columns.setId("stimuli");
    columns.setPadding(new Insets(12, 0, 12, 0));
    columns.setAlignment(Pos.BOTTOM_LEFT);
    VBox.setVgrow(columns, Priority.ALWAYS);
    setCenter(columns);
    setBottom(new VBox(6, TrialChrome.playbackBar(model), TrialChrome.statusBar(model)));
    model.trialProperty().addListener((obs, was, trial) -> rebuild(trial));
    model.scores().addListener((MapChangeListener<Integer, Integer>) change -> showScores());
    clock = TrialChrome.frameClock(model);
    rebuild(model.trialProperty().get());
  }

  /** Stops the frame clock; the view is dropped after. */
  public void dispose() {
    clock.stop();
  }

  private void rebuild(Optional<MushraTrial> trial) {
    columns.getChildren().clear();
    sliders.clear();
    scoreLabels.clear();
    columnBoxes.clear();
    StimulusDeck deck = model.deck();
    if (trial.isEmpty() || deck == null) {
      heading.setText("MUSHRA");
      prompt.setText("No MUSHRA trial is waiting for you.");
      return;
    }
    heading.setText(
        (trial.get().training() ? "Training (practice, not scored) · " : "")
            + "MUSHRA · trial "
            + trial.get().position()
            + " of "
            + trial.get().total()
            + " · rate each stimulus against the reference, 0–100");
    prompt.setText("“" + trial.get().prompt() + "”");
    columns.getChildren().add(scaleColumn());
    if (deck.hasReference()) {
      Button reference = new Button("Reference\n(R)");
      reference.setId("playReference");
      reference.setFocusTraversable(false);
      reference.setOnAction(event -> model.perform(ListeningActions.PLAY_REFERENCE));
      VBox box = new VBox(6, reference);
      box.setAlignment(Pos.BOTTOM_CENTER);
      columnBoxes.add(box);
      columns.getChildren().add(box);
    }
    for (int i = 0; i < deck.stimuli().size(); i++) {
      columns.getChildren().add(column(deck, i));
    }
    deck.selectedProperty().addListener((obs, was, now) -> markSelected(deck));
    showScores();
    markSelected(deck);
  }

  private VBox scaleColumn() {
    VBox scale = new VBox();
    scale.setId("qualityScale");
    scale.setPrefHeight(SLIDER_HEIGHT);
    scale.setMaxHeight(SLIDER_HEIGHT);
    for (String band : SCALE) {
      Label label = new Label(band);
      label.getStyleClass().add("text-muted");
      label.setMaxHeight(Double.MAX_VALUE);
      VBox.setVgrow(label, Priority.ALWAYS);
      scale.getChildren().add(label);
    }
    VBox column = new VBox(6, scale);
    column.setAlignment(Pos.TOP_CENTER);
    return column;
  }

  private static final double SLIDER_HEIGHT = 260;

  private VBox column(StimulusDeck deck, int index) {
    Stimulus stimulus = deck.stimuli().get(index);
    String letter = stimulus.letter();
    Label score = new Label("–");
    score.setId("score-" + letter);
    score.getStyleClass().add("text-bold");
    Slider slider = new Slider(0, 100, 0);
    slider.setId("slider-" + letter);
    slider.setOrientation(Orientation.VERTICAL);
    slider.setPrefHeight(SLIDER_HEIGHT);
    slider.setMajorTickUnit(20);
    slider.setShowTickMarks(true);
    slider.setFocusTraversable(false);
    slider.disableProperty().bind(deck.unlockedProperty(index).not());
    slider.setAccessibleText("score of stimulus " + letter + ", 0 to 100");
    slider
        .valueProperty()
        .addListener(
            (obs, was, value) -> {
              if (!showing && !model.setScore(index, (int) Math.round(value.doubleValue()))) {
                showScores();
              }
            });
    Label lock = new Label("listen first");
    lock.setId("lock-" + letter);
    lock.getStyleClass().add("text-small");
    lock.visibleProperty().bind(deck.unlockedProperty(index).not());
    lock.managedProperty().bind(lock.visibleProperty());
    Button play = new Button(letter);
    play.setId("play-" + letter);
    play.setMinWidth(48);
    play.setFocusTraversable(false);
    play.setAccessibleText("play stimulus " + letter + " (key " + (index + 1) + ")");
    play.setOnAction(event -> deck.play(index));
    VBox box = new VBox(6, score, slider, lock, TrialChrome.heardBar(deck, index), play);
    box.setId("stimulus-" + letter);
    box.setAlignment(Pos.BOTTOM_CENTER);
    box.setPrefWidth(64);
    sliders.add(slider);
    scoreLabels.add(score);
    columnBoxes.add(box);
    return box;
  }

  private void showScores() {
    showing = true;
    try {
      for (int i = 0; i < sliders.size(); i++) {
        Integer score = model.scores().get(i);
        sliders.get(i).setValue(score == null ? 0 : score);
        scoreLabels.get(i).setText(score == null ? "–" : String.valueOf(score));
      }
    } finally {
      showing = false;
    }
  }

  private void markSelected(StimulusDeck deck) {
    int selected = deck.selectedProperty().get();
    int offset = deck.hasReference() ? 1 : 0;
    for (int i = 0; i < columnBoxes.size(); i++) {
      int stimulus = i - offset;
      boolean on =
          deck.hasReference() && i == 0 ? selected == StimulusDeck.REFERENCE : selected == stimulus;
      columnBoxes
          .get(i)
          .setStyle(
              on
                  ? "-fx-border-color: -color-accent-emphasis; -fx-border-width: 2; -fx-border-radius: 6;"
                      + " -fx-padding: 4;"
                  : "-fx-border-color: transparent; -fx-border-width: 2; -fx-padding: 4;");
    }
  }
}
