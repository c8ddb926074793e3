package dev.earmark.app.gui.labeling;

import dev.earmark.storage.assign.AssignmentState;

/** Which queue entries the list shows. */
public enum QueueFilter {
  TO_DO("to do"),
  ALL("all"),
  SUBMITTED("submitted");

  private final String label;

  QueueFilter(String label) {
    this.label = label;
  }

  /** Whether an entry in {@code state} is shown. */
  public boolean shows(AssignmentState state) {
    return switch (this) {
      case TO_DO -> state != AssignmentState.SUBMITTED;
      case ALL -> true;
      case SUBMITTED -> state == AssignmentState.SUBMITTED;
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
