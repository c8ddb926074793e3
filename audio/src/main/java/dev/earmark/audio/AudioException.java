package dev.earmark.audio;

/**
 * Root of the audio module's unchecked exceptions. The message is a plain sentence for the user
 * that names the file and what went wrong; the cause (if any) is for the log.
 */
public class AudioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AudioException(String message) {
    super(message);
  }

  public AudioException(String message, Throwable cause) {
    super(message, cause);
  }
}
