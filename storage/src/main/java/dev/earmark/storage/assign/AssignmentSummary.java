package dev.earmark.storage.assign;

/**
 * What one assignment run did.
 *
 * @param clips clips newly assigned (clips already assigned under the rubric version are skipped)
 * @param assignments assignments made
 * @param overlappedClips clips given to two or more annotators, gold ones included
 * @param goldClips clips made gold items
 */
public record AssignmentSummary(int clips, int assignments, int overlappedClips, int goldClips) {}
