package dev.earmark.app.gui.proposals;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;

/** Wires the proposals list for one window. Used on the JavaFX thread. */
public final class ProposalsScreen implements WorkbenchScreen {
  private final ProposalsViewModel model;
  private final ProposalsView view;
  private final Keymap keymap = new Keymap();

  public ProposalsScreen(WorkbenchContext context) {
    this.model =
        new ProposalsViewModel(
            new ProposalsService(context.project(), context.userId()), context.executor());
    this.view = new ProposalsView(model, () -> context.show("rules"));
  }

  @Override
  public ProposalsView view() {
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

  /** Re-reads the list each time it comes to the front: adjudicators file proposals meanwhile. */
  @Override
  public void shown() {
    model.load();
  }

  public ProposalsViewModel model() {
    return model;
  }

  @Override
  public void close() {}
}
