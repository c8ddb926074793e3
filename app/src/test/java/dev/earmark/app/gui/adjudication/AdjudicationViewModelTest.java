package dev.earmark.app.gui.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.CurrentThreadExecutor;
import dev.earmark.app.gui.proposals.ProposalRow;
import dev.earmark.app.gui.proposals.ProposalsService;
import dev.earmark.app.gui.proposals.ProposalsViewModel;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.AlignmentGrid;
import dev.earmark.storage.adjudicate.AlignmentGrid.Row;
import dev.earmark.storage.adjudicate.AlignmentGrid.Source;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.PolicyProposal.ProposalStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adjudication view-model on a real demo project (adj-demo deciding the demo's routed ASR
 * disputes), with a synchronous executor; every outcome is checked against storage.
 */
class AdjudicationViewModelTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T17:00:00Z"), ZoneOffset.UTC);

  @TempDir static Path shared;
  private static Path template;

  @TempDir Path dir;
  private Project project;
  private AdjudicationViewModel model;

  @BeforeAll
  static void buildDemoOnce() {
    template = shared.resolve("demo");
    DemoDisputes.build(template);
  }

  private AdjudicationViewModel open(String user) throws IOException {
    DemoDisputes.copy(template, dir.resolve("demo"));
    project = Project.openEmbedded(dir.resolve("demo"), false, CLOCK);
    model =
        new AdjudicationViewModel(
            new AdjudicationService(project, user), new CurrentThreadExecutor());
    model.load();
    return model;
  }

  @AfterEach
  void close() {
    if (project != null) {
      project.close();
    }
  }

  private DisputeRow shown() {
    return model.currentProperty().get().row();
  }

  @Test
  void theQueueListsDisputesOpenFirstWithTheRuleThatFiredAndItsEvidence() throws IOException {
    open(DemoDisputes.ADJUDICATOR);

    int open =
        DemoDisputes.adjudications(project)
            .disputes(DemoDisputes.lead(project), DisputeStatus.OPEN)
            .size();
    assertThat(open).isGreaterThan(1);
    assertThat(model.rows()).hasSize(open);
    assertThat(model.rows()).allMatch(row -> row.status() == DisputeStatus.OPEN);
    assertThat(model.noDisputesProperty().get()).isFalse();
    assertThat(model.progressProperty().get()).isEqualTo("0 of " + open + " decided");
    DisputeRow first = model.rows().get(0);
    assertThat(shown()).isEqualTo(first);
    assertThat(model.headerProperty().get())
        .startsWith("Dispute 1 of " + open + " · " + first.clipKey() + " · rule: ");
    assertThat(model.rows())
        .filteredOn(row -> row.ruleCodes().contains("transcript-wer"))
        .isNotEmpty()
        .allSatisfy(
            row ->
                assertThat(row.evidenceLine())
                    .matches(
                        ".*transcript WER \\d\\.\\d\\d > 0\\.20 \\(ann-\\w+ vs ann-\\w+\\).*"));
    assertThat(model.rows()).allSatisfy(row -> assertThat(row.annotators()).hasSizeGreaterThan(1));
  }

  @Test
  void filtersBySliceRuleAndAnnotatorKeepExactlyTheMatchingDisputes() throws IOException {
    open(DemoDisputes.ADJUDICATOR);
    List<DisputeRow> all = new ArrayList<>(model.rows());

    String annotator = model.annotatorChoices().get(0);
    model.annotatorFilterProperty().set(annotator);
    assertThat(model.rows())
        .containsExactlyElementsOf(
            all.stream().filter(r -> r.annotators().contains(annotator)).toList());
    model.annotatorFilterProperty().set("");

    String slice = model.sliceChoices().get(model.sliceChoices().size() - 1);
    model.sliceFilterProperty().set(slice);
    List<DisputeRow> inSlice = all.stream().filter(r -> r.sliceTags().contains(slice)).toList();
    assertThat(inSlice).isNotEmpty().hasSizeLessThan(all.size());
    assertThat(model.rows()).containsExactlyElementsOf(inSlice);
    assertThat(model.progressProperty().get()).isEqualTo("0 of " + inSlice.size() + " decided");
    assertThat(inSlice).contains(shown());

    model.sliceFilterProperty().set("");
    model.ruleFilterProperty().set("no-such-rule");
    assertThat(model.rows()).isEmpty();
    assertThat(model.currentProperty().get()).isNull();
    model.ruleFilterProperty().set("transcript-wer");
    assertThat(model.rows())
        .containsExactlyElementsOf(
            all.stream().filter(r -> r.ruleCodes().contains("transcript-wer")).toList());
  }

  @Test
  void pickingALabelPrefillsTheFinalTextAndRealignsTheGridToIt() throws IOException {
    open(DemoDisputes.ADJUDICATOR);
    DisputeRow row = shown();
    Map<String, String> transcripts = DemoDisputes.transcripts(project, row.dispute());
    assertThat(transcripts.keySet()).isEqualTo(row.annotators());

    for (Map.Entry<String, String> label : transcripts.entrySet()) {
      model.pick(label.getKey());
      assertThat(model.pickedProperty().get()).isEqualTo(label.getKey());
      assertThat(model.finalTextProperty().get()).isEqualTo(label.getValue());
      AlignmentGrid grid = model.gridProperty().get();
      assertThat(grid.ruleSet()).isEqualTo("en-asr@1");
      assertThat(grid.rows())
          .filteredOn(Row::pivot)
          .extracting(Row::id)
          .containsExactly(label.getKey());
      assertThat(grid.rows().stream().filter(r -> r.source() == Source.ANNOTATOR).map(Row::id))
          .containsExactlyInAnyOrderElementsOf(transcripts.keySet());
      assertThat(grid.rows()).allSatisfy(r -> assertThat(r.cells()).hasSize(grid.columns()));
    }
    model.writeNew();
    assertThat(model.pickedProperty().get()).isEmpty();
    assertThat(model.finalTextProperty().get()).isEmpty();
  }

  @Test
  void decidingNeedsAReasonCode() throws IOException {
    open(DemoDisputes.ADJUDICATOR);
    long dispute = shown().disputeId();

    assertThat(model.decide()).isFalse();

    assertThat(model.messageProperty().get()).isEqualTo("Choose a reason code before deciding.");
    assertThat(DemoDisputes.status(project, dispute)).isEqualTo(DisputeStatus.OPEN);
    assertThat(model.canUndoProperty().get()).isFalse();
  }

  @Test
  void afterADecisionTheNextOpenDisputeBelowOpensAndTheCounterMoves() throws IOException {
    open(DemoDisputes.ADJUDICATOR);
    List<DisputeRow> before = List.copyOf(model.rows());
    assertThat(before).hasSizeGreaterThan(4);
    int total = before.size();
    model.open(before.get(2));
    assertThat(model.headerProperty().get()).startsWith("Dispute 3 of " + total + " · ");
    model.reasonProperty().set(ReasonCode.ANNOTATOR_ERROR);

    assertThat(model.decide()).isTrue();

    assertThat(shown().disputeId()).isEqualTo(before.get(3).disputeId());
    assertThat(model.headerProperty().get())
        .startsWith("Dispute 4 of " + total + " · " + before.get(3).clipKey());
    assertThat(model.progressProperty().get()).isEqualTo("1 of " + total + " decided");
    model.reasonProperty().set(ReasonCode.ANNOTATOR_ERROR);
    assertThat(model.decide()).isTrue();
    assertThat(model.headerProperty().get()).startsWith("Dispute 5 of " + total + " · ");
    assertThat(model.rows().get(2).status()).isEqualTo(DisputeStatus.RESOLVED);
  }

  @Test
  void undoReopensTheDisputeInStorageAndRedoDecidesItAgain() throws IOException {
    open(DemoDisputes.ADJUDICATOR);
    DisputeRow row = shown();
    Map<String, String> transcripts = DemoDisputes.transcripts(project, row.dispute());
    String second = new ArrayList<>(transcripts.keySet()).get(1);
    model.pick(second);
    model.reasonProperty().set(ReasonCode.ANNOTATOR_ERROR);
    model.noteProperty().set("the others misheard");

    assertThat(model.decide()).isTrue();

    assertThat(DemoDisputes.status(project, row.disputeId())).isEqualTo(DisputeStatus.RESOLVED);
    Adjudication decision = DemoDisputes.decisions(project, row.disputeId()).get(0);
    assertThat(DemoDisputes.transcript(decision.finalValue())).isEqualTo(transcripts.get(second));
    assertThat(decision.reason()).isEqualTo(ReasonCode.ANNOTATOR_ERROR);
    assertThat(decision.adjudicator()).isEqualTo(DemoDisputes.ADJUDICATOR);
    assertThat(shown().disputeId()).isNotEqualTo(row.disputeId());
    assertThat(shown().status()).isEqualTo(DisputeStatus.OPEN);
    assertThat(model.progressProperty().get()).startsWith("1 of ");
    assertThat(model.canUndoProperty().get()).isTrue();

    assertThat(model.undo()).isTrue();

    assertThat(DemoDisputes.status(project, row.disputeId())).isEqualTo(DisputeStatus.OPEN);
    assertThat(DemoDisputes.decisions(project, row.disputeId())).isEmpty();
    assertThat(shown().disputeId()).isEqualTo(row.disputeId());
    assertThat(model.pickedProperty().get()).isEqualTo(second);
    assertThat(model.reasonProperty().get()).isEqualTo(ReasonCode.ANNOTATOR_ERROR);
    assertThat(model.noteProperty().get()).isEqualTo("the others misheard");
    assertThat(model.progressProperty().get()).startsWith("0 of ");
    assertThat(model.canRedoProperty().get()).isTrue();

    assertThat(model.redo()).isTrue();

    assertThat(DemoDisputes.status(project, row.disputeId())).isEqualTo(DisputeStatus.RESOLVED);
    assertThat(DemoDisputes.decisions(project, row.disputeId()))
        .singleElement()
        .satisfies(again -> assertThat(again.finalValue()).isEqualTo(decision.finalValue()));
    assertThat(project.audit().eventsFor("adjudication", Long.toString(decision.id())))
        .extracting(event -> event.action())
        .containsExactly("adjudication.decide", "adjudication.undo");
  }

  @Test
  void anEditedOrNewlyWrittenLabelIsStoredAsWritten() throws IOException {
    open(DemoDisputes.ADJUDICATOR);
    DisputeRow edited = shown();
    model.pick(edited.annotators().iterator().next());
    model.finalTextProperty().set(model.finalTextProperty().get() + " indeed");
    model.reasonProperty().set(ReasonCode.AMBIGUOUS_AUDIO);
    assertThat(model.decide()).isTrue();
    assertThat(
            DemoDisputes.transcript(
                DemoDisputes.decisions(project, edited.disputeId()).get(0).finalValue()))
        .endsWith(" indeed");

    DisputeRow written = shown();
    model.writeNew();
    model.finalTextProperty().set("a transcript nobody typed");
    model.reasonProperty().set(ReasonCode.OTHER);
    assertThat(model.decide()).isTrue();
    Adjudication decision = DemoDisputes.decisions(project, written.disputeId()).get(0);
    assertThat(decision.finalValue().fields()).containsOnlyKeys("transcript");
    assertThat(DemoDisputes.transcript(decision.finalValue()))
        .isEqualTo("a transcript nobody typed");
  }

  @Test
  void aNormalizationGapNeedsANoteAndBecomesAProposalForTheLead() throws IOException {
    open(DemoDisputes.ADJUDICATOR);
    DisputeRow row = shown();
    model.reasonProperty().set(ReasonCode.NORMALIZATION_GAP);
    assertThat(model.decide()).isFalse();
    assertThat(model.messageProperty().get()).contains("needs a note");

    model.noteProperty().set("numbers inside band names");
    assertThat(model.decide()).isTrue();
    assertThat(model.messageProperty().get()).contains("proposal filed for the lead");

    ProposalsViewModel proposals =
        new ProposalsViewModel(
            new ProposalsService(project, DemoDisputes.LEAD), new CurrentThreadExecutor());
    proposals.load();
    assertThat(proposals.rows())
        .singleElement()
        .satisfies(
            proposal -> {
              assertThat(proposal.clipKey()).isEqualTo(row.clipKey());
              assertThat(proposal.reason()).isEqualTo("normalization-gap");
              assertThat(proposal.note()).isEqualTo("numbers inside band names");
              assertThat(proposal.decidedLabel())
                  .isEqualTo(
                      DemoDisputes.transcript(
                          DemoDisputes.decisions(project, row.disputeId()).get(0).finalValue()));
            });
    proposals.leadNoteProperty().set("en-asr@2 will protect band names");
    proposals.accept();
    assertThat(proposals.rows()).isEmpty();
    proposals.statusProperty().set(ProposalStatus.ACCEPTED);
    assertThat(proposals.rows()).extracting(ProposalRow::clipKey).containsExactly(row.clipKey());
  }

  @Test
  void theLeadMarksAnAcceptedProposalDoneOnceTheRuleChangeIsMade() throws IOException {
    open(DemoDisputes.ADJUDICATOR);
    DisputeRow row = shown();
    model.reasonProperty().set(ReasonCode.NORMALIZATION_GAP);
    model.noteProperty().set("numbers inside band names");
    assertThat(model.decide()).isTrue();
    ProposalsViewModel proposals =
        new ProposalsViewModel(
            new ProposalsService(project, DemoDisputes.LEAD), new CurrentThreadExecutor());
    proposals.load();
    proposals.markDone();
    assertThat(proposals.messageProperty().get())
        .isEqualTo("Select an accepted proposal first; only those are marked done.");
    proposals.accept();
    proposals.statusProperty().set(ProposalStatus.ACCEPTED);
    proposals.leadNoteProperty().set("published en-asr@2");

    proposals.markDone();

    assertThat(proposals.messageProperty().get())
        .isEqualTo("Marked the normalization-gap proposal about " + row.clipKey() + " done.");
    assertThat(proposals.rows()).isEmpty();
    proposals.statusProperty().set(ProposalStatus.DONE);
    assertThat(proposals.rows()).extracting(ProposalRow::clipKey).containsExactly(row.clipKey());
    long id = proposals.rows().get(0).id();
    assertThat(project.audit().eventsFor("policy-proposal", Long.toString(id)))
        .last()
        .satisfies(
            event -> {
              assertThat(event.action()).isEqualTo("proposal.done");
              assertThat(event.actor()).isEqualTo(DemoDisputes.LEAD);
              assertThat(event.afterJson()).contains("published en-asr@2");
            });
  }

  @Test
  void anAnnotatorIsRefusedByStorage() throws IOException {
    open("ann-alex");

    assertThat(model.rows()).isEmpty();
    assertThat(model.messageProperty().get()).contains("ann-alex cannot read disputes");
  }

  @Test
  void aProjectWithoutDisputesShowsTheEmptyState() {
    project = Project.openEmbedded(dir.resolve("empty"), true, CLOCK);
    Actor lead = new Actor("lead-1", EnumSet.of(Role.LEAD));
    project.users().add(lead, "lead-1", "Lead", EnumSet.of(Role.LEAD));
    model =
        new AdjudicationViewModel(
            new AdjudicationService(project, "lead-1"), new CurrentThreadExecutor());

    model.load();

    assertThat(model.noDisputesProperty().get()).isTrue();
    assertThat(model.currentProperty().get()).isNull();
    assertThat(model.progressProperty().get()).isEqualTo("0 of 0 decided");
  }

  @Test
  void comingBackToTheScreenKeepsTheFormAsItWasLeft() throws IOException {
    open(DemoDisputes.ADJUDICATOR);
    DisputeRow row = shown();
    model.finalTextProperty().set("half-typed");
    model.reasonProperty().set(ReasonCode.BAD_AUDIO);

    model.load();

    assertThat(shown()).isEqualTo(row);
    assertThat(model.finalTextProperty().get()).isEqualTo("half-typed");
    assertThat(model.reasonProperty().get()).isEqualTo(ReasonCode.BAD_AUDIO);
  }
}
