package dev.earmark.storage.assign;

import dev.earmark.engine.version.VersionedId;

/**
 * One entry of an annotator's queue. {@code gold} is reported only to leads and adjudicators: an
 * annotator's own view always says false, so gold items cannot be told apart.
 */
public record QueueItem(
    long assignmentId,
    long clipId,
    String clipKey,
    String annotatorId,
    VersionedId rubric,
    boolean gold,
    double priority,
    AssignmentState state) {}
