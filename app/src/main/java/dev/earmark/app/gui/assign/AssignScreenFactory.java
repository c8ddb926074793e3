package dev.earmark.app.gui.assign;

import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.util.Set;

/** The Assign screen in the shell: for leads only (storage checks again). */
public final class AssignScreenFactory implements ScreenFactory {
  @Override
  public String id() {
    return "assign";
  }

  @Override
  public String title() {
    return "Assign";
  }

  @Override
  public boolean availableTo(Set<Role> roles) {
    return roles.contains(Role.LEAD);
  }

  @Override
  public WorkbenchScreen create(WorkbenchContext context) {
    return new AssignScreen(context);
  }
}
