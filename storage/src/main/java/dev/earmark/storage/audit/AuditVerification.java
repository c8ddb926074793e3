package dev.earmark.storage.audit;

/** The outcome of re-checking the audit chain. */
public sealed interface AuditVerification {
  /** Every event is present, in order, unaltered; {@code headHash} is the last event's hash. */
  record Intact(long events, String headHash) implements AuditVerification {}

  /**
   * The chain breaks at event {@code seq}: it was edited, deleted, inserted or moved behind
   * Earmark's back. {@code reason} says what does not match, as a sentence.
   */
  record Broken(long seq, String reason) implements AuditVerification {}
}
