package dev.earmark.storage.label;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ANN_2;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static dev.earmark.storage.LabelingFixture.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.dispute.Dispute;
import dev.earmark.engine.dispute.DisputeReason;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.release.ReleaseBlocker;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.export.BatchExporter;
import dev.earmark.storage.export.ExportOutcome;
import dev.earmark.storage.export.ExportRequest;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An annotator's submitted work stays theirs to see and, until its item is disputed, adjudicated or
 * exported, to correct (issue 17), on H2 and PostgreSQL.
 */
class SubmittedWorkTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T14:02:31Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private LabelingFixture labeled(Supplier<Project> factory) {
    LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 3);
    fixture
        .assignments()
        .assign(
            LEAD,
            new AssignmentPlan(ASR, Optional.empty(), List.of("ann-1", "ann-2"), 1.0, 0.0, 7),
            QueuePriority.byClipId());
    return fixture;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void submittedWorkIsListedForItsAnnotatorOnly(Supplier<Project> factory) {
    try (LabelingFixture fixture = labeled(factory)) {
      fixture
          .labels()
          .submit(ANN_1, fixture.assignmentId("ann-1", "clip-0002"), transcript("two"), 0);
      fixture
          .labels()
          .submit(ANN_2, fixture.assignmentId("ann-2", "clip-0003"), transcript("three"), 0);

      assertThat(fixture.labels().submittedWork(ANN_1))
          .singleElement()
          .satisfies(
              item -> {
                assertThat(item.clipKey()).isEqualTo("clip-0002");
                assertThat(item.annotatorId()).isEqualTo("ann-1");
                assertThat(item.state()).isEqualTo(AssignmentState.SUBMITTED);
              });
      assertThat(fixture.assignments().queue(ANN_1, "ann-1"))
          .extracting(QueueItem::clipKey)
          .containsExactly("clip-0001", "clip-0003");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSubmittedLabelIsCorrectedAsANewAuditedVersionUntilItsItemIsDisputed(
      Supplier<Project> factory) {
    try (LabelingFixture fixture = labeled(factory)) {
      long id = fixture.assignmentId("ann-1", "clip-0001");
      SavedLabel first = fixture.labels().submit(ANN_1, id, transcript("my words"), 0);
      assertThat(fixture.labels().open(ANN_1, id).readOnlyBecause()).isEmpty();

      SavedLabel corrected =
          fixture.labels().submit(ANN_1, id, transcript("my own words"), first.version());

      assertThat(corrected.version()).isEqualTo(2);
      assertThat(fixture.project().audit().eventsFor("label", Long.toString(first.labelId())))
          .extracting(event -> event.action() + " by " + event.actor())
          .containsExactly("label.submit by ann-1", "label.correct by ann-1");

      fixture
          .labels()
          .submit(ANN_2, fixture.assignmentId("ann-2", "clip-0001"), transcript("theirs"), 0);
      DisputeRecord dispute = dispute(fixture, "clip-0001");

      assertThat(fixture.labels().open(ANN_1, id).readOnlyBecause())
          .contains("the item is disputed and waits for an adjudicator");
      assertThatThrownBy(
              () -> fixture.labels().submit(ANN_1, id, transcript("again"), corrected.version()))
          .isInstanceOf(LabelLockedException.class)
          .hasMessage(
              "the submitted label for clip-0001 can no longer be corrected: the item is disputed"
                  + " and waits for an adjudicator");

      fixture
          .adjudications()
          .decide(
              ADJ,
              dispute.id(),
              transcript("my own words").value(),
              ReasonCode.ANNOTATOR_ERROR,
              "");
      assertThat(fixture.labels().open(ANN_1, id).readOnlyBecause())
          .contains("the item has been adjudicated");
      assertThat(fixture.labels().open(ANN_1, id).version()).isEqualTo(2);
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anExportedLabelIsReadOnlyNamingTheBatch(Supplier<Project> factory) throws Exception {
    try (LabelingFixture fixture = labeled(factory)) {
      long id = fixture.assignmentId("ann-1", "clip-0001");
      SavedLabel first = fixture.labels().submit(ANN_1, id, transcript("one"), 0);
      fixture
          .labels()
          .submit(ANN_2, fixture.assignmentId("ann-2", "clip-0001"), transcript("one"), 0);
      Map<String, String> waived =
          Map.of(
              ReleaseBlocker.UnknownSource.CODE, "test data",
              ReleaseBlocker.MissingConsent.CODE, "test data",
              ReleaseBlocker.ConsentExcludesUse.CODE, "test data",
              ReleaseBlocker.RetentionExpired.CODE, "test data",
              ReleaseBlocker.SplitLeakage.CODE, "test data",
              ReleaseBlocker.UnresolvedDisputes.CODE, "test data",
              ReleaseBlocker.RubricVersionMismatch.CODE, "test data");
      VersionedId rules = RuleSets.EN_ASR_1;
      fixture
          .policies()
          .publishRuleSet(
              LEAD, rules, AuditLog.json().readTree(RuleSetJson.write(RuleSets.enAsr1())));
      fixture.policies().setPolicy(LEAD, ASR, rules);
      ExportOutcome outcome =
          new BatchExporter(fixture.project(), fixture.policies())
              .export(
                  LEAD,
                  ExportRequest.plain(
                      "batch-7",
                      dir.resolve("batch-7"),
                      List.of("earmark-jsonl"),
                      waived,
                      Optional.of(Instant.parse("2026-11-21T14:00:00Z")),
                      DataUse.TRAINING,
                      "test"));
      assertThat(outcome).isInstanceOf(ExportOutcome.Exported.class);

      assertThat(fixture.labels().open(ANN_1, id).readOnlyBecause())
          .contains("the item was exported in batch batch-7");
      assertThatThrownBy(() -> fixture.labels().submit(ANN_1, id, transcript("1"), first.version()))
          .isInstanceOf(LabelLockedException.class)
          .hasMessageEndingWith("the item was exported in batch batch-7");
    }
  }

  private static DisputeRecord dispute(LabelingFixture fixture, String clipKey) {
    return fixture
        .adjudications()
        .recordDispute(
            LEAD,
            fixture.clipId(clipKey),
            ASR,
            new Dispute(
                clipKey,
                List.of(
                    new DisputeReason.CategoricalMismatch(
                        Map.of("ann-1", "my own words", "ann-2", "theirs")))));
  }
}
