package dev.earmark.audio.qe;

import dev.earmark.audio.AudioException;

/**
 * A QE model cannot be trained, read or used: an unreadable or foreign model file, a model trained
 * on another feature schema, malformed training rows, or a failure inside XGBoost. The message is a
 * plain sentence saying what is wrong and what to do. Part of the audio module's one exception
 * root.
 */
public class QeModelException extends AudioException {
  private static final long serialVersionUID = 1L;

  public QeModelException(String message) {
    super(message);
  }

  public QeModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
