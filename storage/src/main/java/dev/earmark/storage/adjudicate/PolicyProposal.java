package dev.earmark.storage.adjudicate;

import java.time.Instant;

/**
 * A rubric-gap or normalization-gap decision, collected for the lead: the clip, the adjudicator's
 * note and whether the lead has acted on it. Immutable.
 */
public record PolicyProposal(
    long id,
    long adjudicationId,
    ReasonCode kind,
    long clipId,
    String clipKey,
    String note,
    ProposalStatus status,
    Instant createdAt,
    String createdBy) {

  /**
   * Open until the lead accepts or declines it; an accepted proposal is done once the rubric or
   * rule change it asked for is made.
   */
  public enum ProposalStatus {
    OPEN,
    ACCEPTED,
    DECLINED,
    DONE;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
