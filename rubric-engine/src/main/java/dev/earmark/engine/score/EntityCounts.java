package dev.earmark.engine.score;

import java.util.OptionalDouble;

/**
 * Occurrences of protected phrases in references, and how many of them the hypothesis did not
 * reproduce exactly. The entity error rate is {@code errors / occurrences}, undefined (empty) when
 * the references contain no protected phrase. Immutable and thread-safe.
 */
public record EntityCounts(long occurrences, long errors) {
  /** No protected phrase seen; the neutral element of {@link #plus}. */
  public static final EntityCounts ZERO = new EntityCounts(0, 0);

  public EntityCounts {
    if (occurrences < 0 || errors < 0 || errors > occurrences) {
      throw new IllegalArgumentException(
          "entity errors must lie between 0 and the occurrences: " + errors + "/" + occurrences);
    }
  }

  /** Missed occurrences over occurrences; empty when there were none. */
  public OptionalDouble errorRate() {
    return occurrences == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) errors / occurrences);
  }

  /** Field-wise sum, for slice and corpus totals. */
  public EntityCounts plus(EntityCounts other) {
    return new EntityCounts(occurrences + other.occurrences, errors + other.errors);
  }
}
