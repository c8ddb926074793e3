package dev.earmark.app.gui.assign;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;

/** Wires the Assign screen for one window. Used on the JavaFX thread. */
public final class AssignScreen implements WorkbenchScreen {
  private final AssignViewModel model;
  private final AssignView view;
  private final Keymap keymap = new Keymap();

  public AssignScreen(WorkbenchContext context) {
    this.model =
        new AssignViewModel(
            new AssignService(context.project(), context.userId()), context.executor());
    this.view = new AssignView(model);
  }

  @Override
  public AssignView view() {
    return view;
  }

  @Override
  public Keymap keymap() {
    return keymap;
  }

  @Override
  public boolean perform(String action) {
    return false;
  }

  /** Re-reads the annotators each time: a lead may have added one on the Team screen. */
  @Override
  public void shown() {
    model.loadAnnotators();
  }

  public AssignViewModel model() {
    return model;
  }

  @Override
  public void close() {}
}
