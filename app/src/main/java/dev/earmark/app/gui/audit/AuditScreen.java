package dev.earmark.app.gui.audit;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.audit.trail.AuditTrail;

/** Wires the audit log for one window. Used on the JavaFX thread. */
public final class AuditScreen implements WorkbenchScreen {
  private final AuditViewModel model;
  private final AuditView view;
  private final Keymap keymap = new Keymap();

  public AuditScreen(WorkbenchContext context) {
    this.model =
        new AuditViewModel(
            new AuditTrail(context.project()),
            () -> context.project().users().actor(context.userId()),
            context.executor());
    this.view = new AuditView(model);
  }

  @Override
  public AuditView view() {
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

  /** Re-reads the log each time it comes to the front: every other screen appends to it. */
  @Override
  public void shown() {
    model.load();
  }

  public AuditViewModel model() {
    return model;
  }

  @Override
  public void close() {}
}
