package dev.earmark.engine.score;

import java.util.OptionalDouble;

/**
 * Hits, substitutions, deletions and insertions of one alignment or of a sum of alignments, in
 * units of words (WER) or characters (CER). The error rate is {@code (S + D + I) / (H + S + D)}:
 * errors over reference length. It is undefined (empty) when the reference is empty, because a
 * ratio over zero has no honest value; sums still add such utterances' insertions. Immutable and
 * thread-safe.
 */
public record ErrorCounts(long hits, long substitutions, long deletions, long insertions) {
  /** Nothing compared yet; the neutral element of {@link #plus}. */
  public static final ErrorCounts ZERO = new ErrorCounts(0, 0, 0, 0);

  public ErrorCounts {
    if (hits < 0 || substitutions < 0 || deletions < 0 || insertions < 0) {
      throw new IllegalArgumentException(
          "counts cannot be negative: H="
              + hits
              + " S="
              + substitutions
              + " D="
              + deletions
              + " I="
              + insertions);
    }
  }

  /** Substitutions + deletions + insertions; for one alignment, the minimum edit distance. */
  public long errors() {
    return substitutions + deletions + insertions;
  }

  /** Tokens in the reference: hits + substitutions + deletions. */
  public long referenceLength() {
    return hits + substitutions + deletions;
  }

  /** Tokens in the hypothesis: hits + substitutions + insertions. */
  public long hypothesisLength() {
    return hits + substitutions + insertions;
  }

  /** Errors over reference length; empty when the reference is empty. May exceed 1. */
  public OptionalDouble errorRate() {
    long reference = referenceLength();
    return reference == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) errors() / reference);
  }

  /** Field-wise sum: how corpus and slice totals are formed (never a mean of rates). */
  public ErrorCounts plus(ErrorCounts other) {
    return new ErrorCounts(
        hits + other.hits,
        substitutions + other.substitutions,
        deletions + other.deletions,
        insertions + other.insertions);
  }
}
