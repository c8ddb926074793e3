package dev.earmark.app.gui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Which key combinations trigger which action, by stable action id (e.g. {@code player.toggle}).
 * Screens start from a default map, users remap entries, and the workbench adds its own actions
 * with {@link #bind}. Not thread-safe; used on the JavaFX thread.
 *
 * <p>Typing always wins: while a text input has focus, only combinations that cannot type a
 * character act — chords with Ctrl, Alt or Meta, and Esc or the function keys (Esc pauses playback
 * while transcribing, the transcription-tool convention of UI.md).
 */
public final class Keymap {
  private final Map<String, List<KeyCombination>> bindings = new LinkedHashMap<>();

  /** Binds {@code action} to {@code combinations}, replacing what it had (a remap). */
  public Keymap bind(String action, KeyCombination... combinations) {
    bindings.put(action, List.of(combinations));
    return this;
  }

  /** The combinations of {@code action}, empty if it is unbound. */
  public List<KeyCombination> combinations(String action) {
    return bindings.getOrDefault(action, List.of());
  }

  /** Every action id, in the order they were first bound. */
  public List<String> actions() {
    return List.copyOf(bindings.keySet());
  }

  /** A copy that can be extended or remapped without changing this one. */
  public Keymap copy() {
    Keymap copy = new Keymap();
    copy.bindings.putAll(bindings);
    return copy;
  }

  /**
   * The action {@code event} triggers, if any. {@code inTextInput} says whether a text input has
   * focus: then only chords and non-typing keys match (see the class comment).
   */
  public Optional<String> actionFor(KeyEvent event, boolean inTextInput) {
    for (Map.Entry<String, List<KeyCombination>> entry : bindings.entrySet()) {
      for (KeyCombination combination : entry.getValue()) {
        if (combination.match(event) && (!inTextInput || actsWhileTyping(combination))) {
          return Optional.of(entry.getKey());
        }
      }
    }
    return Optional.empty();
  }

  /** True if {@code combination} cannot type a character, so it may act inside a text input. */
  public static boolean actsWhileTyping(KeyCombination combination) {
    if (combination.getControl() == KeyCombination.ModifierValue.DOWN
        || combination.getShortcut() == KeyCombination.ModifierValue.DOWN
        || combination.getAlt() == KeyCombination.ModifierValue.DOWN
        || combination.getMeta() == KeyCombination.ModifierValue.DOWN) {
      return true;
    }
    if (combination instanceof KeyCodeCombination keyCode) {
      KeyCode code = keyCode.getCode();
      return code == KeyCode.ESCAPE || code.isFunctionKey();
    }
    return false;
  }

  /**
   * Installs this keymap on {@code scene} as a key-pressed filter: for a matching action it calls
   * {@code dispatch}, which returns whether it handled the action; handled key presses are
   * consumed, others continue to the focused control. The map is consulted at each key press, so
   * later remaps take effect at once. Several screens can chain their handlers, e.g. {@code action
   * -> waveform.perform(action) || form.perform(action)}.
   */
  public EventHandler<KeyEvent> install(Scene scene, Predicate<String> dispatch) {
    EventHandler<KeyEvent> filter =
        event -> {
          Node focused = scene.getFocusOwner();
          boolean typing = focused instanceof TextInputControl;
          actionFor(event, typing).filter(dispatch).ifPresent(action -> event.consume());
        };
    scene.addEventFilter(KeyEvent.KEY_PRESSED, filter);
    return filter;
  }
}
