package dev.earmark.storage.label;

import java.time.Instant;

/**
 * The acknowledgement of a save: the write is committed when this is returned, so a caller may say
 * "saved". Hand {@code version} back with the next write of the same label.
 */
public record SavedLabel(
    long labelId, long assignmentId, int version, LabelState state, Instant savedAt) {}
