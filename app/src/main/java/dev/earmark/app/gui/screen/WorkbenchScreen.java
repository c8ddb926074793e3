package dev.earmark.app.gui.screen;

import dev.earmark.app.gui.keys.Keymap;
import javafx.scene.Node;

/**
 * One screen of the workbench (labeling, adjudication, the agreement dashboard…), shown in the
 * centre of the shell. The shell creates a screen the first time it is shown, calls {@link #shown}
 * every time it comes to the front, routes key presses through {@link #keymap} to {@link #perform}
 * while it is in front, and {@link #close}s it when the project or the acting user changes. Used on
 * the JavaFX thread.
 */
public interface WorkbenchScreen extends AutoCloseable {

  /** The screen's root node. */
  Node view();

  /** The keys of this screen; the shell consults it at each key press while the screen is shown. */
  Keymap keymap();

  /** Handles an action of {@link #keymap}; false when it is not this screen's to handle now. */
  boolean perform(String action);

  /** Called each time the screen comes to the front: a first load, or a refresh. */
  void shown();

  /** Whether leaving now would lose edits (the window then waits for {@link #saveThen}). */
  default boolean hasUnsavedWork() {
    return false;
  }

  /** Stores pending edits, then runs {@code next} on the JavaFX thread (not if saving fails). */
  default void saveThen(Runnable next) {
    next.run();
  }

  /** Releases players, executors and other resources the screen holds. */
  @Override
  void close();
}
