package dev.earmark.storage.adjudicate;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.dispute.Dispute;
import dev.earmark.engine.dispute.DisputeReason;
import dev.earmark.engine.dispute.DisputeRule;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.PolicyProposal.ProposalStatus;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AdjudicationsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T15:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private static Dispute goldAndUnsure(String clipKey) {
    return new Dispute(
        clipKey,
        List.of(
            new DisputeReason.GoldFailure(
                "twenty one pilots",
                List.of(
                    new DisputeReason.MissedGold("ann-1", "21 pilots", OptionalDouble.of(2.0 / 3)),
                    new DisputeReason.MissedGold("ann-2", "", OptionalDouble.empty()))),
            new DisputeReason.UnsureFlag(List.of("ann-2"))));
  }

  private static LabelValue transcript(String text) {
    return new LabelValue(ASR, Map.of("transcript", new FieldValue.Text(text)));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void disputeIsStoredWithItsEvidenceAndResolvedOnce(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      Adjudications adjudications = fixture.adjudications();
      long clip = fixture.clipId("clip-0002");
      DisputeRecord dispute =
          adjudications.recordDispute(LEAD, clip, ASR, goldAndUnsure("clip-0002"));
      assertThat(dispute.rules())
          .isEqualTo(Set.of(DisputeRule.GOLD_FAILURE, DisputeRule.UNSURE_FLAG));
      assertThat(dispute.evidenceJson())
          .isEqualTo(
              "[{\"goldAnswer\":\"twenty one pilots\",\"misses\":[{\"annotatorId\":\"ann-1\","
                  + "\"label\":\"21 pilots\",\"werAgainstGold\":0.6666666666666666},"
                  + "{\"annotatorId\":\"ann-2\",\"label\":\"\",\"werAgainstGold\":null}],"
                  + "\"rule\":\"gold-failure\"},{\"annotators\":[\"ann-2\"],\"rule\":\"unsure-flag\"}]");
      assertThat(adjudications.disputes(ADJ, DisputeStatus.OPEN)).containsExactly(dispute);

      Adjudication decision =
          adjudications.decide(
              ADJ,
              dispute.id(),
              transcript("twenty one pilots"),
              ReasonCode.ANNOTATOR_ERROR,
              " band name ");
      assertThat(decision.note()).isEqualTo("band name");
      assertThat(decision.policyProposalId()).isEmpty();
      assertThat(adjudications.disputes(ADJ, DisputeStatus.OPEN)).isEmpty();
      assertThat(adjudications.disputes(LEAD, DisputeStatus.RESOLVED))
          .extracting(DisputeRecord::clipKey)
          .containsExactly("clip-0002");
      assertThat(adjudications.decisions(LEAD, dispute.id())).containsExactly(decision);
      assertThatThrownBy(
              () ->
                  adjudications.decide(
                      ADJ, dispute.id(), transcript("x"), ReasonCode.OTHER, "again"))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "dispute "
                  + dispute.id()
                  + " about clip-0002 is already resolved; reload the adjudication queue");
      assertThat(fixture.project().audit().eventsFor("dispute", Long.toString(dispute.id())))
          .extracting(event -> event.action() + " by " + event.actor())
          .containsExactly("dispute.open by lead-1");
      assertThat(fixture.project().audit().eventsFor("adjudication", Long.toString(decision.id())))
          .singleElement()
          .satisfies(
              event -> assertThat(event.afterJson()).contains("\"reason\":\"annotator-error\""));
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          rubric-gap,        true
          normalization-gap, true
          ambiguous-audio,   false
          bad-audio,         false
          other,             false
          """)
  void gapDecisionsBecomePolicyProposalsForTheLead(String code, boolean proposes) {
    try (LabelingFixture fixture =
        LabelingFixture.create(Databases.fresh(CLOCK).get(0).getPayload().get(), dir, 1)) {
      Adjudications adjudications = fixture.adjudications();
      long clip = fixture.clipId("clip-0001");
      DisputeRecord dispute =
          adjudications.recordDispute(ADJ, clip, ASR, goldAndUnsure("clip-0001"));
      adjudications.escalate(ADJ, dispute.id(), "not sure the rubric covers band names");
      assertThat(adjudications.disputes(LEAD, DisputeStatus.ESCALATED)).hasSize(1);

      Adjudication decision =
          adjudications.decide(
              LEAD,
              dispute.id(),
              transcript("twenty one pilots"),
              ReasonCode.fromCode(code),
              "protect band names from number rules");
      assertThat(decision.policyProposalId().isPresent()).isEqualTo(proposes);
      List<PolicyProposal> open = adjudications.proposals(LEAD, ProposalStatus.OPEN);
      if (proposes) {
        assertThat(open)
            .singleElement()
            .satisfies(
                proposal -> {
                  assertThat(proposal.kind().code()).isEqualTo(code);
                  assertThat(proposal.clipKey()).isEqualTo("clip-0001");
                  assertThat(proposal.note()).isEqualTo("protect band names from number rules");
                  assertThat(proposal.createdBy()).isEqualTo("lead-1");
                });
        adjudications.closeProposal(LEAD, open.get(0).id(), true);
        assertThat(adjudications.proposals(LEAD, ProposalStatus.ACCEPTED)).hasSize(1);
        assertThatThrownBy(() -> adjudications.closeProposal(LEAD, open.get(0).id(), false))
            .hasMessageStartingWith("there is no open policy proposal");
      } else {
        assertThat(open).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void onlyAdjudicatorsAndLeadsDecideAndFinalLabelsMustBeValid(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 1)) {
      Adjudications adjudications = fixture.adjudications();
      long clip = fixture.clipId("clip-0001");
      assertThatThrownBy(() -> adjudications.recordDispute(ANN_1, clip, ASR, goldAndUnsure("c")))
          .isInstanceOf(PermissionDeniedException.class);
      DisputeRecord dispute = adjudications.recordDispute(LEAD, clip, ASR, goldAndUnsure("c"));
      assertThatThrownBy(() -> adjudications.disputes(ANN_1, DisputeStatus.OPEN))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(
              () ->
                  adjudications.decide(ANN_1, dispute.id(), transcript("x"), ReasonCode.OTHER, ""))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot adjudicate disputes: that needs the adjudicator or lead role");
      assertThatThrownBy(
              () ->
                  adjudications.decide(
                      ADJ, dispute.id(), new LabelValue(ASR, Map.of()), ReasonCode.OTHER, ""))
          .hasMessage(
              "the final label for clip-0001 breaks rubric asr-transcript@1: transcript: is"
                  + " required by rubric asr-transcript@1 but missing");
      assertThatThrownBy(
              () ->
                  adjudications.decide(
                      ADJ, dispute.id(), transcript("x"), ReasonCode.RUBRIC_GAP, "  "))
          .hasMessageStartingWith("a rubric-gap decision needs a note");
      assertThatThrownBy(() -> ReasonCode.fromCode("typo"))
          .hasMessage(
              "'typo' is not a reason code: use one of annotator-error, ambiguous-audio,"
                  + " rubric-gap, normalization-gap, bad-audio, other");
      assertThatThrownBy(
              () -> adjudications.decide(ADJ, 12345, transcript("x"), ReasonCode.OTHER, ""))
          .hasMessage("there is no dispute 12345 in the project");
      assertThat(adjudications.disputes(ADJ, DisputeStatus.OPEN)).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void undoReopensTheDisputeWithdrawsItsProposalAndIsAudited(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 1)) {
      Adjudications adjudications = fixture.adjudications();
      long clip = fixture.clipId("clip-0001");
      DisputeRecord dispute =
          adjudications.recordDispute(LEAD, clip, ASR, goldAndUnsure("clip-0001"));
      Adjudication decision =
          adjudications.decide(
              ADJ,
              dispute.id(),
              transcript("twenty one pilots"),
              ReasonCode.NORMALIZATION_GAP,
              "protect the band name");
      assertThat(adjudications.proposals(LEAD, ProposalStatus.OPEN)).hasSize(1);
      assertThat(adjudications.decision(LEAD, decision.id())).contains(decision);

      DisputeRecord reopened = adjudications.undo(ADJ, decision.id());

      assertThat(reopened.status()).isEqualTo(DisputeStatus.OPEN);
      assertThat(adjudications.disputes(ADJ, DisputeStatus.OPEN)).containsExactly(reopened);
      assertThat(adjudications.decisions(ADJ, dispute.id())).isEmpty();
      assertThat(adjudications.decision(ADJ, decision.id())).isEmpty();
      assertThatThrownBy(() -> adjudications.decision(ANN_1, decision.id()))
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(adjudications.proposals(LEAD, ProposalStatus.OPEN)).isEmpty();
      assertThat(fixture.project().audit().eventsFor("adjudication", Long.toString(decision.id())))
          .extracting(event -> event.action() + " by " + event.actor())
          .containsExactly("adjudication.decide by adj-1", "adjudication.undo by adj-1");
      assertThat(
              fixture
                  .project()
                  .audit()
                  .eventsFor("adjudication", Long.toString(decision.id()))
                  .get(1)
                  .beforeJson())
          .contains("\"reason\":\"normalization-gap\"")
          .contains("twenty one pilots");
      assertThat(
              fixture
                  .project()
                  .audit()
                  .eventsFor(
                      "policy-proposal", Long.toString(decision.policyProposalId().getAsLong())))
          .extracting(event -> event.action())
          .containsExactly("proposal.open", "proposal.withdraw");
      assertThatThrownBy(() -> adjudications.undo(ADJ, decision.id()))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("it may have been undone already");

      // Redo: the dispute can be decided again, and the history shows all three steps.
      Adjudication again =
          adjudications.decide(
              ADJ, dispute.id(), transcript("twenty one pilots"), ReasonCode.OTHER, "");
      assertThat(adjudications.decisions(LEAD, dispute.id())).containsExactly(again);
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void undoIsRefusedOnceTheLeadActedOnTheProposalAndForStrangers(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 1)) {
      Adjudications adjudications = fixture.adjudications();
      long clip = fixture.clipId("clip-0001");
      DisputeRecord dispute =
          adjudications.recordDispute(LEAD, clip, ASR, goldAndUnsure("clip-0001"));
      Adjudication decision =
          adjudications.decide(
              ADJ, dispute.id(), transcript("x"), ReasonCode.RUBRIC_GAP, "say how to spell it");
      assertThatThrownBy(() -> adjudications.undo(ANN_1, decision.id()))
          .isInstanceOf(PermissionDeniedException.class);
      long proposal = decision.policyProposalId().getAsLong();
      adjudications.closeProposal(LEAD, proposal, false, "the rubric already says it");
      assertThat(fixture.project().audit().eventsFor("policy-proposal", Long.toString(proposal)))
          .last()
          .satisfies(
              event -> {
                assertThat(event.action()).isEqualTo("proposal.decline");
                assertThat(event.afterJson()).contains("the rubric already says it");
              });

      assertThatThrownBy(() -> adjudications.undo(LEAD, decision.id()))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "the lead has already declined policy proposal "
                  + proposal
                  + " raised by decision "
                  + decision.id()
                  + "; the decision stands, decide the dispute again instead");
      assertThat(adjudications.disputes(LEAD, DisputeStatus.RESOLVED)).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void escalationIsTakenBackOnlyWhileEscalatedAndAudited(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 1)) {
      Adjudications adjudications = fixture.adjudications();
      long clip = fixture.clipId("clip-0001");
      DisputeRecord dispute =
          adjudications.recordDispute(LEAD, clip, ASR, goldAndUnsure("clip-0001"));
      assertThatThrownBy(() -> adjudications.undoEscalation(ADJ, dispute.id()))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "dispute "
                  + dispute.id()
                  + " about clip-0001 is open, not escalated; there is no escalation to take"
                  + " back");
      adjudications.escalate(ADJ, dispute.id(), "band name?");
      assertThatThrownBy(() -> adjudications.undoEscalation(ANN_1, dispute.id()))
          .isInstanceOf(PermissionDeniedException.class);

      DisputeRecord reopened = adjudications.undoEscalation(ADJ, dispute.id());

      assertThat(reopened.status()).isEqualTo(DisputeStatus.OPEN);
      assertThat(adjudications.disputes(LEAD, DisputeStatus.OPEN)).containsExactly(reopened);
      assertThat(adjudications.disputes(LEAD, DisputeStatus.ESCALATED)).isEmpty();
      assertThat(fixture.project().audit().eventsFor("dispute", Long.toString(dispute.id())))
          .extracting(event -> event.action() + " by " + event.actor())
          .containsExactly(
              "dispute.open by lead-1",
              "dispute.escalate by adj-1",
              "dispute.escalate.undo by adj-1");
      assertThat(fixture.project().audit().eventsFor("dispute", Long.toString(dispute.id())))
          .last()
          .satisfies(
              event -> {
                assertThat(event.beforeJson()).contains("\"status\":\"escalated\"");
                assertThat(event.afterJson()).contains("\"status\":\"open\"");
              });
      // Escalated and decided by the lead meanwhile: nothing to take back.
      adjudications.escalate(ADJ, dispute.id(), "again");
      adjudications.decide(LEAD, dispute.id(), transcript("x"), ReasonCode.OTHER, "");
      assertThatThrownBy(() -> adjudications.undoEscalation(ADJ, dispute.id()))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("is resolved, not escalated");
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anAcceptedProposalIsMarkedDoneWithTheLeadsNote(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      Adjudications adjudications = fixture.adjudications();
      long[] proposals = new long[2];
      for (int i = 0; i < 2; i++) {
        String key = "clip-000" + (i + 1);
        DisputeRecord dispute =
            adjudications.recordDispute(LEAD, fixture.clipId(key), ASR, goldAndUnsure(key));
        proposals[i] =
            adjudications
                .decide(
                    ADJ, dispute.id(), transcript("x"), ReasonCode.NORMALIZATION_GAP, "band names")
                .policyProposalId()
                .getAsLong();
      }
      long proposal = proposals[0];
      assertThatThrownBy(() -> adjudications.markProposalDone(LEAD, proposal, "too early"))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "there is no accepted policy proposal "
                  + proposal
                  + "; only an accepted proposal is marked done, reload the proposals");
      adjudications.closeProposal(LEAD, proposal, true, "will protect band names");
      adjudications.closeProposal(LEAD, proposals[1], true, "same");
      assertThatThrownBy(() -> adjudications.markProposalDone(ADJ, proposal, "x"))
          .isInstanceOf(PermissionDeniedException.class);

      adjudications.markProposalDone(LEAD, proposal, " published en-asr@2 ");

      assertThat(adjudications.proposals(LEAD, ProposalStatus.DONE))
          .singleElement()
          .satisfies(
              done -> {
                assertThat(done.id()).isEqualTo(proposal);
                assertThat(done.status()).isEqualTo(ProposalStatus.DONE);
              });
      assertThat(adjudications.proposals(LEAD, ProposalStatus.ACCEPTED))
          .extracting(PolicyProposal::id)
          .containsExactly(proposals[1]);
      assertThat(fixture.project().audit().eventsFor("policy-proposal", Long.toString(proposal)))
          .extracting(event -> event.action())
          .containsExactly("proposal.open", "proposal.accept", "proposal.done");
      assertThat(fixture.project().audit().eventsFor("policy-proposal", Long.toString(proposal)))
          .last()
          .satisfies(
              event ->
                  assertThat(event.afterJson())
                      .contains("\"status\":\"done\"")
                      .contains("\"note\":\"published en-asr@2\""));
      assertThatThrownBy(() -> adjudications.markProposalDone(LEAD, proposal, "twice"))
          .isInstanceOf(StorageException.class);
      // The widened check still refuses a status nobody defined.
      assertThatThrownBy(
              () ->
                  fixture
                      .project()
                      .jdbi()
                      .useHandle(
                          handle ->
                              handle.execute(
                                  "UPDATE policy_proposals SET status = 'shelved' WHERE id = ?",
                                  proposals[1])))
          .isInstanceOf(Exception.class);
    }
  }
}
