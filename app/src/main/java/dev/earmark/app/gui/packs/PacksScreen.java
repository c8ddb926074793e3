package dev.earmark.app.gui.packs;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;

/** Wires the Packs screen for one window. Used on the JavaFX thread. */
public final class PacksScreen implements WorkbenchScreen {
  private final PacksViewModel model;
  private final PacksView view;
  private final Keymap keymap = new Keymap();

  public PacksScreen(WorkbenchContext context) {
    Path packs =
        context.project().directory().map(dir -> dir.resolve("packs")).orElse(Path.of("packs"));
    this.model =
        new PacksViewModel(
            new PacksService(context.project(), context.userId()),
            context.executor(),
            context.userId(),
            context.roles().contains(Role.LEAD),
            packs);
    this.view = new PacksView(model);
  }

  @Override
  public PacksView view() {
    return view;
  }

  @Override
  public Keymap keymap() {
    return keymap;
  }

  @Override
  public boolean perform(String action) {
    return false;
  }

  @Override
  public void shown() {
    model.load();
  }

  public PacksViewModel model() {
    return model;
  }

  @Override
  public void close() {}
}
