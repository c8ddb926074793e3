package dev.earmark.storage.assign;

/**
 * Orders an annotator's queue: higher priority first, ties by clip id. The QE issue supplies the
 * review-priority score (QE uncertainty, user impact, slice coverage gap, recent regression); until
 * then {@link #byClipId()} keeps queues in import order. Implementations must be deterministic and
 * free of side effects; they are called inside the assigning transaction.
 */
@FunctionalInterface
public interface QueuePriority {
  /** The priority of {@code clip}; any finite number. */
  double priority(QueueCandidate clip);

  /** Every clip alike, so queues follow clip ids. */
  static QueuePriority byClipId() {
    return clip -> 0;
  }
}
