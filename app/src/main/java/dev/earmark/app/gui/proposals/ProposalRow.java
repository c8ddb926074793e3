package dev.earmark.app.gui.proposals;

import dev.earmark.storage.adjudicate.PolicyProposal;

/**
 * One proposal as the list shows it: the stored proposal and the final label its decision set (the
 * transcript, or the fields as {@code name=value}), "—" when the decision is gone. Immutable.
 */
public record ProposalRow(PolicyProposal proposal, String decidedLabel) {
  public long id() {
    return proposal.id();
  }

  public String clipKey() {
    return proposal.clipKey();
  }

  public String reason() {
    return proposal.kind().code();
  }

  public String note() {
    return proposal.note();
  }

  public String createdBy() {
    return proposal.createdBy();
  }
}
