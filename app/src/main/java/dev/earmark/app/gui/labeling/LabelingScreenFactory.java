package dev.earmark.app.gui.labeling;

import dev.earmark.app.gui.Keymap;
import dev.earmark.app.gui.shell.ScreenFactory;
import dev.earmark.app.gui.shell.WorkbenchContext;
import dev.earmark.app.gui.shell.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** The labeling screen in the shell: for annotators, on their own queue. */
public final class LabelingScreenFactory implements ScreenFactory {
  @Override
  public String id() {
    return "label";
  }

  @Override
  public String title() {
    return "Label";
  }

  @Override
  public boolean availableTo(Set<Role> roles) {
    return roles.contains(Role.ANNOTATOR);
  }

  @Override
  public WorkbenchScreen create(WorkbenchContext context) {
    return new LabelingScreen(
        new LabelingService(context.project(), context.userId()),
        context.cacheDirectory(),
        context.clock(),
        context.theme(),
        Optional.of(Keymap.keysFile(System.getenv(), Path.of(System.getProperty("user.home")))));
  }
}
