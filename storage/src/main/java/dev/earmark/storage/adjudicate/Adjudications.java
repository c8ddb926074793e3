package dev.earmark.storage.adjudicate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.earmark.engine.dispute.Dispute;
import dev.earmark.engine.dispute.DisputeReason;
import dev.earmark.engine.dispute.DisputeRule;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.Violation;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.adjudicate.PolicyProposal.ProposalStatus;
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Persists disputes routed by rubric-engine's {@link dev.earmark.engine.dispute.DisputeRouter} and
 * the adjudication decisions that resolve them. Only adjudicators and leads see disputes or decide;
 * a decision's final value is validated against the dispute's rubric version; a {@code rubric-gap}
 * or {@code normalization-gap} decision also files a policy proposal for the lead, in the same
 * transaction. Every change is audited. Thread-safe.
 */
public final class Adjudications {
  private static final ObjectMapper EVIDENCE =
      JsonMapper.builder()
          .addModule(
              new SimpleModule()
                  .addSerializer(
                      new StdSerializer<>(OptionalDouble.class) {
                        @Override
                        public void serialize(
                            OptionalDouble value, JsonGenerator out, SerializerProvider provider)
                            throws IOException {
                          if (value.isPresent()) {
                            out.writeNumber(value.getAsDouble());
                          } else {
                            out.writeNull();
                          }
                        }
                      }))
          .build();

  private final Project project;
  private final Policies policies;

  public Adjudications(Project project, Policies policies) {
    this.project = project;
    this.policies = policies;
  }

  /**
   * Stores a dispute for clip {@code clipId} whose labels under {@code rubric} disagree (lead or
   * adjudicator; routing runs on their behalf). The evidence is kept as JSON, one object per rule
   * that fired.
   */
  public DisputeRecord recordDispute(
      Actor actor, long clipId, VersionedId rubric, Dispute dispute) {
    Access.require(project, actor, "record disputes", Role.LEAD, Role.ADJUDICATOR);
    policies.rubric(rubric);
    ArrayNode evidence = EVIDENCE.createArrayNode();
    for (DisputeReason reason : dispute.reasons()) {
      ObjectNode node = evidence.addObject();
      node.put("rule", code(reason.rule()));
      node.setAll((ObjectNode) EVIDENCE.valueToTree(reason));
    }
    String evidenceJson = ContentHash.canonicalJson(evidence);
    String rules =
        dispute.rules().stream().map(Adjudications::code).collect(Collectors.joining(","));
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              String clipKey = clipKey(handle, clipId);
              OffsetDateTime at = StoredTime.now(project.clock());
              long id =
                  handle
                      .createUpdate(
                          "INSERT INTO disputes (clip_id, rubric_version, rules_fired,"
                              + " evidence_json, status, created_at, created_by) VALUES (:clip,"
                              + " :rubric, :rules, :evidence, 'open', :at, :by)")
                      .bind("clip", clipId)
                      .bind("rubric", rubric.toString())
                      .bind("rules", rules)
                      .bind("evidence", evidenceJson)
                      .bind("at", at)
                      .bind("by", actor.userId())
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one();
              ObjectNode after = AuditLog.json().createObjectNode();
              after.put("clip", clipKey).put("rubric", rubric.toString()).put("rules", rules);
              after.set("evidence", evidence);
              project
                  .audit()
                  .append(
                      handle, actor, AuditAction.DISPUTE_OPEN.created(Long.toString(id), after));
              return new DisputeRecord(
                  id,
                  clipId,
                  clipKey,
                  rubric,
                  dispute.rules(),
                  evidenceJson,
                  DisputeStatus.OPEN,
                  at.toInstant());
            });
  }

  /** Disputes in {@code status}, oldest first; adjudicators and leads only. */
  public List<DisputeRecord> disputes(Actor actor, DisputeStatus status) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              // Evidence quotes annotators' labels: verified roles only.
              Access.require(handle, actor, "read disputes", Role.LEAD, Role.ADJUDICATOR);
              return handle
                  .createQuery(SELECT_DISPUTE + " WHERE d.status = :status ORDER BY d.id")
                  .bind("status", status.code())
                  .map((rs, ctx) -> readDispute(rs))
                  .list();
            });
  }

  /**
   * Dispute {@code disputeId}, in whatever status; adjudicators and leads only.
   *
   * @throws StorageException when the project has no such dispute
   */
  public DisputeRecord dispute(Actor actor, long disputeId) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(handle, actor, "read disputes", Role.LEAD, Role.ADJUDICATOR);
              return dispute(handle, disputeId, false);
            });
  }

  /**
   * Resolves an open or escalated dispute with a final label (adjudicator or lead). The final value
   * must be a complete, valid label under the dispute's rubric version. A rubric-gap or
   * normalization-gap reason files a policy proposal carrying the note.
   */
  public Adjudication decide(
      Actor actor, long disputeId, LabelValue finalValue, ReasonCode reason, String note) {
    Access.require(project, actor, "adjudicate disputes", Role.ADJUDICATOR, Role.LEAD);
    String text = note == null ? "" : note.strip();
    if (reason.raisesPolicyProposal() && text.isEmpty()) {
      throw new StorageException(
          "a "
              + reason.code()
              + " decision needs a note saying what the policy misses; the lead acts on it");
    }
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              DisputeRecord dispute = dispute(handle, disputeId, true);
              refuseUnfit(dispute, finalValue);
              OffsetDateTime at = StoredTime.now(project.clock());
              long id = storeDecision(handle, actor, dispute, finalValue, reason, text, at);
              OptionalLong proposal =
                  reason.raisesPolicyProposal()
                      ? OptionalLong.of(openProposal(handle, actor, dispute, id, reason, text, at))
                      : OptionalLong.empty();
              return new Adjudication(
                  id,
                  disputeId,
                  finalValue,
                  reason,
                  text,
                  actor.userId(),
                  at.toInstant(),
                  proposal);
            });
  }

  /** Refuses a resolved dispute, and a final label under another rubric or one that breaks it. */
  private void refuseUnfit(DisputeRecord dispute, LabelValue finalValue) {
    if (dispute.status() == DisputeStatus.RESOLVED) {
      throw new StorageException(
          "dispute "
              + dispute.id()
              + " about "
              + dispute.clipKey()
              + " is already resolved; reload the adjudication queue");
    }
    Rubric rubric = policies.rubric(dispute.rubric());
    if (!finalValue.rubric().equals(dispute.rubric())) {
      throw new StorageException(
          "the final label for "
              + dispute.clipKey()
              + " is under "
              + finalValue.rubric()
              + " but the dispute is about labels under "
              + dispute.rubric());
    }
    List<Violation> violations = rubric.validate(finalValue);
    if (!violations.isEmpty()) {
      throw new StorageException(
          "the final label for "
              + dispute.clipKey()
              + " breaks rubric "
              + rubric.id()
              + ": "
              + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }
  }

  /** Stores the decision, resolves its dispute and audits it; the decision's id. */
  private long storeDecision(
      Handle handle,
      Actor actor,
      DisputeRecord dispute,
      LabelValue finalValue,
      ReasonCode reason,
      String text,
      OffsetDateTime at) {
    String valueJson = ContentHash.canonicalJson(LabelValueJson.toJson(finalValue));
    long id =
        handle
            .createUpdate(
                "INSERT INTO adjudications (dispute_id, final_value_json, reason_code,"
                    + " note, adjudicator, decided_at) VALUES (:dispute, :value,"
                    + " :reason, :note, :by, :at)")
            .bind("dispute", dispute.id())
            .bind("value", valueJson)
            .bind("reason", reason.code())
            .bind("note", text)
            .bind("by", actor.userId())
            .bind("at", at)
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    setStatus(handle, dispute, DisputeStatus.RESOLVED);
    ObjectNode after = AuditLog.json().createObjectNode();
    after.put("dispute", dispute.id()).put("clip", dispute.clipKey());
    after.set("final_value", LabelValueJson.toJson(finalValue));
    after.put("reason", reason.code()).put("note", text);
    project
        .audit()
        .append(handle, actor, AuditAction.ADJUDICATION_DECIDE.created(Long.toString(id), after));
    return id;
  }

  /** Files the policy proposal a rubric-gap or normalization-gap decision raises; its id. */
  private long openProposal(
      Handle handle,
      Actor actor,
      DisputeRecord dispute,
      long id,
      ReasonCode reason,
      String text,
      OffsetDateTime at) {
    long proposalId =
        handle
            .createUpdate(
                "INSERT INTO policy_proposals (adjudication_id, kind, clip_id, note,"
                    + " status, created_at, created_by) VALUES (:adjudication, :kind,"
                    + " :clip, :note, 'open', :at, :by)")
            .bind("adjudication", id)
            .bind("kind", reason.code())
            .bind("clip", dispute.clipId())
            .bind("note", text)
            .bind("at", at)
            .bind("by", actor.userId())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    project
        .audit()
        .append(
            handle,
            actor,
            AuditAction.PROPOSAL_OPEN.created(
                Long.toString(proposalId),
                AuditLog.json()
                    .createObjectNode()
                    .put("kind", reason.code())
                    .put("clip", dispute.clipKey())
                    .put("adjudication", id)
                    .put("note", text)));
    return proposalId;
  }

  /**
   * Takes back decision {@code adjudicationId} (adjudication undo): the decision row goes, its
   * dispute is open again, and an {@code adjudication.undo} audit event keeps the decision as its
   * "before" state, so the history stays complete while the dispute waits for a new decision. A
   * policy proposal the decision raised is withdrawn with it (audited as {@code proposal.withdraw})
   * while the lead has not acted on it; once the lead has, the decision stands and this refuses.
   * Adjudicators may undo their own decisions, leads anyone's.
   *
   * @return the dispute, open again
   */
  public DisputeRecord undo(Actor actor, long adjudicationId) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Set<Role> roles =
                  Access.require(
                      handle, actor, "undo adjudication decisions", Role.ADJUDICATOR, Role.LEAD);
              StoredDecision row = storedDecision(handle, adjudicationId);
              if (!roles.contains(Role.LEAD) && !row.adjudicator().equals(actor.userId())) {
                throw new StorageException(
                    "decision "
                        + adjudicationId
                        + " was made by "
                        + row.adjudicator()
                        + "; only they or a lead can undo it");
              }
              DisputeRecord dispute = dispute(handle, row.disputeId(), true);
              withdrawProposal(handle, actor, adjudicationId);
              handle
                  .createUpdate("DELETE FROM adjudications WHERE id = :id")
                  .bind("id", adjudicationId)
                  .execute();
              setStatus(handle, dispute, DisputeStatus.OPEN);
              ObjectNode before = AuditLog.json().createObjectNode();
              before.put("dispute", dispute.id()).put("clip", dispute.clipKey());
              before.set("final_value", tree(row.finalValueJson()));
              before.put("reason", row.reasonCode()).put("note", row.note());
              before.put("adjudicator", row.adjudicator());
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      AuditAction.ADJUDICATION_UNDO.changed(
                          Long.toString(adjudicationId),
                          before,
                          AuditLog.json()
                              .createObjectNode()
                              .put("dispute", dispute.id())
                              .put("status", DisputeStatus.OPEN.code())));
              return new DisputeRecord(
                  dispute.id(),
                  dispute.clipId(),
                  dispute.clipKey(),
                  dispute.rubric(),
                  dispute.rules(),
                  dispute.evidenceJson(),
                  DisputeStatus.OPEN,
                  dispute.createdAt());
            });
  }

  private static StoredDecision storedDecision(Handle handle, long adjudicationId) {
    return handle
        .createQuery(
            "SELECT dispute_id, final_value_json, reason_code, note, adjudicator"
                + " FROM adjudications WHERE id = :id")
        .bind("id", adjudicationId)
        .map(
            (rs, ctx) ->
                new StoredDecision(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .findOne()
        .orElseThrow(
            () ->
                new StorageException(
                    "there is no adjudication decision "
                        + adjudicationId
                        + "; it may have been undone already, reload the queue"));
  }

  /**
   * Withdraws the policy proposal decision {@code adjudicationId} raised, if any, while the lead
   * has not acted on it; once the lead has, the decision stands and this refuses.
   */
  private void withdrawProposal(Handle handle, Actor actor, long adjudicationId) {
    var proposal =
        handle
            .createQuery("SELECT id, status FROM policy_proposals WHERE adjudication_id = :id")
            .bind("id", adjudicationId)
            .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
            .findOne();
    if (proposal.isPresent()) {
      long proposalId = proposal.get().getKey();
      if (!ProposalStatus.OPEN.code().equals(proposal.get().getValue())) {
        throw new StorageException(
            "the lead has already "
                + proposal.get().getValue()
                + " policy proposal "
                + proposalId
                + " raised by decision "
                + adjudicationId
                + "; the decision stands, decide the dispute again instead");
      }
      handle
          .createUpdate("DELETE FROM policy_proposals WHERE id = :id")
          .bind("id", proposalId)
          .execute();
      project
          .audit()
          .append(
              handle,
              actor,
              AuditAction.PROPOSAL_WITHDRAW.changed(
                  Long.toString(proposalId),
                  AuditLog.json()
                      .createObjectNode()
                      .put("status", "open")
                      .put("adjudication", adjudicationId),
                  null));
    }
  }

  private record StoredDecision(
      long disputeId, String finalValueJson, String reasonCode, String note, String adjudicator) {}

  /** Passes an open dispute to the lead (adjudicator or lead), with a note saying why. */
  public void escalate(Actor actor, long disputeId, String note) {
    Access.require(project, actor, "escalate disputes", Role.ADJUDICATOR, Role.LEAD);
    project
        .jdbi()
        .useTransaction(
            handle -> {
              DisputeRecord dispute = dispute(handle, disputeId, true);
              if (dispute.status() != DisputeStatus.OPEN) {
                throw new StorageException(
                    "dispute "
                        + disputeId
                        + " about "
                        + dispute.clipKey()
                        + " is "
                        + dispute.status().code()
                        + ", not open; only open disputes are escalated");
              }
              setStatus(handle, dispute, DisputeStatus.ESCALATED);
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      AuditAction.DISPUTE_ESCALATE.created(
                          Long.toString(disputeId),
                          AuditLog.json()
                              .createObjectNode()
                              .put("note", note == null ? "" : note)));
            });
  }

  /**
   * Takes back the escalation of dispute {@code disputeId} (escalation undo): the dispute is open
   * again and a {@code dispute.escalate.undo} audit event records the change, so the history shows
   * both the escalation and its undo. Adjudicators and leads; refused unless the dispute is
   * escalated (a lead may have decided it meanwhile).
   *
   * @return the dispute, open again
   */
  public DisputeRecord undoEscalation(Actor actor, long disputeId) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(handle, actor, "undo escalations", Role.ADJUDICATOR, Role.LEAD);
              DisputeRecord dispute = dispute(handle, disputeId, true);
              if (dispute.status() != DisputeStatus.ESCALATED) {
                throw new StorageException(
                    "dispute "
                        + disputeId
                        + " about "
                        + dispute.clipKey()
                        + " is "
                        + dispute.status().code()
                        + ", not escalated; there is no escalation to take back");
              }
              setStatus(handle, dispute, DisputeStatus.OPEN);
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      AuditAction.DISPUTE_ESCALATE_UNDO.changed(
                          Long.toString(disputeId),
                          AuditLog.json()
                              .createObjectNode()
                              .put("status", DisputeStatus.ESCALATED.code()),
                          AuditLog.json()
                              .createObjectNode()
                              .put("status", DisputeStatus.OPEN.code())));
              return new DisputeRecord(
                  dispute.id(),
                  dispute.clipId(),
                  dispute.clipKey(),
                  dispute.rubric(),
                  dispute.rules(),
                  dispute.evidenceJson(),
                  DisputeStatus.OPEN,
                  dispute.createdAt());
            });
  }

  /** The decisions about one dispute, oldest first; adjudicators and leads only. */
  public List<Adjudication> decisions(Actor actor, long disputeId) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(handle, actor, "read adjudications", Role.LEAD, Role.ADJUDICATOR);
              DisputeRecord dispute = dispute(handle, disputeId, false);
              Rubric rubric = policies.rubric(dispute.rubric());
              return handle
                  .createQuery(
                      "SELECT a.id, a.final_value_json, a.reason_code, a.note, a.adjudicator,"
                          + " a.decided_at, p.id FROM adjudications a LEFT JOIN policy_proposals"
                          + " p ON p.adjudication_id = a.id WHERE a.dispute_id = :dispute ORDER"
                          + " BY a.id")
                  .bind("dispute", disputeId)
                  .map(
                      (rs, ctx) -> {
                        long proposal = rs.getLong(7);
                        OptionalLong proposalId =
                            rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(proposal);
                        return new Adjudication(
                            rs.getLong(1),
                            disputeId,
                            LabelValueJson.read(tree(rs.getString(2)), rubric),
                            ReasonCode.fromCode(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getObject(6, OffsetDateTime.class).toInstant(),
                            proposalId);
                      })
                  .list();
            });
  }

  /**
   * Decision {@code adjudicationId} if it still stands (an undone decision is gone); adjudicators
   * and leads only. The proposals list uses it to show the label a proposal's decision set.
   */
  public java.util.Optional<Adjudication> decision(Actor actor, long adjudicationId) {
    java.util.Optional<Long> disputeId =
        project
            .jdbi()
            .inTransaction(
                handle -> {
                  Access.require(handle, actor, "read adjudications", Role.LEAD, Role.ADJUDICATOR);
                  return handle
                      .createQuery("SELECT dispute_id FROM adjudications WHERE id = :id")
                      .bind("id", adjudicationId)
                      .mapTo(Long.class)
                      .findOne();
                });
    return disputeId.flatMap(
        dispute ->
            decisions(actor, dispute).stream()
                .filter(decision -> decision.id() == adjudicationId)
                .findFirst());
  }

  /** Policy proposals in {@code status}, oldest first; leads only. */
  public List<PolicyProposal> proposals(Actor actor, ProposalStatus status) {
    Access.require(project, actor, "read policy proposals", Role.LEAD);
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT p.id, p.adjudication_id, p.kind, p.clip_id, c.clip_key, p.note,"
                            + " p.status, p.created_at, p.created_by FROM policy_proposals p JOIN"
                            + " clips c ON c.id = p.clip_id WHERE p.status = :status ORDER BY"
                            + " p.id")
                    .bind("status", status.code())
                    .map(
                        (rs, ctx) ->
                            new PolicyProposal(
                                rs.getLong(1),
                                rs.getLong(2),
                                ReasonCode.fromCode(rs.getString(3)),
                                rs.getLong(4),
                                rs.getString(5),
                                rs.getString(6),
                                ProposalStatus.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)),
                                rs.getObject(8, OffsetDateTime.class).toInstant(),
                                rs.getString(9)))
                    .list());
  }

  /** Closes an open proposal as accepted or declined (lead only). */
  public void closeProposal(Actor actor, long proposalId, boolean accepted) {
    closeProposal(actor, proposalId, accepted, "");
  }

  /**
   * Closes an open proposal as accepted or declined (lead only), with the lead's note saying what
   * was done about it (e.g. "en-asr@2 protects the band name"); the note is kept in the audit
   * event.
   */
  public void closeProposal(Actor actor, long proposalId, boolean accepted, String note) {
    Access.require(project, actor, "act on policy proposals", Role.LEAD);
    String leadNote = note == null ? "" : note.strip();
    String status = (accepted ? ProposalStatus.ACCEPTED : ProposalStatus.DECLINED).code();
    project
        .jdbi()
        .useTransaction(
            handle -> {
              int updated =
                  handle
                      .createUpdate(
                          "UPDATE policy_proposals SET status = :status WHERE id = :id AND status"
                              + " = 'open'")
                      .bind("status", status)
                      .bind("id", proposalId)
                      .execute();
              if (updated != 1) {
                throw new StorageException(
                    "there is no open policy proposal " + proposalId + "; reload the proposals");
              }
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      (accepted ? AuditAction.PROPOSAL_ACCEPT : AuditAction.PROPOSAL_DECLINE)
                          .changed(
                              Long.toString(proposalId),
                              AuditLog.json().createObjectNode().put("status", "open"),
                              AuditLog.json()
                                  .createObjectNode()
                                  .put("status", status)
                                  .put("note", leadNote)));
            });
  }

  /**
   * Marks an accepted proposal done (lead only): the rubric or rule change it asked for is made.
   * The lead's note (e.g. "published en-asr@2") is kept in the {@code proposal.done} audit event.
   */
  public void markProposalDone(Actor actor, long proposalId, String note) {
    Access.require(project, actor, "act on policy proposals", Role.LEAD);
    String leadNote = note == null ? "" : note.strip();
    project
        .jdbi()
        .useTransaction(
            handle -> {
              int updated =
                  handle
                      .createUpdate(
                          "UPDATE policy_proposals SET status = 'done' WHERE id = :id AND status"
                              + " = 'accepted'")
                      .bind("id", proposalId)
                      .execute();
              if (updated != 1) {
                throw new StorageException(
                    "there is no accepted policy proposal "
                        + proposalId
                        + "; only an accepted proposal is marked done, reload the proposals");
              }
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      AuditAction.PROPOSAL_DONE.changed(
                          Long.toString(proposalId),
                          AuditLog.json()
                              .createObjectNode()
                              .put("status", ProposalStatus.ACCEPTED.code()),
                          AuditLog.json()
                              .createObjectNode()
                              .put("status", ProposalStatus.DONE.code())
                              .put("note", leadNote)));
            });
  }

  private static void setStatus(Handle handle, DisputeRecord dispute, DisputeStatus status) {
    handle
        .createUpdate("UPDATE disputes SET status = :status WHERE id = :id")
        .bind("status", status.code())
        .bind("id", dispute.id())
        .execute();
  }

  private static final String SELECT_DISPUTE =
      "SELECT d.id, d.clip_id, c.clip_key, d.rubric_version, d.rules_fired, d.evidence_json,"
          + " d.status, d.created_at FROM disputes d JOIN clips c ON c.id = d.clip_id";

  private static DisputeRecord dispute(Handle handle, long disputeId, boolean lock) {
    if (lock) {
      handle
          .createQuery("SELECT id FROM disputes WHERE id = :id FOR UPDATE")
          .bind("id", disputeId)
          .mapTo(Long.class)
          .findOne();
    }
    return handle
        .createQuery(SELECT_DISPUTE + " WHERE d.id = :id")
        .bind("id", disputeId)
        .map((rs, ctx) -> readDispute(rs))
        .findOne()
        .orElseThrow(
            () -> new StorageException("there is no dispute " + disputeId + " in the project"));
  }

  private static DisputeRecord readDispute(ResultSet rs) throws SQLException {
    Set<DisputeRule> rules = EnumSet.noneOf(DisputeRule.class);
    Arrays.stream(rs.getString(5).split(","))
        .filter(code -> !code.isEmpty())
        .forEach(
            code ->
                rules.add(DisputeRule.valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'))));
    return new DisputeRecord(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        VersionedId.parse(rs.getString(4)),
        rules,
        rs.getString(6),
        DisputeStatus.fromCode(rs.getString(7)),
        rs.getObject(8, OffsetDateTime.class).toInstant());
  }

  private static String code(DisputeRule rule) {
    return rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String clipKey(Handle handle, long clipId) {
    return handle
        .createQuery("SELECT clip_key FROM clips WHERE id = :id")
        .bind("id", clipId)
        .mapTo(String.class)
        .findOne()
        .orElseThrow(() -> new StorageException("there is no clip " + clipId + " in the project"));
  }

  private static JsonNode tree(String json) {
    try {
      return AuditLog.json().readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored label value is not readable JSON", e);
    }
  }
}
