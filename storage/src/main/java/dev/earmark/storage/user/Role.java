package dev.earmark.storage.user;

import dev.earmark.storage.PermissionDeniedException;
import java.util.Locale;

/** What a user may do. A user can hold several roles. */
public enum Role {
  /** Labels assigned clips, blind to other annotators' labels. */
  ANNOTATOR,
  /** Resolves disputes with a reason code. */
  ADJUDICATOR,
  /** Owns rubrics, rule sets and policy; imports, assigns and exports. */
  LEAD;

  /** The lower-case name stored in the database and used on the command line. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromCode(String code) {
    for (Role role : values()) {
      if (role.code().equals(code)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + code + "': use annotator, adjudicator or lead");
  }

  /**
   * The refusal for {@code userId} about to do {@code action} without any of the {@code allowed}
   * roles, e.g. "ann-1 cannot export a batch: that needs the lead role". It lives beside the roles
   * it names so that the storage root's exceptions depend on no feature package.
   */
  public static PermissionDeniedException refusal(String userId, String action, Role... allowed) {
    StringBuilder needed = new StringBuilder();
    for (int i = 0; i < allowed.length; i++) {
      needed.append(i == 0 ? "" : i == allowed.length - 1 ? " or " : ", ");
      needed.append(allowed[i].code());
    }
    return new PermissionDeniedException(
        userId + " cannot " + action + ": that needs the " + needed + " role");
  }
}
