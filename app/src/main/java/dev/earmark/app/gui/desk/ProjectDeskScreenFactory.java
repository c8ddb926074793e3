package dev.earmark.app.gui.desk;

import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.util.Set;

/** The lead's Project screen: status, team, policy and settings. Leads only. */
public final class ProjectDeskScreenFactory implements ScreenFactory {
  @Override
  public String id() {
    return "project";
  }

  @Override
  public String title() {
    return "Project";
  }

  @Override
  public boolean availableTo(Set<Role> roles) {
    return roles.contains(Role.LEAD);
  }

  @Override
  public WorkbenchScreen create(WorkbenchContext context) {
    return new ProjectDeskScreen(context);
  }
}
