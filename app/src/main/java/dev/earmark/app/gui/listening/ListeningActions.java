package dev.earmark.app.gui.listening;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.labeling.LabelingActions;
import dev.earmark.app.gui.waveform.WaveformActions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.input.KeyCharacterCombination;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The action ids and default keys of the MUSHRA and A/B screens (docs/keys.md): the player's and
 * the labeling screen's shared keys, plus digits to play a stimulus, arrows to move between stimuli
 * and to move a slider, and letters for loop, region and the A/B choice. Neither screen has a text
 * field, so bare keys are safe.
 */
public final class ListeningActions {
  /** {@code listening.play1} … {@code listening.play9}: play stimulus A … I. */
  public static final List<String> PLAY =
      List.of(
          "listening.play1",
          "listening.play2",
          "listening.play3",
          "listening.play4",
          "listening.play5",
          "listening.play6",
          "listening.play7",
          "listening.play8",
          "listening.play9");

  public static final String PLAY_REFERENCE = "listening.playReference";
  public static final String PREVIOUS_STIMULUS = "listening.previousStimulus";
  public static final String NEXT_STIMULUS = "listening.nextStimulus";
  public static final String SCORE_UP = "listening.scoreUp";
  public static final String SCORE_DOWN = "listening.scoreDown";
  public static final String SCORE_UP_10 = "listening.scoreUp10";
  public static final String SCORE_DOWN_10 = "listening.scoreDown10";
  public static final String LOOP = "listening.loop";
  public static final String MARK_REGION = "listening.markRegion";
  public static final String CLEAR_REGION = "listening.clearRegion";
  public static final String PREFER_A = "listening.preferA";
  public static final String PREFER_B = "listening.preferB";
  public static final String NO_PREFERENCE = "listening.noPreference";

  private ListeningActions() {}

  /** The default keys; a copy the caller may remap. */
  public static Keymap defaultKeymap() {
    KeyCombination.Modifier ctrl = KeyCombination.SHORTCUT_DOWN;
    KeyCombination.Modifier shift = KeyCombination.SHIFT_DOWN;
    Keymap keys =
        new Keymap()
            .bind(
                WaveformActions.TOGGLE_PLAY,
                new KeyCodeCombination(KeyCode.ESCAPE),
                new KeyCodeCombination(KeyCode.SPACE, ctrl),
                new KeyCodeCombination(KeyCode.SPACE))
            .bind(WaveformActions.SEEK_BACK_SHORT, new KeyCodeCombination(KeyCode.LEFT, ctrl))
            .bind(WaveformActions.SEEK_FORWARD_SHORT, new KeyCodeCombination(KeyCode.RIGHT, ctrl))
            .bind(LOOP, new KeyCodeCombination(KeyCode.L), new KeyCodeCombination(KeyCode.L, ctrl))
            .bind(MARK_REGION, new KeyCodeCombination(KeyCode.M))
            .bind(CLEAR_REGION, new KeyCodeCombination(KeyCode.M, shift));
    for (int i = 0; i < PLAY.size(); i++) {
      keys.bind(
          PLAY.get(i),
          new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1))),
          new KeyCodeCombination(KeyCode.valueOf("NUMPAD" + (i + 1))));
    }
    return keys.bind(PLAY_REFERENCE, new KeyCodeCombination(KeyCode.R))
        .bind(PREVIOUS_STIMULUS, new KeyCodeCombination(KeyCode.LEFT))
        .bind(NEXT_STIMULUS, new KeyCodeCombination(KeyCode.RIGHT))
        .bind(SCORE_UP, new KeyCodeCombination(KeyCode.UP))
        .bind(SCORE_DOWN, new KeyCodeCombination(KeyCode.DOWN))
        .bind(
            SCORE_UP_10,
            new KeyCodeCombination(KeyCode.UP, shift),
            new KeyCodeCombination(KeyCode.PAGE_UP))
        .bind(
            SCORE_DOWN_10,
            new KeyCodeCombination(KeyCode.DOWN, shift),
            new KeyCodeCombination(KeyCode.PAGE_DOWN))
        .bind(PREFER_A, new KeyCodeCombination(KeyCode.A))
        .bind(PREFER_B, new KeyCodeCombination(KeyCode.B))
        .bind(NO_PREFERENCE, new KeyCodeCombination(KeyCode.N))
        .bind(LabelingActions.SUBMIT, new KeyCodeCombination(KeyCode.ENTER, ctrl))
        .bind(LabelingActions.SAVE, new KeyCodeCombination(KeyCode.S, ctrl))
        .bind(
            LabelingActions.CHEAT_SHEET,
            new KeyCodeCombination(KeyCode.F1),
            new KeyCharacterCombination("?", KeyCombination.SHIFT_ANY));
  }

  /** What each action does, in the words of the cheat sheet, in the order it lists them. */
  public static Map<String, String> descriptions() {
    Map<String, String> words = new LinkedHashMap<>();
    words.put(WaveformActions.TOGGLE_PLAY, "play / pause the open stimulus");
    words.put(PLAY.get(0), "play stimulus A (2 for B, … 9 for I), at the same moment");
    for (int i = 1; i < PLAY.size(); i++) {
      words.put(PLAY.get(i), "play stimulus " + Stimulus.letter(i));
    }
    words.put(PLAY_REFERENCE, "play the reference (MUSHRA)");
    words.put(PREVIOUS_STIMULUS, "previous stimulus");
    words.put(NEXT_STIMULUS, "next stimulus");
    words.put(SCORE_UP, "open stimulus's slider +1");
    words.put(SCORE_DOWN, "open stimulus's slider -1");
    words.put(SCORE_UP_10, "slider +10");
    words.put(SCORE_DOWN_10, "slider -10");
    words.put(LOOP, "loop the stimulus (or the marked region) on / off");
    words.put(MARK_REGION, "mark the region to loop: start, then end");
    words.put(CLEAR_REGION, "forget the region");
    words.put(WaveformActions.SEEK_BACK_SHORT, "back 1 s");
    words.put(WaveformActions.SEEK_FORWARD_SHORT, "forward 1 s");
    words.put(PREFER_A, "A/B: prefer A");
    words.put(PREFER_B, "A/B: prefer B");
    words.put(NO_PREFERENCE, "A/B: no preference (when the test allows it)");
    words.put(LabelingActions.SUBMIT, "submit and open the next trial");
    words.put(LabelingActions.SAVE, "save the draft now (it also saves as you rate)");
    words.put(LabelingActions.CHEAT_SHEET, "this cheat sheet");
    return words;
  }
}
