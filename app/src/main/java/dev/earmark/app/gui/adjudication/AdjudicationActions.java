package dev.earmark.app.gui.adjudication;

import dev.earmark.app.gui.Keymap;
import dev.earmark.app.gui.waveform.WaveformActions;
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

  private AdjudicationActions() {}

  /**
   * The waveform's keys plus Ctrl+Enter (decide), Ctrl+Z / Ctrl+Shift+Z (undo / redo a decision;
   * inside a text field they stay the field's own text undo), Alt+←/→ (previous / next dispute) and
   * Ctrl+K (skip).
   */
  public static Keymap defaultKeymap() {
    KeyCombination.Modifier ctrl = KeyCombination.SHORTCUT_DOWN;
    KeyCombination.Modifier shift = KeyCombination.SHIFT_DOWN;
    KeyCombination.Modifier alt = KeyCombination.ALT_DOWN;
    return WaveformActions.defaultKeymap()
        .copy()
        .bind(DECIDE, new KeyCodeCombination(KeyCode.ENTER, ctrl))
        .bind(REDO, new KeyCodeCombination(KeyCode.Z, ctrl, shift))
        .bind(UNDO, new KeyCodeCombination(KeyCode.Z, ctrl))
        .bind(SKIP, new KeyCodeCombination(KeyCode.K, ctrl))
        .bind(PREVIOUS, new KeyCodeCombination(KeyCode.LEFT, alt))
        .bind(NEXT, new KeyCodeCombination(KeyCode.RIGHT, alt));
  }
}
