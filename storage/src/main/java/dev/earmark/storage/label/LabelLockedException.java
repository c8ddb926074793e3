package dev.earmark.storage.label;

import dev.earmark.storage.StorageException;

/**
 * A correction of a submitted label was refused because its item is disputed, adjudicated or
 * exported; nothing was saved. The message is a sentence for the user, {@link #reason()} the bare
 * clause ("the item has been adjudicated").
 */
public class LabelLockedException extends StorageException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public LabelLockedException(String message, String reason) {
    super(message);
    this.reason = reason;
  }

  /** Why the label is read-only now. */
  public String reason() {
    return reason;
  }
}
