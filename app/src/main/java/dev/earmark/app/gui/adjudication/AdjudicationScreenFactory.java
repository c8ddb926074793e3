package dev.earmark.app.gui.adjudication;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** The adjudication screen in the shell: for adjudicators and leads (storage checks again). */
public final class AdjudicationScreenFactory implements ScreenFactory {
  @Override
  public String id() {
    return "adjudicate";
  }

  @Override
  public String title() {
    return "Adjudicate";
  }

  @Override
  public boolean availableTo(Set<Role> roles) {
    return roles.contains(Role.ADJUDICATOR) || roles.contains(Role.LEAD);
  }

  @Override
  public WorkbenchScreen create(WorkbenchContext context) {
    return new AdjudicationScreen(
        context,
        Optional.of(Keymap.keysFile(System.getenv(), Path.of(System.getProperty("user.home")))));
  }
}
