package dev.earmark.storage.assign;

import java.util.Locale;

/** Where an assignment stands: not started, a draft saved, or its label submitted. */
public enum AssignmentState {
  PENDING,
  DRAFTED,
  SUBMITTED;

  /** The lower-case name stored in the database. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AssignmentState fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
