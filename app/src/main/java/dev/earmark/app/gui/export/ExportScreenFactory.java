package dev.earmark.app.gui.export;

import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.util.Set;

/** The Export wizard in the shell: for leads only (storage checks again). */
public final class ExportScreenFactory implements ScreenFactory {
  @Override
  public String id() {
    return "export";
  }

  @Override
  public String title() {
    return "Export";
  }

  @Override
  public boolean availableTo(Set<Role> roles) {
    return roles.contains(Role.LEAD);
  }

  @Override
  public WorkbenchScreen create(WorkbenchContext context) {
    return new ExportScreen(context);
  }
}
