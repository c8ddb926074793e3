package dev.earmark.storage.assign;

import java.util.Map;
import java.util.Optional;

/** What a {@link QueuePriority} may look at for one clip. Immutable. */
public record QueueCandidate(
    long clipId,
    String clipKey,
    String datasetId,
    Map<String, String> slices,
    Optional<String> hypothesis,
    double durationSeconds) {
  public QueueCandidate {
    slices = Map.copyOf(slices);
  }
}
