package dev.earmark.app.gui.team;

import dev.earmark.storage.user.Role;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One row of the team table.
 *
 * @param osAccount the OS account mapped to the user, or "" when none is
 */
public record TeamMember(
    String id, String displayName, Set<Role> roles, String osAccount, boolean active) {
  public TeamMember {
    roles = Set.copyOf(roles);
  }

  /** The roles as {@code earmark users list} names them, e.g. "adjudicator, lead". */
  public String roleNames() {
    return roles.stream().sorted().map(Role::code).collect(Collectors.joining(", "));
  }

  /** "active" or "deactivated". */
  public String state() {
    return (active ? "active" : "deactivated").toLowerCase(Locale.ROOT);
  }
}
