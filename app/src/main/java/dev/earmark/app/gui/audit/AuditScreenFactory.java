package dev.earmark.app.gui.audit;

import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.util.Set;

/** The audit log in the shell: for leads only (storage checks again). */
public final class AuditScreenFactory implements ScreenFactory {
  @Override
  public String id() {
    return "audit";
  }

  @Override
  public String title() {
    return "Audit";
  }

  @Override
  public boolean availableTo(Set<Role> roles) {
    return roles.contains(Role.LEAD);
  }

  @Override
  public WorkbenchScreen create(WorkbenchContext context) {
    return new AuditScreen(context);
  }
}
