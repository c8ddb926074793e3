package dev.earmark.app.gui.labeling;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.qe.QeHintPanel;
import dev.earmark.app.gui.qe.QeHintReader;
import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The labeling screen in the shell: for annotators, on their own queue, with the clip's QE hint in
 * its header when the lead lets annotators see hints.
 */
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
    LabelingScreen screen =
        new LabelingScreen(
            new LabelingService(context.project(), context.userId()),
            context.cacheDirectory(),
            context.clock(),
            context.theme(),
            Optional.of(
                Keymap.keysFile(System.getenv(), Path.of(System.getProperty("user.home")))));
    showQeHints(
        screen,
        new QeHintPanel(new QeHintReader(context.project(), context.userId()), context.executor()));
    return screen;
  }

  /**
   * Puts the QE hint of each clip in the header slot, only while the lead lets annotators see hints
   * ({@code qe_hints_visible_to_annotators}; storage enforces it too, so a hidden hint is never
   * even read for an annotator).
   */
  static void showQeHints(LabelingScreen screen, QeHintPanel panel) {
    screen.view().qeHintSlot().getChildren().setAll(panel);
    screen
        .model()
        .currentProperty()
        .addListener(
            (obs, old, clip) -> {
              if (clip == null || !clip.qeHintsVisible()) {
                panel.clear();
              } else {
                panel.show(clip.item().clipId());
              }
            });
  }
}
