package dev.earmark.engine.rubric;

import dev.earmark.engine.EngineException;

/**
 * A rubric document cannot be used: malformed JSON, a missing or unknown key, an incoherent field,
 * or a content hash that does not match. The message names the file (or resource) and the field.
 */
public class RubricFormatException extends EngineException {
  private static final long serialVersionUID = 1L;

  public RubricFormatException(String message) {
    super(message);
  }

  public RubricFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
