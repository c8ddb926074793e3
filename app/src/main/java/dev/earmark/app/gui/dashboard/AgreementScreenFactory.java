package dev.earmark.app.gui.dashboard;

import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.util.Set;

/**
 * The agreement dashboard in the shell's navigation: for leads (storage refuses anyone else, so
 * annotators never reach other annotators' labels through it).
 */
public final class AgreementScreenFactory implements ScreenFactory {
  @Override
  public String id() {
    return "agreement";
  }

  @Override
  public String title() {
    return "Agreement";
  }

  @Override
  public boolean availableTo(Set<Role> roles) {
    return roles.contains(Role.LEAD);
  }

  @Override
  public WorkbenchScreen create(WorkbenchContext context) {
    return new AgreementScreen(context);
  }
}
