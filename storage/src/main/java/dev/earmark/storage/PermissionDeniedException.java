package dev.earmark.storage;

/** The acting user's roles do not allow the action; the message names the role needed. */
public class PermissionDeniedException extends StorageException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(message);
  }
}
