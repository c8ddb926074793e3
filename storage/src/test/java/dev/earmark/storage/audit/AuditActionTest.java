package dev.earmark.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed audit events store exactly the action and entity type strings the services wrote as
 * literals before the enum existed: both are hashed into the chain, so a changed letter would make
 * every existing log and every anchor carried by a batch or pack fail verification.
 */
class AuditActionTest {
  /** constant, stored action, stored entity type: as written before the enum, one row each. */
  private static final String STORED_BEFORE =
      """
      PROJECT_CREATE,          project.create,          project
      USER_ADD,                user.add,                user
      USER_ROLES,              user.roles,              user
      USER_DEACTIVATE,         user.deactivate,         user
      USER_REACTIVATE,         user.reactivate,         user
      USER_MAP_OS_ACCOUNT,     user.map-os-account,     user
      USER_MAP_DB_LOGIN,       user.map-db-login,       user
      IDENTITY_ADOPT,          identity.adopt,          user
      SETTING_SET,             setting.set,             setting
      RUBRIC_PUBLISH,          rubric.publish,          rubric
      RULE_SET_PUBLISH,        rule-set.publish,        rule-set
      POLICY_SET,              policy.set,              policy
      DATASET_CREATE,          dataset.create,          dataset
      DATASET_CONTRACT_UPDATE, dataset.contract.update, dataset
      IMPORT_START,            import.start,            import_run
      CLIP_IMPORT,             clip.import,             clip
      CLIP_REIMPORT,           clip.reimport,           clip
      IMPORT_FINISH,           import.finish,           import_run
      ASSIGNMENT_CREATE,       assignment.create,       assignment
      ASSIGNMENT_REPRIORITIZE, assignment.reprioritize, rubric
      GOLD_SET,                gold.set,                clip
      LABEL_SAVE_DRAFT,        label.save-draft,        label
      LABEL_SUBMIT,            label.submit,            label
      LABEL_CORRECT,           label.correct,           label
      LABEL_IMPORT,            label.import,            label
      DISPUTE_OPEN,            dispute.open,            dispute
      DISPUTE_ESCALATE,        dispute.escalate,        dispute
      DISPUTE_ESCALATE_UNDO,   dispute.escalate.undo,   dispute
      ADJUDICATION_DECIDE,     adjudication.decide,     adjudication
      ADJUDICATION_UNDO,       adjudication.undo,       adjudication
      PROPOSAL_OPEN,           proposal.open,           policy-proposal
      PROPOSAL_WITHDRAW,       proposal.withdraw,       policy-proposal
      PROPOSAL_ACCEPT,         proposal.accept,         policy-proposal
      PROPOSAL_DECLINE,        proposal.decline,        policy-proposal
      PROPOSAL_DONE,           proposal.done,           policy-proposal
      QE_MODEL_STORE,          qe.model.store,          qe_model
      QE_HINTS_RECORD,         qe.hints.record,         qe_model
      QE_DRIFT_RECORD,         qe.drift.record,         import_run
      BATCH_EXPORTED,          batch.exported,          batch
      BATCH_REEXPORTED,        batch.reexported,        batch
      PACK_EXPORT,             pack.export,             pack
      PACK_IMPORT,             pack.import,             pack
      PACK_REFUSE,             pack.refuse,             pack
      TTS_SESSION_START,       tts.session.start,       tts-session
      """;

  static Stream<Arguments> storedBefore() {
    return STORED_BEFORE
        .lines()
        .map(line -> line.split(",\\s*"))
        .map(row -> Arguments.of(row[0].strip(), row[1].strip(), row[2].strip()));
  }

  @ParameterizedTest
  @MethodSource("storedBefore")
  void eachTypedEventStoresTheStringsWrittenBeforeIt(
      String constant, String action, String entityType) {
    AuditAction typed = AuditAction.valueOf(constant);

    assertThat(typed.code()).isEqualTo(action);
    assertThat(typed.entityType()).isEqualTo(entityType);
    assertThat(AuditAction.of(action, entityType)).contains(typed);
  }

  @Test
  void everyTypedEventIsPinnedByTheTable() {
    List<String> pinned = storedBefore().map(row -> (String) row.get()[0]).toList();

    assertThat(pinned)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(AuditAction.values()).map(Enum::name).toList());
  }

  @Test
  void anActionUnderAnotherEntityTypeIsNoTypedEvent() {
    assertThat(AuditAction.of("gold.set", "label")).isEmpty();
    assertThat(AuditAction.of("label.delete", "label")).isEmpty();
  }
}
