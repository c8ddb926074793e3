package dev.earmark.storage.clip;

import java.util.Locale;

/**
 * Where an imported clip stands: usable, quarantined (bad audio) or excluded (consent, retention).
 */
public enum ClipStatus {
  ACTIVE,
  QUARANTINED,
  EXCLUDED;

  /** The lower-case name stored in the database. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status stored as {@code code}. */
  public static ClipStatus fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
