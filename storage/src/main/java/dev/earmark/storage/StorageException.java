package dev.earmark.storage;

/**
 * Root of every exception storage throws on purpose. The message is a plain sentence for the user
 * (what went wrong and what to do); the cause, if any, is for the log.
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
