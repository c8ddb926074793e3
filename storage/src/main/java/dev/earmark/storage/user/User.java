package dev.earmark.storage.user;

import java.util.Set;

/** A person who works in the project, with the roles that gate what they may do. */
public record User(String id, String displayName, Set<Role> roles) {
  public User {
    roles = Set.copyOf(roles);
  }

  /** This user as the actor of storage calls. */
  public Actor asActor() {
    return new Actor(id, roles);
  }
}
