package dev.earmark.storage.assign;

/**
 * Orders an annotator's queue: higher priority first, ties by clip id; when a limit or a quota
 * leaves clips out, it also chooses which go first. {@link #byClipId()} keeps import order, {@link
 * #random(long)} a seeded shuffle, and {@link ReviewQueuePriority} the review-priority score (QE
 * uncertainty, user impact, slice coverage gap, recent regression). Implementations must be
 * deterministic and free of side effects; they are called inside the assigning transaction.
 */
@FunctionalInterface
public interface QueuePriority {
  /** The priority of {@code clip}; any finite number. */
  double priority(QueueCandidate clip);

  /** Every clip alike, so queues follow clip ids. */
  static QueuePriority byClipId() {
    return clip -> 0;
  }

  /** A reproducible random order: the same seed gives every clip the same priority in [0, 1). */
  static QueuePriority random(long seed) {
    return clip -> new java.util.SplittableRandom(seed * 31 + clip.clipId()).nextDouble();
  }
}
