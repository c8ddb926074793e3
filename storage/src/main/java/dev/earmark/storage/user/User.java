package dev.earmark.storage.user;

import java.util.Set;

/**
 * A person who works in the project, with the roles that gate what they may do. Users are never
 * deleted (audit events and labels keep naming them); a lead deactivates one instead, and a
 * deactivated user gets no new work and cannot act.
 *
 * @param active false once a lead has deactivated the user
 */
public record User(String id, String displayName, Set<Role> roles, boolean active) {
  public User {
    roles = Set.copyOf(roles);
  }

  /** An active user. */
  public User(String id, String displayName, Set<Role> roles) {
    this(id, displayName, roles, true);
  }

  /** This user as the actor of storage calls. */
  public Actor asActor() {
    return new Actor(id, roles);
  }
}
