package dev.earmark.app.gui.rules;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.labeling.FxDebouncer;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The rule editor in the shell. The draft lives in this screen's view-model, which the shell keeps
 * while the lead visits other screens; when the shell is about to drop the screen (another project
 * or user), {@link #saveThen} asks before unpublished edits are discarded. Use on the JavaFX
 * thread.
 */
public final class RulesScreen implements WorkbenchScreen {
  /** Moves the selected rule up. */
  public static final String MOVE_UP = "rules.up";

  /** Moves the selected rule down. */
  public static final String MOVE_DOWN = "rules.down";

  /** Disables or enables the selected rule. */
  public static final String TOGGLE = "rules.toggle";

  /** Deletes the selected rule. */
  public static final String DELETE = "rules.delete";

  private final RulesViewModel model;
  private final RulesView view;
  private final Keymap keymap;
  private boolean loaded;

  /** Builds the screen on {@code service}; database and diff work go to {@code executor}. */
  public RulesScreen(RulesService service, BackgroundExecutor executor) {
    this.model = new RulesViewModel(service, executor, new FxDebouncer());
    this.view = new RulesView(model);
    this.keymap = defaultKeymap();
  }

  /** Alt+Up / Alt+Down reorder, Alt+E disables or enables, Alt+Delete deletes. */
  public static Keymap defaultKeymap() {
    return new Keymap()
        .bind(MOVE_UP, new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN))
        .bind(MOVE_DOWN, new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN))
        .bind(TOGGLE, new KeyCodeCombination(KeyCode.E, KeyCombination.ALT_DOWN))
        .bind(DELETE, new KeyCodeCombination(KeyCode.DELETE, KeyCombination.ALT_DOWN));
  }

  @Override
  public RulesView view() {
    return view;
  }

  @Override
  public Keymap keymap() {
    return keymap;
  }

  @Override
  public boolean perform(String action) {
    return view.perform(action);
  }

  /**
   * Reads the versions the first time; later showings keep the draft as it was left and read again
   * which rule set is in force.
   */
  @Override
  public void shown() {
    if (!loaded) {
      loaded = true;
      model.load();
    } else {
      model.refreshInForce();
    }
  }

  @Override
  public boolean hasUnsavedWork() {
    return model.hasUnsavedWork();
  }

  /** A draft cannot be stored without publishing: asks whether to discard it. */
  @Override
  public void saveThen(Runnable next) {
    if (!model.hasUnsavedWork() || view.confirmDiscard()) {
      model.dirtyProperty().set(false);
      next.run();
    }
  }

  public RulesViewModel model() {
    return model;
  }

  @Override
  public void close() {
    model.close(); // the shared executor belongs to the shell
  }
}
