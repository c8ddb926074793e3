package dev.earmark.storage.pack;

import java.util.Locale;

/** The two kinds of offline pack: assignments going out to an annotator, labels coming back. */
public enum PackKind {
  /** One annotator's open assignments with clips, audio, policy and drafts. */
  ASSIGNMENT,
  /**
   * One annotator's labels (submitted, and drafts flagged as drafts) answering an assignment pack.
   */
  LABEL;

  /** The lower-case name written in {@code pack.json} and stored in the {@code packs} table. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code code}, if it is one. */
  static java.util.Optional<PackKind> fromCode(String code) {
    for (PackKind kind : values()) {
      if (kind.code().equals(code)) {
        return java.util.Optional.of(kind);
      }
    }
    return java.util.Optional.empty();
  }
}
