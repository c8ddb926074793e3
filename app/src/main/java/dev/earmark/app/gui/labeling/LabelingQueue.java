package dev.earmark.app.gui.labeling;

import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.assign.QueueItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The annotator's queue as the labeling screen holds it: the open entries read so far, a page at a
 * time (issue 22), then the submitted work; the filter the list shows; and the moves through it
 * (the next to do, wrapping round; the neighbour in the shown list). Reads nothing itself: the view
 * model reads pages in the background and hands them over. Not thread-safe: use on the JavaFX
 * thread.
 */
final class LabelingQueue {
  /** How close to the end of the read part of the queue the annotator gets before more is read. */
  private static final int READ_AHEAD = 10;

  private final ObservableList<QueueEntry> entries = FXCollections.observableArrayList();
  private final FilteredList<QueueEntry> visibleEntries = new FilteredList<>(entries);
  private final ObjectProperty<QueueFilter> filter = new SimpleObjectProperty<>(QueueFilter.TO_DO);

  /**
   * {@code entries} holds the open entries read so far (the first {@code openRead} of it), then the
   * submitted work. {@code next} is where the next page starts, empty once the whole queue is read;
   * {@code openCount} the open entries counted at load, so the progress line tells the whole queue
   * before all of it is read.
   */
  private OptionalLong next = OptionalLong.empty();

  private int openRead;
  private int openCount;

  LabelingQueue() {
    visibleEntries.setPredicate(entry -> filter.get().shows(entry.state()));
    filter.addListener(
        (observable, was, is) -> visibleEntries.setPredicate(entry -> is.shows(entry.state())));
  }

  /** Starts over with the first page of open work, the open count, and the submitted work. */
  void load(LabelingService.QueuePage first, int counted, List<QueueItem> submitted) {
    List<QueueEntry> all = new ArrayList<>();
    for (QueueItem item : first.items()) {
      all.add(new QueueEntry(item, item.state()));
    }
    openRead = all.size();
    openCount = counted;
    next = first.next();
    for (QueueItem item : submitted) {
      all.add(new QueueEntry(item, AssignmentState.SUBMITTED));
    }
    entries.setAll(all);
  }

  /** Where the next page starts; empty once the whole queue is read. */
  OptionalLong next() {
    return next;
  }

  /** Adds a page read after {@link #next()}, leaving out entries already held. */
  void add(LabelingService.QueuePage page) {
    List<QueueEntry> more = new ArrayList<>();
    for (QueueItem item : page.items()) {
      if (entries.stream().noneMatch(e -> e.item().assignmentId() == item.assignmentId())) {
        more.add(new QueueEntry(item, item.state()));
      }
    }
    entries.addAll(openRead, more);
    openRead += more.size();
    next = page.next();
  }

  /** Whether an open entry after {@code from} is still to do in the part of the queue read. */
  boolean toDoAheadInPage(QueueEntry from) {
    for (int i = indexOf(from) + 1; i < openRead; i++) {
      if (entries.get(i).state() != AssignmentState.SUBMITTED) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code entry} is near the end of the open work read, with more still to read. */
  boolean nearEndOfRead(QueueEntry entry) {
    int index = indexOf(entry);
    return next.isPresent() && index >= 0 && index < openRead && openRead - index <= READ_AHEAD;
  }

  /** The next entry to do after {@code from} in queue order, wrapping round; never {@code from}. */
  Optional<QueueEntry> nextToDo(QueueEntry from) {
    int start = indexOf(from);
    int size = entries.size();
    for (int step = 1; step <= size; step++) {
      QueueEntry candidate = entries.get(Math.floorMod(start + step, size));
      if (!sameAssignment(candidate, from) && candidate.state() != AssignmentState.SUBMITTED) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  Optional<QueueEntry> firstToDo() {
    return entries.stream().filter(e -> e.state() != AssignmentState.SUBMITTED).findFirst();
  }

  /** The entry {@code direction} steps from {@code open} in the shown list; the first if none. */
  Optional<QueueEntry> neighbour(QueueEntry open, int direction) {
    if (open == null) {
      return visibleEntries.stream().findFirst();
    }
    int index = -1;
    for (int i = 0; i < visibleEntries.size(); i++) {
      if (sameAssignment(visibleEntries.get(i), open)) {
        index = i;
      }
    }
    int target = index + direction;
    return target >= 0 && target < visibleEntries.size()
        ? Optional.of(visibleEntries.get(target))
        : Optional.empty();
  }

  /** {@code entry} in {@code state}, replacing it in the queue; the new entry. */
  QueueEntry replace(QueueEntry entry, AssignmentState state) {
    int index = indexOf(entry);
    QueueEntry updated = entry.with(state);
    if (index >= 0) {
      entries.set(index, updated);
    }
    return updated;
  }

  /** "3 of 12 submitted", counting the open work not read yet. */
  String progress() {
    long submitted = entries.stream().filter(e -> e.state() == AssignmentState.SUBMITTED).count();
    int notRead = next.isPresent() ? Math.max(0, openCount - openRead) : 0;
    return submitted + " of " + (entries.size() + notRead) + " submitted";
  }

  private int indexOf(QueueEntry entry) {
    for (int i = 0; i < entries.size(); i++) {
      if (sameAssignment(entries.get(i), entry)) {
        return i;
      }
    }
    return -1;
  }

  static boolean sameAssignment(QueueEntry a, QueueEntry b) {
    return a != null && b != null && a.item().assignmentId() == b.item().assignmentId();
  }

  ObservableList<QueueEntry> visibleEntries() {
    return visibleEntries;
  }

  List<QueueEntry> entries() {
    return new ArrayList<>(entries);
  }

  ObjectProperty<QueueFilter> filterProperty() {
    return filter;
  }
}
