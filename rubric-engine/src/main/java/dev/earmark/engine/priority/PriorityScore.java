package dev.earmark.engine.priority;

/**
 * A candidate's priority and its weighted parts, so the workbench can say why a clip is where it
 * is. {@code total = uncertainty + impact + coverageGap + regression - sensitivePenalty}.
 */
public record PriorityScore(
    ReviewCandidate candidate,
    double total,
    double uncertainty,
    double impact,
    double coverageGap,
    double regression,
    double sensitivePenalty) {}
