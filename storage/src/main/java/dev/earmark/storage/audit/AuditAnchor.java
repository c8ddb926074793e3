package dev.earmark.storage.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * The audit chain's head at one moment, recorded outside the database (in the project's anchors
 * file, a batch manifest or a pack): the chain must hold event {@code seq} with {@code hash} for as
 * long as the project lives, so removing events from the end and rewinding {@code audit_head} is
 * detected.
 *
 * @param seq the last event's sequence number (0 for an empty log)
 * @param hash that event's hash ({@link AuditLog#GENESIS} for an empty log)
 * @param recordedAt when the anchor was taken
 * @param source who took it, for messages: e.g. {@code batch b-1}, {@code pack p-3}, {@code audit
 *     verify}
 */
public record AuditAnchor(long seq, String hash, Instant recordedAt, String source) {
  public AuditAnchor {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(source, "source");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative: " + seq);
    }
  }
}
