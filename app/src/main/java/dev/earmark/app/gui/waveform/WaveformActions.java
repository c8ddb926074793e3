package dev.earmark.app.gui.waveform;

import dev.earmark.app.gui.keys.Keymap;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Action ids of the waveform and player, and their default keys from UI.md. The workbench starts
 * from {@link #defaultKeymap()}, adds its own actions and lets users remap any of them.
 */
public final class WaveformActions {
  public static final String TOGGLE_PLAY = "player.toggle";
  public static final String REPLAY = "player.replay";
  public static final String SEEK_BACK_SHORT = "player.seekBack1";
  public static final String SEEK_FORWARD_SHORT = "player.seekForward1";
  public static final String SEEK_BACK_LONG = "player.seekBack5";
  public static final String SEEK_FORWARD_LONG = "player.seekForward5";
  public static final String SPEED_DOWN = "player.speedDown";
  public static final String SPEED_UP = "player.speedUp";
  public static final String LOOP_SELECTION = "player.loopSelection";
  public static final String ZOOM_IN = "waveform.zoomIn";
  public static final String ZOOM_OUT = "waveform.zoomOut";
  public static final String ZOOM_FIT = "waveform.zoomFit";
  public static final String TOGGLE_SPECTROGRAM = "waveform.toggleSpectrogram";

  private WaveformActions() {}

  /** The default keys of UI.md; every combination acts inside text fields too (none types). */
  public static Keymap defaultKeymap() {
    KeyCombination.Modifier ctrl = KeyCombination.SHORTCUT_DOWN;
    KeyCombination.Modifier shift = KeyCombination.SHIFT_DOWN;
    return new Keymap()
        .bind(
            TOGGLE_PLAY,
            new KeyCodeCombination(KeyCode.ESCAPE),
            new KeyCodeCombination(KeyCode.SPACE, ctrl))
        .bind(REPLAY, new KeyCodeCombination(KeyCode.R, ctrl))
        .bind(SEEK_BACK_SHORT, new KeyCodeCombination(KeyCode.LEFT, ctrl))
        .bind(SEEK_FORWARD_SHORT, new KeyCodeCombination(KeyCode.RIGHT, ctrl))
        .bind(SEEK_BACK_LONG, new KeyCodeCombination(KeyCode.LEFT, ctrl, shift))
        .bind(SEEK_FORWARD_LONG, new KeyCodeCombination(KeyCode.RIGHT, ctrl, shift))
        .bind(SPEED_DOWN, new KeyCodeCombination(KeyCode.OPEN_BRACKET, ctrl))
        .bind(SPEED_UP, new KeyCodeCombination(KeyCode.CLOSE_BRACKET, ctrl))
        .bind(LOOP_SELECTION, new KeyCodeCombination(KeyCode.L, ctrl))
        .bind(
            ZOOM_IN,
            new KeyCodeCombination(KeyCode.EQUALS, ctrl),
            new KeyCodeCombination(KeyCode.PLUS, ctrl),
            new KeyCodeCombination(KeyCode.ADD, ctrl))
        .bind(
            ZOOM_OUT,
            new KeyCodeCombination(KeyCode.MINUS, ctrl),
            new KeyCodeCombination(KeyCode.SUBTRACT, ctrl))
        .bind(ZOOM_FIT, new KeyCodeCombination(KeyCode.DIGIT0, ctrl))
        .bind(TOGGLE_SPECTROGRAM, new KeyCodeCombination(KeyCode.G, ctrl, shift));
  }
}
