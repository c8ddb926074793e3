package dev.earmark.storage.access;

import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.util.EnumSet;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The one role check of the storage services. An {@link Actor} is a plain record any caller can
 * build, so its roles are a claim: every write and every read of labels, drafts, gold answers and
 * dispute evidence counts only the claimed roles that the project's {@code user_roles} table
 * confirms (a forged {@code new Actor("ann-1", {LEAD})} is refused). Who the actor <em>is</em> is
 * proved before a service is called: by the OS account in an embedded project ({@code
 * dev.earmark.storage.identity}) and by the database login in team mode. Stateless and thread-safe.
 */
public final class Access {
  private Access() {}

  /**
   * The claimed roles of {@code actor} that the user table grants, read in the transaction of
   * {@code handle}; empty for an actor who is not a user of the project or whose user a lead has
   * deactivated (a deactivated user cannot act).
   */
  public static Set<Role> verifiedRoles(Handle handle, Actor actor) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    handle
        .createQuery(
            "SELECT r.role FROM user_roles r JOIN users u ON u.id = r.user_id"
                + " WHERE r.user_id = :id AND u.deactivated_at IS NULL")
        .bind("id", actor.userId())
        .mapTo(String.class)
        .forEach(
            code -> {
              Role role = Role.fromCode(code);
              if (actor.has(role)) {
                roles.add(role);
              }
            });
    return roles;
  }

  /**
   * Refuses unless {@code actor} verifiably holds one of {@code allowed}; returns the verified
   * roles.
   *
   * @param action what the caller was about to do, as the user would say it ("read disputes")
   */
  public static Set<Role> require(Handle handle, Actor actor, String action, Role... allowed) {
    Set<Role> roles = verifiedRoles(handle, actor);
    for (Role role : allowed) {
      if (roles.contains(role)) {
        return roles;
      }
    }
    throw Role.refusal(actor.userId(), action, allowed);
  }

  /**
   * {@link #require(Handle, Actor, String, Role...)} in a handle of its own, for services that
   * check before they start work (an import, an export, a QE run).
   */
  public static Set<Role> require(Project project, Actor actor, String action, Role... allowed) {
    return project.jdbi().withHandle(handle -> require(handle, actor, action, allowed));
  }
}
