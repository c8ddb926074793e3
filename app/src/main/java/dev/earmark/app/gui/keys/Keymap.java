package dev.earmark.app.gui.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCharacterCombination;
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
   * The keys file a user edits to remap keys: {@code $XDG_CONFIG_HOME/earmark/keys.properties}, or
   * {@code ~/.config/earmark/keys.properties} when XDG_CONFIG_HOME is unset (docs/keys.md).
   *
   * @param environment the process environment (passed in so tests can choose)
   * @param home the user's home directory
   */
  public static Path keysFile(Map<String, String> environment, Path home) {
    String config = environment.get("XDG_CONFIG_HOME");
    Path base =
        config == null || config.isBlank() ? home.resolve(".config") : Path.of(config.strip());
    return base.resolve("earmark").resolve("keys.properties");
  }

  /**
   * Applies the remaps in {@code file}: one {@code action.id = Combination[, Combination…]} per
   * line (JavaFX's names, e.g. {@code Ctrl+Shift+Z}, {@code Shortcut+Enter}, {@code F2}, {@code
   * Alt+Left}; {@code none} unbinds), {@code #} or {@code !} starts a comment. A missing file
   * changes nothing. A bad line is skipped and reported as one sentence naming the file and line;
   * every other line still applies.
   *
   * @return the warnings, one line each; empty when every line applied
   */
  public List<String> remap(Path file) {
    return remap(file, true);
  }

  /**
   * Like {@link #remap(Path)} for a keys file that several screens share: a line naming an action
   * this keymap does not have is another screen's, and is passed over without a warning.
   */
  public List<String> remapShared(Path file) {
    return remap(file, false);
  }

  private List<String> remap(Path file, boolean warnUnknownActions) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      return List.of(
          "Keys file " + file + " cannot be read (" + e.getMessage() + "); default keys apply.");
    }
    List<String> warnings = new ArrayList<>();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      String where = file + " line " + number + ": ";
      int equals = line.indexOf('=');
      if (equals <= 0) {
        warnings.add(where + "expected 'action.id = Ctrl+Key', not '" + line + "'; line ignored.");
        continue;
      }
      String action = line.substring(0, equals).strip();
      String keys = line.substring(equals + 1).strip();
      if (!bindings.containsKey(action)) {
        if (!warnUnknownActions) {
          continue;
        }
        warnings.add(
            where
                + "'"
                + action
                + "' is not an action of this screen (see docs/keys.md); line ignored.");
        continue;
      }
      if (keys.equalsIgnoreCase("none")) {
        bindings.put(action, List.of());
        continue;
      }
      List<KeyCombination> combinations = new ArrayList<>();
      String bad = null;
      for (String key : keys.split(",")) {
        try {
          KeyCombination combination = KeyCombination.valueOf(key.strip());
          if (combination instanceof KeyCharacterCombination character
              && character.getCharacter().length() != 1) {
            // JavaFX reads an unknown key name ("Ctrl+Entr") as a character: a typo.
            throw new IllegalArgumentException("unknown key " + character.getCharacter());
          }
          combinations.add(combination);
        } catch (IllegalArgumentException | NullPointerException e) {
          bad = key.strip();
          break;
        }
      }
      if (bad != null || combinations.isEmpty()) {
        warnings.add(
            where
                + "'"
                + (bad == null ? keys : bad)
                + "' is not a key combination such as Ctrl+Shift+Z or F2; line ignored.");
        continue;
      }
      bindings.put(action, List.copyOf(combinations));
    }
    return warnings;
  }

  /**
   * The action {@code event} triggers, if any. {@code inTextInput} says whether a text input has
   * focus: then only chords and non-typing keys match (see the class comment).
   */
  public Optional<String> actionFor(KeyEvent event, boolean inTextInput) {
    boolean typed = event.getEventType() == KeyEvent.KEY_TYPED;
    for (Map.Entry<String, List<KeyCombination>> entry : bindings.entrySet()) {
      for (KeyCombination combination : entry.getValue()) {
        boolean matches =
            combination instanceof KeyCharacterCombination character
                ? typed && typedCharacter(character, event)
                : !typed && combination.match(event);
        if (matches && (!inTextInput || actsWhileTyping(combination))) {
          return Optional.of(entry.getKey());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A character key such as {@code ?} matches the character typed, whatever key and Shift state
   * produced it: a key press does not carry its character (and its key code differs per keyboard
   * layout), so matching presses left {@code ?} dead on most machines.
   */
  private static boolean typedCharacter(KeyCharacterCombination combination, KeyEvent event) {
    return combination.getCharacter().equals(event.getCharacter())
        && !event.isControlDown()
        && !event.isAltDown()
        && !event.isMetaDown();
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
    scene.addEventFilter(KeyEvent.KEY_TYPED, filter);
    return filter;
  }
}
