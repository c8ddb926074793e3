package dev.earmark.storage.team;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.RoleChange;
import dev.earmark.storage.user.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The project's users and roles. Only a lead may add users, change roles or deactivate users,
 * except that the first user of a new project may be added by anyone (someone has to be the first
 * lead). Users are never deleted: a deactivated user stays in the audit trail and on their labels,
 * but {@link #actor} refuses them (they cannot act) and assignments refuse them (they get no new
 * work). A project always keeps at least one active lead. Every change writes one audit event; a
 * call that changes nothing writes none. In team mode a role change, deactivation or reactivation
 * also moves the user's own PostgreSQL logins in or out of the project's group roles in the same
 * transaction, so the database's permissions follow at once. Thread-safe.
 */
public final class Users {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public Users(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** Adds a user; refused unless {@code by} is a lead or the project has no users yet. */
  public User add(Actor by, String id, String displayName, Set<Role> roles) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new StorageException(
          "'" + id + "' is not a usable user id: use letters, digits, '.', '_' or '-'");
    }
    if (roles.isEmpty()) {
      throw new StorageException("user " + id + " needs at least one role");
    }
    return jdbi.inTransaction(
        handle -> {
          long existing = handle.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one();
          if (existing > 0) {
            verifyLead(handle, by, "add users");
          }
          if (find(handle, id).isPresent()) {
            throw new StorageException("user " + id + " already exists");
          }
          handle
              .createUpdate(
                  "INSERT INTO users (id, display_name, created_at) VALUES (:id, :name, :at)")
              .bind("id", id)
              .bind("name", displayName)
              .bind("at", StoredTime.now(clock))
              .execute();
          for (Role role : EnumSet.copyOf(roles)) {
            handle
                .createUpdate("INSERT INTO user_roles (user_id, role) VALUES (:id, :role)")
                .bind("id", id)
                .bind("role", role.code())
                .execute();
          }
          User user = new User(id, displayName, roles);
          audit.append(handle, by, AuditAction.USER_ADD.created(id, describe(user)));
          return user;
        });
  }

  /** The user with {@code id}, if any. */
  public Optional<User> find(String id) {
    return jdbi.withHandle(handle -> find(handle, id));
  }

  /**
   * The actor for {@code id}; an unknown user is an error that names no other user (the list of
   * users is not for whoever types a wrong name), and a deactivated user is refused (they cannot
   * act until a lead reactivates them).
   */
  public Actor actor(String id) {
    User user =
        find(id)
            .orElseThrow(
                () ->
                    new StorageException(
                        "no user '" + id + "' in this project; ask the project's lead to add you"));
    if (!user.active()) {
      throw new PermissionDeniedException(
          id + " is deactivated in this project and cannot act; a lead can reactivate them");
    }
    return user.asActor();
  }

  /** All users, active and deactivated, for a lead (the user-management view). */
  public List<User> roster(Actor by) {
    return jdbi.withHandle(
        handle -> {
          verifyLead(handle, by, "list the project's users");
          return list(handle);
        });
  }

  /**
   * Adds and removes roles of user {@code id} (lead only). A user keeps at least one role, and the
   * project keeps at least one active lead. Adding a role the user holds or removing one they do
   * not hold is not a change.
   *
   * @return the user as it is after the call
   */
  public RoleChange changeRoles(Actor by, String id, Set<Role> add, Set<Role> remove) {
    Set<Role> both = EnumSet.noneOf(Role.class);
    both.addAll(add);
    both.retainAll(remove);
    if (!both.isEmpty()) {
      throw new StorageException(
          "a role cannot be both added and removed: "
              + String.join(", ", both.stream().map(Role::code).toList()));
    }
    return jdbi.inTransaction(
        handle -> {
          verifyLead(handle, by, "change users' roles");
          User before = existing(handle, id);
          Set<Role> after = EnumSet.noneOf(Role.class);
          after.addAll(before.roles());
          after.addAll(add);
          after.removeAll(remove);
          if (after.equals(before.roles())) {
            return new RoleChange(before, before, false);
          }
          if (after.isEmpty()) {
            throw new StorageException(
                "user " + id + " needs at least one role; deactivate them instead of removing all");
          }
          if (before.roles().contains(Role.LEAD)
              && !after.contains(Role.LEAD)
              && before.active()
              && activeLeads(handle) <= 1) {
            throw new StorageException(
                id + " is the project's only active lead; give another user the lead role first");
          }
          for (Role role : add) {
            if (!before.roles().contains(role)) {
              handle
                  .createUpdate("INSERT INTO user_roles (user_id, role) VALUES (:id, :role)")
                  .bind("id", id)
                  .bind("role", role.code())
                  .execute();
            }
          }
          for (Role role : remove) {
            handle
                .createUpdate("DELETE FROM user_roles WHERE user_id = :id AND role = :role")
                .bind("id", id)
                .bind("role", role.code())
                .execute();
          }
          User changed = new User(id, before.displayName(), after, before.active());
          audit.append(
              handle, by, AuditAction.USER_ROLES.changed(id, describe(before), describe(changed)));
          DatabaseGroups.follow(handle, changed); // team mode: the login's groups change now
          return new RoleChange(before, changed, true);
        });
  }

  /**
   * Deactivates user {@code id} (lead only): they keep their labels and audit trail, get no new
   * assignments and cannot act. The project's last active lead cannot be deactivated.
   *
   * @return whether this call changed anything (false when the user was already deactivated)
   */
  public boolean deactivate(Actor by, String id) {
    return jdbi.inTransaction(
        handle -> {
          verifyLead(handle, by, "deactivate users");
          User before = existing(handle, id);
          if (!before.active()) {
            return false;
          }
          if (before.roles().contains(Role.LEAD) && activeLeads(handle) <= 1) {
            throw new StorageException(
                id
                    + " is the project's only active lead and cannot be deactivated; give another"
                    + " user the lead role first");
          }
          setActive(handle, by, before, false);
          return true;
        });
  }

  /**
   * Reactivates a deactivated user (lead only).
   *
   * @return whether this call changed anything (false when the user was active)
   */
  public boolean reactivate(Actor by, String id) {
    return jdbi.inTransaction(
        handle -> {
          verifyLead(handle, by, "reactivate users");
          User before = existing(handle, id);
          if (before.active()) {
            return false;
          }
          setActive(handle, by, before, true);
          return true;
        });
  }

  private void setActive(Handle handle, Actor by, User before, boolean active) {
    if (active) {
      handle
          .createUpdate("UPDATE users SET deactivated_at = NULL WHERE id = :id")
          .bind("id", before.id())
          .execute();
    } else {
      handle
          .createUpdate("UPDATE users SET deactivated_at = :at WHERE id = :id")
          .bind("at", StoredTime.now(clock))
          .bind("id", before.id())
          .execute();
    }
    User after = new User(before.id(), before.displayName(), before.roles(), active);
    audit.append(
        handle,
        by,
        (active ? AuditAction.USER_REACTIVATE : AuditAction.USER_DEACTIVATE)
            .changed(before.id(), describe(before), describe(after)));
    DatabaseGroups.follow(handle, after); // team mode: a deactivated login keeps no group
  }

  /**
   * Refuses unless {@code by} is an active user of the project who holds the lead role in the user
   * table (an {@link Actor} is a record anyone can build, so its claimed roles are not enough).
   */
  static void verifyLead(Handle handle, Actor by, String action) {
    Optional<User> user = find(handle, by.userId());
    if (user.isPresent() && !user.get().active()) {
      throw new PermissionDeniedException(
          by.userId() + " is deactivated in this project and cannot " + action);
    }
    if (!by.has(Role.LEAD) || user.isEmpty() || !user.get().roles().contains(Role.LEAD)) {
      throw Role.refusal(by.userId(), action, Role.LEAD);
    }
  }

  /** The user {@code id} a lead acts on; the lead may see who the known users are. */
  private User existing(Handle handle, String id) {
    return find(handle, id)
        .orElseThrow(
            () ->
                new StorageException(
                    "no user '"
                        + id
                        + "' in this project; known users: "
                        + String.join(", ", list(handle).stream().map(User::id).toList())));
  }

  private static long activeLeads(Handle handle) {
    return handle
        .createQuery(
            "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id"
                + " WHERE r.role = 'lead' AND u.deactivated_at IS NULL")
        .mapTo(Long.class)
        .one();
  }

  /** All users, active and deactivated, by id. */
  public List<User> list() {
    return jdbi.withHandle(handle -> list(handle));
  }

  private static List<User> list(Handle handle) {
    Map<String, Map.Entry<String, Boolean>> rows = new LinkedHashMap<>();
    handle
        .createQuery("SELECT id, display_name, deactivated_at IS NULL FROM users ORDER BY id")
        .map((rs, ctx) -> Map.entry(rs.getString(1), Map.entry(rs.getString(2), rs.getBoolean(3))))
        .forEach(entry -> rows.put(entry.getKey(), entry.getValue()));
    List<User> users = new ArrayList<>();
    for (Map.Entry<String, Map.Entry<String, Boolean>> row : rows.entrySet()) {
      users.add(
          new User(
              row.getKey(),
              row.getValue().getKey(),
              rolesOf(handle, row.getKey()),
              row.getValue().getValue()));
    }
    return users;
  }

  /**
   * The user with {@code id} read in the transaction of {@code handle}, active or not; for services
   * that decide on a user in their own transaction (assignments refuse deactivated annotators).
   */
  public static Optional<User> find(Handle handle, String id) {
    return handle
        .createQuery("SELECT display_name, deactivated_at IS NULL FROM users WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
        .findOne()
        .map(row -> new User(id, row.getKey(), rolesOf(handle, id), row.getValue()));
  }

  /**
   * The user {@code id}, read in the transaction of {@code handle}, refused unless they exist and
   * hold the annotator role (active or not: callers that give new work also refuse a deactivated
   * one). The message names only that user, since it may be read by someone who should not learn
   * who else is in the project.
   *
   * @param before what needs the annotator, as the refusal ends: "assigning clips to them"
   * @throws StorageException when the user is unknown or not an annotator
   */
  public static User requireAnnotator(Handle handle, String id, String before) {
    User user =
        find(handle, id)
            .orElseThrow(
                () ->
                    new StorageException(
                        id
                            + " is not a user of this project: add the user with the annotator"
                            + " role before "
                            + before));
    if (!user.roles().contains(Role.ANNOTATOR)) {
      throw new StorageException(
          id + " is not an annotator: give the user the annotator role before " + before);
    }
    return user;
  }

  private static Set<Role> rolesOf(Handle handle, String id) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    handle
        .createQuery("SELECT role FROM user_roles WHERE user_id = :id")
        .bind("id", id)
        .mapTo(String.class)
        .forEach(code -> roles.add(Role.fromCode(code)));
    return roles;
  }

  private static ObjectNode describe(User user) {
    ObjectNode node = AuditLog.json().createObjectNode();
    node.put("id", user.id());
    node.put("display_name", user.displayName());
    var roles = node.putArray("roles");
    user.roles().stream().sorted().forEach(role -> roles.add(role.code()));
    node.put("active", user.active());
    return node;
  }
}
