package dev.earmark.app.gui.listening;

import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The A/B preference screen: the prompt, A and B each with a play button and how much of it has
 * been heard, and the choice — "A is better", "B is better" and, unless the test is forced choice,
 * "No preference" — disabled until both have been heard. No system name appears anywhere.
 */
public final class PreferenceView extends BorderPane {
  private final PreferenceViewModel model;
  private final Label heading = new Label();
  private final Label prompt = new Label();
  private final HBox stimuli = new HBox(24);
  private final ToggleButton preferA = choice("A is better  (A)", "prefer-A", Preference.A);
  private final ToggleButton preferB = choice("B is better  (B)", "prefer-B", Preference.B);
  private final ToggleButton none =
      choice("No preference  (N)", "prefer-none", Preference.NO_PREFERENCE);
  private final HBox choices = new HBox(12, preferA, preferB, none);
  private final AnimationTimer clock;

  public PreferenceView(PreferenceViewModel model) {
    this.model = model;
    setId("preferenceView");
    setPadding(new Insets(12));
    setTop(TrialChrome.header(heading, prompt));
    stimuli.setId("stimuli");
    stimuli.setAlignment(Pos.CENTER);
    choices.setId("choices");
    choices.setAlignment(Pos.CENTER);
    VBox centre = new VBox(24, stimuli, choices);
    centre.setAlignment(Pos.CENTER);
    centre.setPadding(new Insets(24, 0, 24, 0));
    setCenter(centre);
    setBottom(new VBox(6, TrialChrome.playbackBar(model), TrialChrome.statusBar(model)));
    model.trialProperty().addListener((obs, was, trial) -> rebuild(trial));
    model.choiceProperty().addListener((obs, was, chosen) -> showChoice(chosen));
    clock = TrialChrome.frameClock(model);
    rebuild(model.trialProperty().get());
  }

  /** Stops the frame clock; the view is dropped after. */
  public void dispose() {
    clock.stop();
  }

  private ToggleButton choice(String text, String id, Preference preference) {
    ToggleButton button = new ToggleButton(text);
    button.setId(id);
    button.setFocusTraversable(false);
    button.setOnAction(
        event -> {
          model.choose(preference);
          showChoice(model.choiceProperty().get());
        });
    return button;
  }

  private void rebuild(Optional<PreferenceTrial> trial) {
    stimuli.getChildren().clear();
    StimulusDeck deck = model.deck();
    preferA.disableProperty().unbind();
    preferB.disableProperty().unbind();
    none.disableProperty().unbind();
    if (trial.isEmpty() || deck == null) {
      heading.setText("A/B preference");
      prompt.setText("No A/B trial is waiting for you.");
      choices.setVisible(false);
      return;
    }
    heading.setText(
        (trial.get().training() ? "Training (practice, not scored) · " : "")
            + "A/B preference · trial "
            + trial.get().position()
            + " of "
            + trial.get().total()
            + (trial.get().allowNoPreference() ? "" : " · forced choice")
            + " · which reads the prompt better?");
    prompt.setText("“" + trial.get().prompt() + "”");
    for (int i = 0; i < 2; i++) {
      int index = i;
      String letter = deck.stimuli().get(i).letter();
      Button play = new Button("▶  " + letter + "  (" + (i + 1) + ")");
      play.setId("play-" + letter);
      play.setMinWidth(140);
      play.setFocusTraversable(false);
      play.setOnAction(event -> deck.play(index));
      VBox box = new VBox(6, play, TrialChrome.heardBar(deck, i));
      box.setId("stimulus-" + letter);
      box.setAlignment(Pos.CENTER);
      stimuli.getChildren().add(box);
    }
    var locked = deck.unlockedProperty(0).and(deck.unlockedProperty(1)).not();
    preferA.disableProperty().bind(locked);
    preferB.disableProperty().bind(locked);
    none.disableProperty().bind(locked);
    none.setVisible(trial.get().allowNoPreference());
    none.setManaged(trial.get().allowNoPreference());
    choices.setVisible(true);
    showChoice(model.choiceProperty().get());
  }

  private void showChoice(Optional<Preference> chosen) {
    preferA.setSelected(chosen.equals(Optional.of(Preference.A)));
    preferB.setSelected(chosen.equals(Optional.of(Preference.B)));
    none.setSelected(chosen.equals(Optional.of(Preference.NO_PREFERENCE)));
  }
}
