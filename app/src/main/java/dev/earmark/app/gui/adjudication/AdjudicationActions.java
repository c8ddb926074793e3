package dev.earmark.app.gui.adjudication;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.waveform.WaveformActions;
import dev.earmark.storage.adjudicate.ReasonCode;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.input.KeyCharacterCombination;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The action ids and default keys of the adjudication screen, on top of the waveform's. */
public final class AdjudicationActions {
  public static final String DECIDE = "adjudicate.decide";
  public static final String SKIP = "adjudicate.skip";
  public static final String UNDO = "adjudicate.undo";
  public static final String REDO = "adjudicate.redo";
  public static final String NEXT = "adjudicate.next";
  public static final String PREVIOUS = "adjudicate.previous";
  public static final String ESCALATE = "adjudicate.escalate";
  public static final String WRITE_NEW = "adjudicate.write-new";
  public static final String CHEAT_SHEET = "adjudicate.keys";

  /** How many annotator rows and reason codes have a key of their own. */
  public static final int PICK_KEYS = 9;

  private static final KeyCode[] DIGITS = {
    KeyCode.DIGIT1,
    KeyCode.DIGIT2,
    KeyCode.DIGIT3,
    KeyCode.DIGIT4,
    KeyCode.DIGIT5,
    KeyCode.DIGIT6,
    KeyCode.DIGIT7,
    KeyCode.DIGIT8,
    KeyCode.DIGIT9
  };
  private static final KeyCode[] NUMPAD = {
    KeyCode.NUMPAD1,
    KeyCode.NUMPAD2,
    KeyCode.NUMPAD3,
    KeyCode.NUMPAD4,
    KeyCode.NUMPAD5,
    KeyCode.NUMPAD6,
    KeyCode.NUMPAD7,
    KeyCode.NUMPAD8,
    KeyCode.NUMPAD9
  };

  private AdjudicationActions() {}

  /** The action that picks annotator row {@code row} (1…9). */
  public static String pick(int row) {
    return "adjudicate.pick-" + row;
  }

  /** The action that chooses reason code {@code index} (1-based, in {@link ReasonCode} order). */
  public static String reason(int index) {
    return "adjudicate.reason-" + index;
  }

  /**
   * The waveform's keys plus Ctrl+Enter (decide), Ctrl+Z / Ctrl+Shift+Z (undo / redo a decision or
   * escalation; inside a text field once the field has no typing of its own to undo), Alt+←/→
   * (previous / next dispute), Ctrl+K (skip), Ctrl+E (escalate), Alt+N (write new), Alt+1…9 (pick
   * an annotator row, also while typing) and bare 1…9 outside text fields, Alt+Shift+1…6 (reason
   * codes), F1 or ? (this screen's keys).
   */
  public static Keymap defaultKeymap() {
    KeyCombination.Modifier ctrl = KeyCombination.SHORTCUT_DOWN;
    KeyCombination.Modifier shift = KeyCombination.SHIFT_DOWN;
    KeyCombination.Modifier alt = KeyCombination.ALT_DOWN;
    Keymap keymap =
        WaveformActions.defaultKeymap()
            .copy()
            .bind(DECIDE, new KeyCodeCombination(KeyCode.ENTER, ctrl))
            .bind(REDO, new KeyCodeCombination(KeyCode.Z, ctrl, shift))
            .bind(UNDO, new KeyCodeCombination(KeyCode.Z, ctrl))
            .bind(SKIP, new KeyCodeCombination(KeyCode.K, ctrl))
            .bind(ESCALATE, new KeyCodeCombination(KeyCode.E, ctrl))
            .bind(WRITE_NEW, new KeyCodeCombination(KeyCode.N, alt))
            .bind(PREVIOUS, new KeyCodeCombination(KeyCode.LEFT, alt))
            .bind(NEXT, new KeyCodeCombination(KeyCode.RIGHT, alt));
    for (int i = 0; i < ReasonCode.values().length && i < PICK_KEYS; i++) {
      keymap.bind(reason(i + 1), new KeyCodeCombination(DIGITS[i], alt, shift));
    }
    for (int i = 0; i < PICK_KEYS; i++) {
      keymap.bind(
          pick(i + 1),
          new KeyCodeCombination(DIGITS[i], alt),
          new KeyCodeCombination(DIGITS[i]),
          new KeyCodeCombination(NUMPAD[i]));
    }
    return keymap.bind(
        CHEAT_SHEET,
        new KeyCodeCombination(KeyCode.F1),
        new KeyCharacterCombination("?", KeyCombination.SHIFT_ANY));
  }

  /** What each action does, in the words of the cheat sheet, in the order it lists them. */
  public static Map<String, String> descriptions() {
    Map<String, String> words = new LinkedHashMap<>();
    words.put(WaveformActions.TOGGLE_PLAY, "play / pause (works while typing)");
    words.put(WaveformActions.REPLAY, "replay the last 3 s");
    words.put(WaveformActions.SEEK_BACK_SHORT, "back 1 s");
    words.put(WaveformActions.SEEK_FORWARD_SHORT, "forward 1 s");
    words.put(pick(1), "pick annotator row 1 (Alt works while typing; 2…9 likewise)");
    words.put(WRITE_NEW, "write a new final label");
    for (int i = 0; i < ReasonCode.values().length && i < PICK_KEYS; i++) {
      words.put(reason(i + 1), "reason: " + ReasonCode.values()[i].code());
    }
    words.put(DECIDE, "decide with the final label, reason and note");
    words.put(ESCALATE, "escalate the dispute to the lead");
    words.put(UNDO, "undo the last decision or escalation (in a text field: its typing first)");
    words.put(REDO, "redo it");
    words.put(NEXT, "next dispute");
    words.put(PREVIOUS, "previous dispute");
    words.put(SKIP, "skip to the next open dispute");
    words.put(CHEAT_SHEET, "show or hide these keys");
    return words;
  }
}
