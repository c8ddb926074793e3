package dev.earmark.app.cli;

/**
 * Input the user gave cannot be used: a missing file, an unreadable line, an unknown id. The
 * message is the whole sentence the user sees (it names the file, line or field and what to do),
 * and the command exits with {@link ExitCode#BAD_INPUT}.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
