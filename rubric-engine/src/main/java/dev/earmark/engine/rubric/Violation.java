package dev.earmark.engine.rubric;

/**
 * One problem with a label value under a rubric: the field at fault (or {@code label} for the value
 * as a whole) and a plain sentence fragment saying what is wrong, for example {@code naturalness: 7
 * is outside the 1–5 scale}. Immutable.
 */
public record Violation(String field, String problem) {
  @Override
  public String toString() {
    return field + ": " + problem;
  }
}
