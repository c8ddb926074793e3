package dev.earmark.storage.label;

import dev.earmark.storage.StorageException;
import java.time.Instant;

/**
 * A write named a label version that is no longer current: someone saved the label after the caller
 * read it. Nothing was saved; the message says who changed it and when.
 */
public class StaleLabelException extends StorageException {
  private static final long serialVersionUID = 1L;

  private final String changedBy;
  private final Instant changedAt;
  private final int currentVersion;

  public StaleLabelException(
      String message, String changedBy, Instant changedAt, int currentVersion) {
    super(message);
    this.changedBy = changedBy;
    this.changedAt = changedAt;
    this.currentVersion = currentVersion;
  }

  public String changedBy() {
    return changedBy;
  }

  public Instant changedAt() {
    return changedAt;
  }

  /** The version now stored. */
  public int currentVersion() {
    return currentVersion;
  }
}
