package dev.earmark.engine.rubric;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;

/**
 * A label was about to be read under a rubric version other than the one it was made under. Earmark
 * never does that silently: the caller must fetch the label's own rubric version. The message names
 * both ids.
 */
public class RubricVersionMismatchException extends EngineException {
  private static final long serialVersionUID = 1L;

  private final transient VersionedId labelRubric;
  private final transient VersionedId offeredRubric;

  public RubricVersionMismatchException(VersionedId labelRubric, VersionedId offeredRubric) {
    super(
        "the label was made under rubric "
            + labelRubric
            + " and cannot be read under "
            + offeredRubric
            + "; validate it against "
            + labelRubric);
    this.labelRubric = labelRubric;
    this.offeredRubric = offeredRubric;
  }

  /** The rubric version the label was made under. */
  public VersionedId labelRubric() {
    return labelRubric;
  }

  /** The rubric version it was offered to. */
  public VersionedId offeredRubric() {
    return offeredRubric;
  }
}
