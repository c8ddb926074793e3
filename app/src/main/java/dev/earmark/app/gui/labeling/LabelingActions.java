package dev.earmark.app.gui.labeling;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.waveform.WaveformActions;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.input.KeyCharacterCombination;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The action ids and default keys of the labeling screen (UI.md), on top of the waveform's. */
public final class LabelingActions {
  public static final String SUBMIT = "label.submit";
  public static final String SAVE = "label.save";
  public static final String TAG_NOISE = "label.tagNoise";
  public static final String TAG_MUSIC = "label.tagMusic";
  public static final String TAG_UNINTELLIGIBLE = "label.tagUnintelligible";
  public static final String NEXT_CLIP = "label.nextClip";
  public static final String PREVIOUS_CLIP = "label.previousClip";
  public static final String CHEAT_SHEET = "help.cheatSheet";
  public static final String UNDO = "edit.undo";
  public static final String REDO = "edit.redo";
  public static final String ROW_UP = "rating.previousRow";
  public static final String ROW_DOWN = "rating.nextRow";
  public static final String PICK_1 = "rating.pick1";
  public static final String PICK_2 = "rating.pick2";
  public static final String PICK_3 = "rating.pick3";
  public static final String PICK_4 = "rating.pick4";
  public static final String PICK_5 = "rating.pick5";

  /** The choice (from 1) each pick action gives the focused rating row. */
  public static final Map<String, Integer> PICKS =
      Map.of(PICK_1, 1, PICK_2, 2, PICK_3, 3, PICK_4, 4, PICK_5, 5);

  /** The event tag each tag action inserts. */
  public static final Map<String, String> TAGS =
      Map.of(TAG_NOISE, "[noise]", TAG_MUSIC, "[music]", TAG_UNINTELLIGIBLE, "[unintelligible]");

  private LabelingActions() {}

  /** The waveform's keys plus the labeling screen's; a copy the caller may remap. */
  public static Keymap defaultKeymap() {
    KeyCombination.Modifier ctrl = KeyCombination.SHORTCUT_DOWN;
    KeyCombination.Modifier shift = KeyCombination.SHIFT_DOWN;
    KeyCombination.Modifier alt = KeyCombination.ALT_DOWN;
    return WaveformActions.defaultKeymap()
        .copy()
        .bind(SUBMIT, new KeyCodeCombination(KeyCode.ENTER, ctrl))
        .bind(SAVE, new KeyCodeCombination(KeyCode.S, ctrl))
        .bind(TAG_NOISE, new KeyCodeCombination(KeyCode.N, ctrl, shift))
        .bind(TAG_MUSIC, new KeyCodeCombination(KeyCode.M, ctrl, shift))
        .bind(TAG_UNINTELLIGIBLE, new KeyCodeCombination(KeyCode.U, ctrl, shift))
        .bind(PREVIOUS_CLIP, new KeyCodeCombination(KeyCode.LEFT, alt))
        .bind(NEXT_CLIP, new KeyCodeCombination(KeyCode.RIGHT, alt))
        .bind(UNDO, new KeyCodeCombination(KeyCode.Z, ctrl))
        .bind(REDO, new KeyCodeCombination(KeyCode.Z, ctrl, shift))
        .bind(ROW_UP, new KeyCodeCombination(KeyCode.UP))
        .bind(ROW_DOWN, new KeyCodeCombination(KeyCode.DOWN))
        .bind(PICK_1, digit(KeyCode.DIGIT1), digit(KeyCode.NUMPAD1))
        .bind(PICK_2, digit(KeyCode.DIGIT2), digit(KeyCode.NUMPAD2))
        .bind(PICK_3, digit(KeyCode.DIGIT3), digit(KeyCode.NUMPAD3))
        .bind(PICK_4, digit(KeyCode.DIGIT4), digit(KeyCode.NUMPAD4))
        .bind(PICK_5, digit(KeyCode.DIGIT5), digit(KeyCode.NUMPAD5))
        .bind(
            CHEAT_SHEET,
            new KeyCodeCombination(KeyCode.F1),
            new KeyCharacterCombination("?", KeyCombination.SHIFT_ANY));
  }

  private static KeyCombination digit(KeyCode code) {
    return new KeyCodeCombination(code);
  }

  /** What each action does, in the words of the cheat sheet, in the order it lists them. */
  public static Map<String, String> descriptions() {
    Map<String, String> words = new LinkedHashMap<>();
    words.put(WaveformActions.TOGGLE_PLAY, "play / pause (works while typing)");
    words.put(WaveformActions.REPLAY, "replay the last 3 s");
    words.put(WaveformActions.SEEK_BACK_SHORT, "back 1 s");
    words.put(WaveformActions.SEEK_FORWARD_SHORT, "forward 1 s");
    words.put(WaveformActions.SEEK_BACK_LONG, "back 5 s");
    words.put(WaveformActions.SEEK_FORWARD_LONG, "forward 5 s");
    words.put(WaveformActions.SPEED_DOWN, "slower");
    words.put(WaveformActions.SPEED_UP, "faster");
    words.put(WaveformActions.LOOP_SELECTION, "loop the selection");
    words.put(WaveformActions.ZOOM_IN, "zoom in");
    words.put(WaveformActions.ZOOM_OUT, "zoom out");
    words.put(WaveformActions.ZOOM_FIT, "zoom to fit");
    words.put(WaveformActions.TOGGLE_SPECTROGRAM, "show / hide the spectrogram");
    words.put(TAG_NOISE, "insert [noise]");
    words.put(TAG_MUSIC, "insert [music]");
    words.put(TAG_UNINTELLIGIBLE, "insert [unintelligible]");
    words.put(SUBMIT, "submit and open the next clip");
    words.put(SAVE, "save the draft now (it also saves as you type)");
    words.put(PREVIOUS_CLIP, "previous clip");
    words.put(NEXT_CLIP, "next clip");
    words.put(PICK_1, "rating row: choice 1 (lowest / first option)");
    words.put(PICK_2, "rating row: choice 2");
    words.put(PICK_3, "rating row: choice 3");
    words.put(PICK_4, "rating row: choice 4");
    words.put(PICK_5, "rating row: choice 5");
    words.put(ROW_UP, "rating form: previous row");
    words.put(ROW_DOWN, "rating form: next row");
    words.put(UNDO, "undo (ratings, marks, stage labels, flags, segments; typing in a text field)");
    words.put(REDO, "redo");
    words.put(CHEAT_SHEET, "this cheat sheet (? only outside text fields)");
    return words;
  }
}
