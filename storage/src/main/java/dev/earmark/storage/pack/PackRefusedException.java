package dev.earmark.storage.pack;

import dev.earmark.storage.StorageException;
import java.util.Locale;

/**
 * A pack was refused before anything was imported from it; the message is one sentence naming the
 * pack and the reason, and {@link #reason()} says which check it failed (the command line exits 1:
 * the data failed a check).
 */
public class PackRefusedException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** Why a pack is refused; {@link #code()} is the stable text used in JSON output and docs. */
  public enum Reason {
    /** The file is not a readable Earmark pack (not a zip, no pack.json, unknown format). */
    NOT_A_PACK,
    /** An entry or the manifest does not match its checksum, or entries were added or removed. */
    TAMPERED,
    /**
     * The pack belongs to another project, or answers an assignment pack this project never sent.
     */
    OTHER_PROJECT,
    /** This pack's id is already recorded as imported here. */
    ALREADY_IMPORTED,
    /** The pack is of the other kind than the operation needs. */
    WRONG_KIND,
    /** An assignment pack goes into a new, empty project only. */
    PROJECT_NOT_EMPTY;

    /** The reason as written in JSON output: lower case with dashes, e.g. {@code other-project}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Reason reason;

  public PackRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
