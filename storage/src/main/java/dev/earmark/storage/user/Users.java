package dev.earmark.storage.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.audit.AuditLog;
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
 * The project's users and roles. Only a lead may add users or change roles, except that the first
 * user of a new project may be added by anyone (someone has to be the first lead). Thread-safe.
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
          audit.append(handle, by, "user.add", "user", id, null, describe(user));
          return user;
        });
  }

  /** The user with {@code id}, if any. */
  public Optional<User> find(String id) {
    return jdbi.withHandle(handle -> find(handle, id));
  }

  /**
   * The actor for {@code id}; an unknown user is an error that names no other user (the list of
   * users is not for whoever types a wrong name).
   */
  public Actor actor(String id) {
    return find(id)
        .map(User::asActor)
        .orElseThrow(
            () ->
                new StorageException(
                    "no user '" + id + "' in this project; ask the project's lead to add you"));
  }

  /** All users, by id. */
  public List<User> list() {
    return jdbi.withHandle(
        handle -> {
          Map<String, String> names = new LinkedHashMap<>();
          handle
              .createQuery("SELECT id, display_name FROM users ORDER BY id")
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
              .forEach(entry -> names.put(entry.getKey(), entry.getValue()));
          List<User> users = new ArrayList<>();
          for (Map.Entry<String, String> entry : names.entrySet()) {
            users.add(new User(entry.getKey(), entry.getValue(), rolesOf(handle, entry.getKey())));
          }
          return users;
        });
  }

  /** Refuses unless the user table confirms {@code by} as a lead (not just {@code by}'s claim). */
  static void verifyLead(Handle handle, Actor by, String action) {
    if (!by.has(Role.LEAD) || !rolesOf(handle, by.userId()).contains(Role.LEAD)) {
      throw PermissionDeniedException.lacking(by.userId(), action, Role.LEAD);
    }
  }

  private static Optional<User> find(Handle handle, String id) {
    return handle
        .createQuery("SELECT display_name FROM users WHERE id = :id")
        .bind("id", id)
        .mapTo(String.class)
        .findOne()
        .map(name -> new User(id, name, rolesOf(handle, id)));
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
    return node;
  }
}
