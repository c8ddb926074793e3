package dev.earmark.engine.rubric;

import dev.earmark.engine.EngineException;

/**
 * One allowed value of a categorical or tags field, with the definition annotators read when they
 * choose it. Immutable.
 *
 * @param value the stored value, lower-case with dashes (for example {@code over-refusal})
 * @param definition what the value means, written for annotators
 */
public record Option(String value, String definition) {
  public Option {
    if (value == null || value.isBlank()) {
      throw new EngineException("an option needs a non-empty value");
    }
    definition = definition == null ? "" : definition;
  }
}
