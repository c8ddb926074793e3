package dev.earmark.storage.label;

import dev.earmark.engine.rubric.Violation;
import dev.earmark.storage.StorageException;
import java.util.List;
import java.util.stream.Collectors;

/** A label value breaks its assignment's rubric version; nothing was saved. */
public class LabelValidationException extends StorageException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public LabelValidationException(String clipKey, String rubric, List<Violation> violations) {
    super(
        "the label for "
            + clipKey
            + " was not saved: it breaks rubric "
            + rubric
            + ": "
            + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** Every problem found, in field order. */
  public List<Violation> violations() {
    return violations;
  }
}
