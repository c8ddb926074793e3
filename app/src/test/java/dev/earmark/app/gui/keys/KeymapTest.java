package dev.earmark.app.gui.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.waveform.WaveformActions;
import java.util.Optional;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeymapTest {
  private final Keymap keymap =
      WaveformActions.defaultKeymap()
          .bind("rating.up", new KeyCodeCombination(KeyCode.UP))
          .bind("help.cheatSheet", new KeyCodeCombination(KeyCode.F1));

  private static KeyEvent press(KeyCode code, boolean ctrl, boolean shift) {
    return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, ctrl, false, false);
  }

  /** UI.md: inside a text field only chords act; bare keys type. Esc and F1 type nothing. */
  @ParameterizedTest(name = "{0} ctrl={1} shift={2} typing={3} -> {4}")
  @CsvSource(
      textBlock =
          """
          EQUALS,        true,  false, false, waveform.zoomIn
          EQUALS,        true,  false, true,  waveform.zoomIn
          EQUALS,        false, false, false, ''
          EQUALS,        false, false, true,  ''
          MINUS,         true,  false, true,  waveform.zoomOut
          DIGIT0,        true,  false, true,  waveform.zoomFit
          ESCAPE,        false, false, true,  player.toggle
          SPACE,         true,  false, true,  player.toggle
          SPACE,         false, false, true,  ''
          R,             true,  false, true,  player.replay
          LEFT,          true,  false, true,  player.seekBack1
          LEFT,          true,  true,  true,  player.seekBack5
          RIGHT,         true,  true,  false, player.seekForward5
          OPEN_BRACKET,  true,  false, true,  player.speedDown
          CLOSE_BRACKET, true,  false, true,  player.speedUp
          L,             true,  false, true,  player.loopSelection
          L,             false, false, false, ''
          UP,            false, false, false, rating.up
          UP,            false, false, true,  ''
          F1,            false, false, true,  help.cheatSheet
          """)
  void chordsActEverywhereAndBareKeysOnlyOutsideTextInputs(
      KeyCode code, boolean ctrl, boolean shift, boolean typing, String action) {
    Optional<String> expected = action.isEmpty() ? Optional.empty() : Optional.of(action);
    assertThat(keymap.actionFor(press(code, ctrl, shift), typing)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          Shortcut+L,  true
          Alt+Left,    true
          Esc,         true
          F1,          true
          Up,          false
          '?',         false
          A,           false
          """)
  void onlyCombinationsThatTypeNothingActWhileTyping(String combination, boolean acts) {
    assertThat(Keymap.actsWhileTyping(KeyCombination.valueOf(combination))).isEqualTo(acts);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
      waveform.zoomFit
      """)
  void remappingReplacesTheOldKeys(String action) {
    Keymap remapped = keymap.copy().bind(action, KeyCombination.valueOf("F5"));
    assertThat(remapped.actionFor(press(KeyCode.F5, false, false), true)).contains(action);
    assertThat(remapped.actionFor(press(KeyCode.DIGIT0, true, false), false)).isEmpty();
    assertThat(keymap.actionFor(press(KeyCode.DIGIT0, true, false), false)).contains(action);
  }
}
