package dev.earmark.engine.priority;

import dev.earmark.engine.EngineException;

/** A review-priority input or setting is out of range; the message names it. */
public class PriorityException extends EngineException {
  private static final long serialVersionUID = 1L;

  public PriorityException(String message) {
    super(message);
  }
}
