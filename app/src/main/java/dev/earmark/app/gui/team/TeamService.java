package dev.earmark.app.gui.team;

import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.RoleChange;
import dev.earmark.storage.user.User;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The team tab's storage calls on behalf of the acting user: the same {@code Users} and {@code
 * Identities} calls as {@code earmark users add|list|role|deactivate|reactivate|map}. Storage
 * checks the lead role and writes the audit event on every change. Every method blocks on the
 * database: call it through the background executor. Thread-safe.
 */
public final class TeamService {
  private final Project project;
  private final String userId;
  private final Identities identities;

  public TeamService(Project project, String userId) {
    this.project = project;
    this.userId = userId;
    this.identities = new Identities(project);
  }

  /** Every user, active and deactivated, with the OS account mapped to each (leads only). */
  public List<TeamMember> roster() {
    return project.users().roster(actor()).stream().map(this::member).toList();
  }

  /**
   * Whether identity is an OS account here (an embedded project); a team project proves identity by
   * database login, so it maps no OS accounts (as {@code users add --os-account} refuses there).
   */
  public boolean mapsOsAccounts() {
    return project.directory().isPresent();
  }

  /**
   * Adds a user, as {@code earmark users add ID --role … --name … [--os-account …]} does.
   *
   * @param osAccount the OS account to map, or blank for none
   */
  public TeamMember add(String id, String displayName, Set<Role> roles, String osAccount) {
    Actor actor = actor();
    String display = displayName == null || displayName.isBlank() ? id : displayName.strip();
    User user = project.users().add(actor, id == null ? "" : id.strip(), display, roles);
    if (osAccount != null && !osAccount.isBlank()) {
      identities.mapOsAccount(actor, user.id(), osAccount);
    }
    return member(user);
  }

  /** Gives {@code id} exactly {@code wanted}, as {@code earmark users role} with --add/--remove. */
  public RoleChange setRoles(String id, Set<Role> wanted) {
    Set<Role> current =
        project.users().find(id).map(User::roles).orElse(EnumSet.noneOf(Role.class));
    Set<Role> add = EnumSet.noneOf(Role.class);
    add.addAll(wanted);
    add.removeAll(current);
    Set<Role> remove = EnumSet.noneOf(Role.class);
    remove.addAll(current);
    remove.removeAll(wanted);
    return project.users().changeRoles(actor(), id, add, remove);
  }

  /** Deactivates or reactivates {@code id}; false when it already was. */
  public boolean setActive(String id, boolean active) {
    return active
        ? project.users().reactivate(actor(), id)
        : project.users().deactivate(actor(), id);
  }

  /** Maps {@code osAccount} to {@code id}, as {@code earmark users map} does. */
  public void mapOsAccount(String id, String osAccount) {
    identities.mapOsAccount(actor(), id, osAccount);
  }

  private TeamMember member(User user) {
    return new TeamMember(
        user.id(),
        user.displayName(),
        user.roles(),
        mapsOsAccounts() ? identities.osAccountOf(user.id()).orElse("") : "",
        user.active());
  }

  private Actor actor() {
    return project.users().actor(userId);
  }
}
