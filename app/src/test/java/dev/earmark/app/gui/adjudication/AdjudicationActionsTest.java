package dev.earmark.app.gui.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.storage.adjudicate.ReasonCode;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The screen's default keys. Runs with the (headless) JavaFX toolkit started, which matching the
 * "?" character combination needs.
 */
@ExtendWith(ApplicationExtension.class)
class AdjudicationActionsTest {
  private final Keymap keymap = AdjudicationActions.defaultKeymap();

  private static KeyEvent press(
      KeyCode code, String text, boolean ctrl, boolean shift, boolean alt) {
    return new KeyEvent(KeyEvent.KEY_PRESSED, text, text, code, shift, ctrl, alt, false);
  }

  /**
   * Alt+digit picks a row even while typing in the final or note field; a bare digit picks only
   * outside text fields (it types there); Alt+Shift+digit chooses a reason code.
   */
  @ParameterizedTest(name = "{0} ctrl={1} shift={2} alt={3} typing={4} -> {5}")
  @CsvSource(
      textBlock =
          """
          DIGIT1,  false, false, true,  true,  adjudicate.pick-1
          DIGIT9,  false, false, true,  false, adjudicate.pick-9
          DIGIT2,  false, false, false, false, adjudicate.pick-2
          NUMPAD3, false, false, false, false, adjudicate.pick-3
          DIGIT2,  false, false, false, true,  ''
          DIGIT1,  false, true,  true,  true,  adjudicate.reason-1
          DIGIT6,  false, true,  true,  false, adjudicate.reason-6
          DIGIT7,  false, true,  true,  false, ''
          E,       true,  false, false, true,  adjudicate.escalate
          E,       false, false, false, false, ''
          N,       false, false, true,  true,  adjudicate.write-new
          RIGHT,   false, false, true,  true,  adjudicate.next
          LEFT,    false, false, true,  false, adjudicate.previous
          F1,      false, false, false, true,  adjudicate.keys
          ENTER,   true,  false, false, true,  adjudicate.decide
          Z,       true,  false, false, false, adjudicate.undo
          Z,       true,  true,  false, false, adjudicate.redo
          """)
  void keysActOnlyWhereTheyMayAndNeverTypeIntoAField(
      KeyCode code, boolean ctrl, boolean shift, boolean alt, boolean typing, String action) {
    assertThat(keymap.actionFor(press(code, "", ctrl, shift, alt), typing).orElse(""))
        .isEqualTo(action);
  }

  @Test
  void aQuestionMarkShowsTheKeysOutsideTextFieldsOnly() {
    // A character key matches the character typed (a key press carries none; Keymap).
    KeyEvent question =
        new KeyEvent(KeyEvent.KEY_TYPED, "?", "", KeyCode.UNDEFINED, true, false, false, false);
    assertThat(keymap.actionFor(question, false)).contains(AdjudicationActions.CHEAT_SHEET);
    assertThat(keymap.actionFor(question, true)).isEmpty();
  }

  @Test
  void theCheatSheetDescribesEveryReasonKeyAndTheRowPicks() {
    assertThat(AdjudicationActions.descriptions())
        .containsKeys(AdjudicationActions.pick(1), AdjudicationActions.ESCALATE)
        .containsEntry(AdjudicationActions.reason(3), "reason: rubric-gap");
    for (int i = 1; i <= ReasonCode.values().length; i++) {
      assertThat(keymap.combinations(AdjudicationActions.reason(i))).hasSize(1);
    }
  }
}
