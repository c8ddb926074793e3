package dev.earmark.storage.user;

import dev.earmark.storage.PermissionDeniedException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The user on whose behalf a storage call runs. Every service method takes one, checks its roles,
 * and names it in the audit events it writes. Immutable and thread-safe.
 */
public record Actor(String userId, Set<Role> roles) {
  public Actor {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("an actor needs a user id");
    }
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /** The built-in actor for maintenance done by Earmark itself (migrations, repairs). */
  public static Actor system() {
    return new Actor("earmark", EnumSet.allOf(Role.class));
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /**
   * Refuses unless the actor holds one of {@code allowed}.
   *
   * @param action what the caller was about to do, as the user would say it ("publish a rule set")
   */
  public void require(String action, Role... allowed) {
    for (Role role : allowed) {
      if (roles.contains(role)) {
        return;
      }
    }
    StringBuilder needed = new StringBuilder();
    for (int i = 0; i < allowed.length; i++) {
      needed.append(i == 0 ? "" : i == allowed.length - 1 ? " or " : ", ");
      needed.append(allowed[i].code());
    }
    throw new PermissionDeniedException(
        userId + " cannot " + action + ": that needs the " + needed + " role");
  }
}
