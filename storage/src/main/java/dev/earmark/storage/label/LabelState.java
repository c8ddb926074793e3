package dev.earmark.storage.label;

import java.util.Locale;

/** A label is a draft (autosaved, still being worked on) until its annotator submits it. */
public enum LabelState {
  DRAFT,
  SUBMITTED;

  /** The lower-case name stored in the database. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LabelState fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
