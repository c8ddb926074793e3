package dev.earmark.storage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Every kind of event Earmark writes to the audit log, with the action and entity type it is stored
 * under. The stored strings are part of each event's hash: existing logs, and the anchors carried
 * by exported batches and packs, verify only while they stay byte for byte what they were, so a
 * constant may be added but its {@link #code()} and {@link #entityType()} never change ({@code
 * AuditActionTest} pins them).
 */
public enum AuditAction {
  PROJECT_CREATE("project.create", "project"),

  USER_ADD("user.add", "user"),
  USER_ROLES("user.roles", "user"),
  USER_DEACTIVATE("user.deactivate", "user"),
  USER_REACTIVATE("user.reactivate", "user"),
  USER_MAP_OS_ACCOUNT("user.map-os-account", "user"),
  USER_MAP_DB_LOGIN("user.map-db-login", "user"),
  IDENTITY_ADOPT("identity.adopt", "user"),

  SETTING_SET("setting.set", "setting"),
  RUBRIC_PUBLISH("rubric.publish", "rubric"),
  RULE_SET_PUBLISH("rule-set.publish", "rule-set"),
  POLICY_SET("policy.set", "policy"),

  DATASET_CREATE("dataset.create", "dataset"),
  DATASET_CONTRACT_UPDATE("dataset.contract.update", "dataset"),
  IMPORT_START("import.start", "import_run"),
  CLIP_IMPORT("clip.import", "clip"),
  CLIP_REIMPORT("clip.reimport", "clip"),
  IMPORT_FINISH("import.finish", "import_run"),

  ASSIGNMENT_CREATE("assignment.create", "assignment"),
  ASSIGNMENT_REPRIORITIZE("assignment.reprioritize", "rubric"),
  GOLD_SET("gold.set", "clip"),

  LABEL_SAVE_DRAFT("label.save-draft", "label"),
  LABEL_SUBMIT("label.submit", "label"),
  LABEL_CORRECT("label.correct", "label"),
  LABEL_IMPORT("label.import", "label"),

  DISPUTE_OPEN("dispute.open", "dispute"),
  DISPUTE_ESCALATE("dispute.escalate", "dispute"),
  DISPUTE_ESCALATE_UNDO("dispute.escalate.undo", "dispute"),
  ADJUDICATION_DECIDE("adjudication.decide", "adjudication"),
  ADJUDICATION_UNDO("adjudication.undo", "adjudication"),
  PROPOSAL_OPEN("proposal.open", "policy-proposal"),
  PROPOSAL_WITHDRAW("proposal.withdraw", "policy-proposal"),
  PROPOSAL_ACCEPT("proposal.accept", "policy-proposal"),
  PROPOSAL_DECLINE("proposal.decline", "policy-proposal"),
  PROPOSAL_DONE("proposal.done", "policy-proposal"),

  QE_MODEL_STORE("qe.model.store", "qe_model"),
  QE_HINTS_RECORD("qe.hints.record", "qe_model"),
  QE_DRIFT_RECORD("qe.drift.record", "import_run"),

  BATCH_EXPORTED("batch.exported", "batch"),
  BATCH_REEXPORTED("batch.reexported", "batch"),

  PACK_EXPORT("pack.export", "pack"),
  PACK_IMPORT("pack.import", "pack"),
  PACK_REFUSE("pack.refuse", "pack"),

  TTS_SESSION_START("tts.session.start", "tts-session");

  private final String code;
  private final String entityType;

  AuditAction(String code, String entityType) {
    this.code = code;
    this.entityType = entityType;
  }

  /** The action as stored in {@code audit_events.action}, e.g. {@code label.submit}. */
  public String code() {
    return code;
  }

  /** The entity type stored beside it in {@code audit_events.entity_type}, e.g. {@code label}. */
  public String entityType() {
    return entityType;
  }

  /** Whether {@code event} is one of these (an old log may hold actions no constant names). */
  public boolean is(AuditEvent event) {
    return code.equals(event.action()) && entityType.equals(event.entityType());
  }

  /** The constant stored as {@code code} about {@code entityType}; empty for any other pair. */
  public static Optional<AuditAction> of(String code, String entityType) {
    for (AuditAction action : values()) {
      if (action.code.equals(code) && action.entityType.equals(entityType)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }

  /** An event of this kind about entity {@code entityId}, with neither before nor after. */
  public AuditLog.Pending on(String entityId) {
    return new AuditLog.Pending(this, entityId, null, null);
  }

  /** An event of this kind recording {@code entityId}'s new state (nothing stood before). */
  public AuditLog.Pending created(String entityId, JsonNode after) {
    return new AuditLog.Pending(this, entityId, null, after);
  }

  /** An event of this kind recording {@code entityId}'s change from {@code before} to after. */
  public AuditLog.Pending changed(String entityId, JsonNode before, JsonNode after) {
    return new AuditLog.Pending(this, entityId, before, after);
  }
}
