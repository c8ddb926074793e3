package dev.earmark.app.gui.shell;

import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * A project opened for the shell, with what the shell needs to know of it up front: who is acting
 * and with which roles, and who else could act (for the "act as" menu). Built off the JavaFX thread
 * by {@link #open}, since opening runs migrations and reads the user table.
 *
 * @param roles the acting user's roles; empty when they are not a user of the project
 */
record OpenedProject(
    Project project, Path directory, String userId, Set<Role> roles, List<User> users) {

  /** Opens the embedded project in {@code directory} for {@code userId}; blocks. */
  static OpenedProject open(Path directory, String userId, Clock clock) {
    Project project = Project.openEmbedded(directory, false, clock);
    try {
      return forUser(project, directory, userId);
    } catch (RuntimeException e) {
      project.close();
      throw e;
    }
  }

  /** The same project with {@code userId} acting; blocks on the user table. */
  static OpenedProject forUser(Project project, Path directory, String userId) {
    Set<Role> roles = project.users().find(userId).map(User::roles).orElse(Set.of());
    return new OpenedProject(project, directory, userId, roles, project.users().list());
  }

  /** The project's short name for headers: its folder's name. */
  String title() {
    Path name = directory.getFileName();
    return name == null ? directory.toString() : name.toString();
  }
}
