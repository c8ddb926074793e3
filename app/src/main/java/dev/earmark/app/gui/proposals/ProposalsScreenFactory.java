package dev.earmark.app.gui.proposals;

import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.util.Set;

/** The proposals list in the shell: for leads only (storage checks again). */
public final class ProposalsScreenFactory implements ScreenFactory {
  @Override
  public String id() {
    return "proposals";
  }

  @Override
  public String title() {
    return "Proposals";
  }

  @Override
  public boolean availableTo(Set<Role> roles) {
    return roles.contains(Role.LEAD);
  }

  @Override
  public WorkbenchScreen create(WorkbenchContext context) {
    return new ProposalsScreen(context);
  }
}
