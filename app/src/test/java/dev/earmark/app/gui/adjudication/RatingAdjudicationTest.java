package dev.earmark.app.gui.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.gui.CurrentThreadExecutor;
import dev.earmark.engine.dispute.DisputeReason;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TTS rating dispute (recorded through storage on the real demo project, whose rating labels are
 * imported but never routed) decided field by field, picks and reasons by number, and escalation
 * with its undo; every outcome is checked in storage.
 */
class RatingAdjudicationTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T18:00:00Z"), ZoneOffset.UTC);

  @TempDir static Path shared;
  private static Path template;

  @TempDir Path dir;
  private Project project;
  private AdjudicationViewModel model;
  private DisputeRecord dispute;

  @BeforeAll
  static void buildDemoOnce() {
    template = shared.resolve("demo");
    DemoDisputes.build(template);
  }

  /** Opens the demo copy with a fresh tts-001 rating dispute shown, acting as adj-demo. */
  private void openRatingDispute() throws IOException {
    DemoDisputes.copy(template, dir.resolve("demo"));
    project = Project.openEmbedded(dir.resolve("demo"), false, CLOCK);
    dispute = DemoDisputes.recordTtsDispute(project, "tts-001");
    model =
        new AdjudicationViewModel(
            new AdjudicationService(project, DemoDisputes.ADJUDICATOR),
            new CurrentThreadExecutor());
    model.load();
    model.open(
        model.rows().stream()
            .filter(row -> row.disputeId() == dispute.id())
            .findFirst()
            .orElseThrow());
  }

  @AfterEach
  void close() {
    if (project != null) {
      project.close();
    }
  }

  @Test
  void aRatingDisputeShowsEachDimensionWithItsAnchorsAndNoTranscriptGrid() throws IOException {
    openRatingDispute();

    assertThat(model.gridProperty().get()).isNull();
    assertThat(model.currentProperty().get().labels())
        .extracting(DisputeCase.AnnotatorLabel::annotatorId)
        .containsExactlyInAnyOrder("ann-alex", "ann-bea", "ann-cem");
    FieldComparison naturalness =
        model.comparisons().stream()
            .filter(field -> field.field().equals("naturalness"))
            .findFirst()
            .orElseThrow();
    assertThat(naturalness.agrees()).isFalse();
    assertThat(model.choices("naturalness"))
        .extracting(FieldChoice::line)
        .startsWith("1 — Clearly machine-like throughout: robotic, buzzy or monotone.")
        .endsWith("5 — Indistinguishable from a good human recording.")
        .hasSize(5);
    assertThat(model.choices("mispronounced_words")).isEmpty();
  }

  @Test
  void editingOneDimensionOfAPickedLabelStoresThatLabelWithTheOneChange() throws IOException {
    openRatingDispute();
    String second = model.currentProperty().get().labels().get(1).annotatorId();
    LabelValue picked = DemoDisputes.label(project, dispute, second);

    assertThat(model.pickRow(2)).isTrue();
    assertThat(model.pickedProperty().get()).isEqualTo(second);
    model.setField("naturalness", new FieldValue.ScalePoint(4));
    assertThat(model.edits()).containsOnlyKeys("naturalness");
    assertThat(model.fieldValue("naturalness")).contains(new FieldValue.ScalePoint(4));
    assertThat(model.chooseReason(1)).isTrue(); // annotator-error
    model.noteProperty().set("the voice is human-like apart from one breath");

    assertThat(model.decide()).isTrue();

    Map<String, FieldValue> expected = new LinkedHashMap<>(picked.fields());
    expected.put("naturalness", new FieldValue.ScalePoint(4));
    assertThat(DemoDisputes.decisions(project, dispute.id()))
        .singleElement()
        .satisfies(
            decision -> {
              assertThat(decision.finalValue())
                  .isEqualTo(new LabelValue(DemoDisputes.TTS, expected));
              assertThat(decision.reason()).isEqualTo(ReasonCode.ANNOTATOR_ERROR);
            });
    assertThat(DemoDisputes.status(project, dispute.id())).isEqualTo(DisputeStatus.RESOLVED);
  }

  @Test
  void settingAFieldBackToThePickedValueDropsTheEditAndPickingAgainStartsOver() throws IOException {
    openRatingDispute();
    model.pickRow(1);
    FieldValue original = model.fieldValue("prosody").orElseThrow();
    model.setField("prosody", new FieldValue.ScalePoint(1));
    model.setField("prosody", original);
    assertThat(model.edits()).isEmpty();
    model.setField("prosody", new FieldValue.ScalePoint(1));
    model.pickRow(3);
    assertThat(model.edits()).isEmpty();
    assertThat(model.pickRow(4)).isFalse();
    assertThat(model.chooseReason(ReasonCode.values().length + 1)).isFalse();
  }

  @Test
  void anIncompleteFinalLabelIsRefusedWithThePlainProblemBeforeStorageIsAsked() throws IOException {
    openRatingDispute();
    model.pickRow(1);
    model.clearField("intelligibility");
    model.chooseReason(2);

    assertThat(model.problems()).singleElement().asString().startsWith("Intelligibility");
    assertThat(model.decide()).isFalse();
    assertThat(model.messageProperty().get())
        .startsWith("The final label does not fit rubric tts-rating@1: Intelligibility")
        .endsWith("Change those fields before deciding.");
    assertThat(DemoDisputes.status(project, dispute.id())).isEqualTo(DisputeStatus.OPEN);

    // Writing new starts from an empty label: every required dimension is missing.
    model.writeNew();
    assertThat(model.problems()).hasSizeGreaterThan(3);
  }

  @Test
  void escalationIsUndoneInStorageAndRedoneWithItsNote() throws IOException {
    openRatingDispute();
    model.noteProperty().set("is a breath an artefact?");

    assertThat(model.escalate()).isTrue();
    assertThat(DemoDisputes.status(project, dispute.id())).isEqualTo(DisputeStatus.ESCALATED);
    assertThat(model.canUndoProperty().get()).isTrue();

    assertThat(model.undo()).isTrue();
    assertThat(DemoDisputes.status(project, dispute.id())).isEqualTo(DisputeStatus.OPEN);
    assertThat(model.messageProperty().get()).isEqualTo("Undone: escalated tts-001 to the lead");
    assertThat(model.currentProperty().get().row().disputeId()).isEqualTo(dispute.id());
    assertThat(model.noteProperty().get()).isEqualTo("is a breath an artefact?");
    assertThat(project.audit().eventsFor("dispute", Long.toString(dispute.id())))
        .extracting(event -> event.action() + " by " + event.actor())
        .containsExactly(
            "dispute.open by lead-demo",
            "dispute.escalate by adj-demo",
            "dispute.escalate.undo by adj-demo");

    assertThat(model.redo()).isTrue();
    assertThat(DemoDisputes.status(project, dispute.id())).isEqualTo(DisputeStatus.ESCALATED);
  }

  @Test
  void anUndoneDecisionBringsBackTheEditedFields() throws IOException {
    openRatingDispute();
    model.pickRow(1);
    model.setField("safety", new FieldValue.ScalePoint(3));
    model.chooseReason(6); // other
    assertThat(model.decide()).isTrue();
    Optional<Adjudication> decided =
        DemoDisputes.decisions(project, dispute.id()).stream().findFirst();
    assertThat(decided).isPresent();

    assertThat(model.undo()).isTrue();

    assertThat(DemoDisputes.decisions(project, dispute.id())).isEmpty();
    assertThat(model.currentProperty().get().row().disputeId()).isEqualTo(dispute.id());
    assertThat(model.fieldValue("safety")).contains(new FieldValue.ScalePoint(3));
    assertThat(model.reasonProperty().get()).isEqualTo(ReasonCode.OTHER);
  }

  @Test
  void aStageLabelDisputeIsDecidedWithOneStageChangedAndWithoutTheUnsureFlag() throws IOException {
    openRatingDispute(); // builds the project; the stage dispute is recorded beside the rating one
    DisputeRecord stages =
        DemoDisputes.recordDispute(
            project,
            "rag-001",
            DemoDisputes.RAG,
            new DisputeReason.CategoricalMismatch(
                Map.of("ann-alex", "partial", "ann-bea", "complete")));
    model.load();
    model.open(
        model.rows().stream()
            .filter(row -> row.disputeId() == stages.id())
            .findFirst()
            .orElseThrow());
    String first = model.currentProperty().get().labels().get(0).annotatorId();
    LabelValue picked = DemoDisputes.label(project, stages, first);
    assertThat(picked.field("unsure")).contains(new FieldValue.Flag(true));

    model.pickRow(1);
    assertThat(model.fieldValue("unsure")).isEmpty();
    assertThat(model.choices("retrieval_recall"))
        .extracting(FieldChoice::shown)
        .contains("partial", "complete");
    assertThat(model.choices("retrieval_recall")).allMatch(c -> !c.description().isBlank());
    model.setField("retrieval_recall", new FieldValue.Choice("complete"));
    model.chooseReason(2); // ambiguous-audio
    assertThat(model.decide()).isTrue();

    Map<String, FieldValue> expected = new LinkedHashMap<>(picked.fields());
    expected.remove("unsure");
    expected.put("retrieval_recall", new FieldValue.Choice("complete"));
    assertThat(DemoDisputes.decisions(project, stages.id()))
        .singleElement()
        .satisfies(
            decision ->
                assertThat(decision.finalValue())
                    .isEqualTo(new LabelValue(DemoDisputes.RAG, expected)));
  }
}
