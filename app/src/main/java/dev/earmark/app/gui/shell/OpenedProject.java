package dev.earmark.app.gui.shell;

import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.identity.OsAccount;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A project opened for the shell, with what the shell needs to know of it up front: who is acting
 * and with which roles, and, in a training sandbox only, who else could act (the "Act as" menu).
 * Built off the JavaFX thread by {@link #open}, since opening runs migrations and reads the user
 * table.
 *
 * @param roles the acting user's roles, as the user table grants them
 * @param users the users "Act as" offers: every user in a training sandbox (the demo), none in a
 *     real project, where the OS account decides who acts
 */
record OpenedProject(
    Project project,
    Path directory,
    String userId,
    Set<Role> roles,
    List<User> users,
    boolean sandbox,
    OsAccount osAccount) {

  /**
   * Opens the embedded project in {@code directory} as the user the OS account is mapped to;
   * blocks. {@code userId} is a claim honoured only when it is that user, or in a sandbox; the OS
   * login's own name is no claim (it is the default of every window).
   */
  static OpenedProject open(Path directory, String userId, OsAccount osAccount, Clock clock) {
    Project project = Project.openEmbedded(directory, false, clock);
    try {
      Optional<String> claim =
          userId == null || userId.equals(osAccount.name())
              ? Optional.empty()
              : Optional.of(userId);
      return signIn(project, directory, claim, osAccount);
    } catch (RuntimeException e) {
      project.close();
      throw e;
    }
  }

  /** The same project with {@code userId} acting (a training sandbox only); blocks. */
  OpenedProject actingAs(String otherUserId) {
    return signIn(project, directory, Optional.of(otherUserId), osAccount);
  }

  private static OpenedProject signIn(
      Project project, Path directory, Optional<String> claim, OsAccount osAccount) {
    Identities identities = new Identities(project);
    boolean sandbox = identities.sandbox();
    if (sandbox && claim.isPresent() && project.users().find(claim.get()).isEmpty()) {
      // A stranger in the demo: no roles, and the users they may act as.
      return new OpenedProject(
          project, directory, claim.get(), Set.of(), project.users().list(), true, osAccount);
    }
    Actor actor = identities.signIn(osAccount, claim);
    return new OpenedProject(
        project,
        directory,
        actor.userId(),
        actor.roles(),
        sandbox ? project.users().list() : List.of(),
        sandbox,
        osAccount);
  }

  /** The project's short name for headers: its folder's name. */
  String title() {
    Path name = directory.getFileName();
    return name == null ? directory.toString() : name.toString();
  }
}
