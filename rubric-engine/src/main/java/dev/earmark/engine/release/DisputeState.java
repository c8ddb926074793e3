package dev.earmark.engine.release;

/**
 * Whether the dispute on a clip has been resolved by an adjudication. Immutable.
 *
 * @param clipId the disputed clip
 * @param resolved true once an adjudication recorded the final label
 */
public record DisputeState(String clipId, boolean resolved) {}
