package dev.earmark.storage.adjudicate;

import java.util.Locale;

/** A dispute waits for a decision (open), has one (resolved) or was passed to the lead. */
public enum DisputeStatus {
  OPEN,
  RESOLVED,
  ESCALATED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DisputeStatus fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
