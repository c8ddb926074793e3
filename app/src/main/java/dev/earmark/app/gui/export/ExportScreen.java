package dev.earmark.app.gui.export;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import java.nio.file.Path;

/** Wires the Export wizard for one window. Used on the JavaFX thread. */
public final class ExportScreen implements WorkbenchScreen {
  private final ExportWizardModel model;
  private final ExportWizardView view;
  private final Keymap keymap = new Keymap();

  public ExportScreen(WorkbenchContext context) {
    Path exports =
        context.project().directory().map(dir -> dir.resolve("exports")).orElse(Path.of("exports"));
    this.model =
        new ExportWizardModel(
            new ExportService(context.project(), context.userId()), context.executor(), exports);
    this.view = new ExportWizardView(model, FolderOpener.desktop(context.executor()));
  }

  @Override
  public ExportWizardView view() {
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
  public void shown() {}

  public ExportWizardModel model() {
    return model;
  }

  @Override
  public void close() {}
}
