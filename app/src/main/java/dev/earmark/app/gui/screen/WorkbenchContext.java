package dev.earmark.app.gui.screen;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a screen is given by the shell: the open project and who is acting in it.
 *
 * @param project the open project (its services block: call them through {@code executor})
 * @param projectTitle the project's short name for headers
 * @param userId the acting user
 * @param roles the acting user's roles as the project's user table records them (storage checks
 *     them again on every call; the shell uses them only to choose which screens to show)
 * @param cacheDirectory where screens may keep derived files (peak pyramids, playback copies)
 * @param clock the wall clock
 * @param theme the window's theme
 * @param executor the shared background executor for database and audio work
 * @param navigator brings another screen to the front by its {@link ScreenFactory#id()}
 */
public record WorkbenchContext(
    Project project,
    String projectTitle,
    String userId,
    Set<Role> roles,
    Path cacheDirectory,
    Clock clock,
    Theme theme,
    BackgroundExecutor executor,
    Consumer<String> navigator) {

  public WorkbenchContext {
    roles = Set.copyOf(roles);
  }

  /** Brings the screen {@code screenId} to the front, if the user may open it. */
  public void show(String screenId) {
    navigator.accept(screenId);
  }
}
