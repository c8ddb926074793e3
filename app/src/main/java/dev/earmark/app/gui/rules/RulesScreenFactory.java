package dev.earmark.app.gui.rules;

import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.util.Set;

/**
 * The rule editor in the shell: leads edit and publish; adjudicators may open it to read the rules,
 * try the preview and see the policy diff, but not publish.
 */
public final class RulesScreenFactory implements ScreenFactory {
  @Override
  public String id() {
    return "rules";
  }

  @Override
  public String title() {
    return "Rules";
  }

  @Override
  public boolean availableTo(Set<Role> roles) {
    return roles.contains(Role.LEAD) || roles.contains(Role.ADJUDICATOR);
  }

  @Override
  public WorkbenchScreen create(WorkbenchContext context) {
    return new RulesScreen(
        new RulesService(context.project(), context.userId()), context.executor());
  }
}
