package dev.earmark.app.gui.adjudication;

import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.ReasonCode;

/**
 * Decides one dispute: execute and redo store a decision ({@code adjudication.decide} audit event),
 * undo takes the stored decision back ({@link dev.earmark.storage.adjudicate.Adjudications#undo},
 * an {@code adjudication.undo} audit event) so the dispute is open again. A redo stores a new
 * decision with the same label, reason and note. Used by one thread at a time (the history
 * serialises its steps).
 */
public final class DecideJob implements AdjudicationJob {
  private final AdjudicationService service;
  private final long disputeId;
  private final String clipKey;
  private final LabelValue finalValue;
  private final ReasonCode reason;
  private final String note;
  private volatile Adjudication decision;

  public DecideJob(
      AdjudicationService service,
      long disputeId,
      String clipKey,
      LabelValue finalValue,
      ReasonCode reason,
      String note) {
    this.service = service;
    this.disputeId = disputeId;
    this.clipKey = clipKey;
    this.finalValue = finalValue;
    this.reason = reason;
    this.note = note;
  }

  @Override
  public void execute() {
    decision = service.decide(disputeId, finalValue, reason, note);
  }

  @Override
  public void undo() {
    service.undo(decision.id());
    decision = null;
  }

  @Override
  public void redo() {
    execute();
  }

  @Override
  public String description() {
    return "decided " + clipKey + ": " + reason.code();
  }

  @Override
  public long disputeId() {
    return disputeId;
  }

  /** The stored decision after execute or redo; null after undo. */
  public Adjudication decision() {
    return decision;
  }

  public LabelValue finalValue() {
    return finalValue;
  }

  public ReasonCode reason() {
    return reason;
  }

  public String note() {
    return note;
  }
}
