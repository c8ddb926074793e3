package dev.earmark.app.gui.listening;

import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.labeling.FxDebouncer;
import dev.earmark.app.gui.player.EngineAudioPlayer;
import dev.earmark.app.gui.screen.ScreenFactory;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The listening tests (MUSHRA, A/B preference) in the shell: for annotators, on their own sessions.
 */
public final class ListeningScreenFactory implements ScreenFactory {
  @Override
  public String id() {
    return "listen";
  }

  @Override
  public String title() {
    return "Listen";
  }

  @Override
  public boolean availableTo(Set<Role> roles) {
    return roles.contains(Role.ANNOTATOR);
  }

  @Override
  public WorkbenchScreen create(WorkbenchContext context) {
    return new ListeningScreen(
        new StoredListeningService(context.project(), context.userId(), context.clock()),
        new FxTaskExecutor(1),
        new FxDebouncer(),
        Optional.of(Keymap.keysFile(System.getenv(), Path.of(System.getProperty("user.home")))),
        EngineAudioPlayer::new);
  }
}
