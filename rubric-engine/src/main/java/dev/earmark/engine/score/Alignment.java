package dev.earmark.engine.score;

import java.util.List;

/**
 * A minimal word alignment of a hypothesis against a reference: the steps in reading order, and
 * their counts. Every reference token appears in exactly one {@link AlignmentOp.Hit}, {@link
 * AlignmentOp.Substitution} or {@link AlignmentOp.Deletion}, every hypothesis token in exactly one
 * hit, substitution or {@link AlignmentOp.Insertion}, both in increasing index order. {@code
 * counts().errors()} is the unit-cost Levenshtein distance. Immutable and thread-safe.
 */
public record Alignment(
    List<String> reference, List<String> hypothesis, List<AlignmentOp> ops, ErrorCounts counts) {
  public Alignment {
    reference = List.copyOf(reference);
    hypothesis = List.copyOf(hypothesis);
    ops = List.copyOf(ops);
  }
}
