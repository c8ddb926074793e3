package dev.earmark.storage.user;

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
}
