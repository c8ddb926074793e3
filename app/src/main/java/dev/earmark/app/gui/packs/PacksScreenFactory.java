package dev.earmark.app.gui.packs;

import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.util.Set;

/**
 * The Packs screen: leads export assignment packs and import label packs; annotators export their
 * labels from a working project (storage checks again).
 */
public final class PacksScreenFactory implements ScreenFactory {
  @Override
  public String id() {
    return "packs";
  }

  @Override
  public String title() {
    return "Packs";
  }

  @Override
  public boolean availableTo(Set<Role> roles) {
    return roles.contains(Role.LEAD) || roles.contains(Role.ANNOTATOR);
  }

  @Override
  public WorkbenchScreen create(WorkbenchContext context) {
    return new PacksScreen(context);
  }
}
