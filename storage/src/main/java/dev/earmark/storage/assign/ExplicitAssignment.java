package dev.earmark.storage.assign;

/**
 * The outcome of {@link Assignments#assignExplicit}: the assignment's id, its state, and whether
 * this call made it ({@code false} when an identical assignment was already there). Immutable.
 */
public record ExplicitAssignment(long assignmentId, AssignmentState state, boolean created) {}
