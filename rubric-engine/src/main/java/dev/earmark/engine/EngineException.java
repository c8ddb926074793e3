package dev.earmark.engine;

/**
 * Root of every exception the rubric engine throws on purpose. Its message is a plain sentence a
 * user can act on: it names the file, line or field at fault and what to do. Subclasses name the
 * kind of problem.
 */
public class EngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
