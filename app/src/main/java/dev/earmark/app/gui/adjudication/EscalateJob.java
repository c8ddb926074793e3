package dev.earmark.app.gui.adjudication;

/**
 * Escalates one open dispute to the lead: execute and redo store the escalation ({@code
 * dispute.escalate} audit event), undo takes it back in storage ({@link
 * dev.earmark.storage.adjudicate.Adjudications#undoEscalation}, a {@code dispute.escalate.undo}
 * audit event) so the dispute is open again. Used by one thread at a time (the history serialises
 * its steps).
 */
public final class EscalateJob implements AdjudicationJob {
  private final AdjudicationService service;
  private final long disputeId;
  private final String clipKey;
  private final String note;

  public EscalateJob(AdjudicationService service, long disputeId, String clipKey, String note) {
    this.service = service;
    this.disputeId = disputeId;
    this.clipKey = clipKey;
    this.note = note;
  }

  @Override
  public void execute() {
    service.escalate(disputeId, note);
  }

  @Override
  public void undo() {
    service.undoEscalation(disputeId);
  }

  @Override
  public void redo() {
    execute();
  }

  @Override
  public String description() {
    return "escalated " + clipKey + " to the lead";
  }

  @Override
  public long disputeId() {
    return disputeId;
  }

  public String note() {
    return note;
  }
}
