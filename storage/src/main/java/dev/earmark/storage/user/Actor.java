package dev.earmark.storage.user;

import java.util.EnumSet;
import java.util.Set;

/**
 * The user on whose behalf a storage call runs, and the roles the caller claims for them. Every
 * service method takes one and names it in the audit events it writes; the roles are only a claim
 * (anyone can build this record), so services check them against the user table with {@code
 * dev.earmark.storage.access.Access} and never trust {@link #has} alone. Immutable and thread-safe.
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
}
