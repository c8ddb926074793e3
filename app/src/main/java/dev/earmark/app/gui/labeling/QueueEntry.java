package dev.earmark.app.gui.labeling;

import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.assign.QueueItem;

/** One row of the queue list: the item and where it stands now (updated as the annotator works). */
public record QueueEntry(QueueItem item, AssignmentState state) {
  public String clipKey() {
    return item.clipKey();
  }

  /** "todo", "drafted" or "submitted", as the list shows it. */
  public String stateText() {
    return switch (state) {
      case PENDING -> "todo";
      case DRAFTED -> "drafted";
      case SUBMITTED -> "submitted";
    };
  }

  QueueEntry with(AssignmentState newState) {
    return new QueueEntry(item, newState);
  }
}
