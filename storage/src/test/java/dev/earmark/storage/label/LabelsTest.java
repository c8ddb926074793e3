package dev.earmark.storage.label;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ANN_2;
import static dev.earmark.storage.LabelingFixture.ANN_3;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static dev.earmark.storage.LabelingFixture.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.dispute.Dispute;
import dev.earmark.engine.dispute.DisputeReason;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.Violation;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Drafts, submissions, validation, optimistic locking and blind reads, on H2 and PostgreSQL. */
class LabelsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T14:02:31.250Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  /** Three clips, each assigned to ann-1 and ann-2. */
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

  private static long assignment(LabelingFixture fixture, Actor annotator, String clipKey) {
    return fixture.assignmentId(annotator.userId(), clipKey);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void draftThenSubmitIsStoredWithEveryDetailAndAudited(Supplier<Project> factory) {
    try (LabelingFixture fixture = labeled(factory)) {
      long id = assignment(fixture, ANN_1, "clip-0001");
      LabelSession session = fixture.labels().open(ANN_1, id);
      assertThat(session.label()).isEmpty();
      assertThat(session.version()).isZero();
      assertThat(session.rubric()).isEqualTo(ASR);

      SavedLabel draft =
          fixture
              .labels()
              .saveDraft(
                  ANN_1,
                  id,
                  new LabelInput(
                      new LabelValue(ASR, Map.of("bad_audio", new FieldValue.Flag(false))),
                      Duration.ofSeconds(3),
                      0.4),
                  session.version());
      assertThat(draft.version()).isEqualTo(1);
      assertThat(draft.state()).isEqualTo(LabelState.DRAFT);
      assertThat(fixture.assignments().queue(ANN_1, "ann-1"))
          .filteredOn(item -> item.assignmentId() == id)
          .singleElement()
          .extracting(QueueItem::state)
          .isEqualTo(AssignmentState.DRAFTED);

      SavedLabel submitted =
          fixture.labels().submit(ANN_1, id, transcript("twenty one pilots"), draft.version());
      assertThat(submitted.version()).isEqualTo(2);
      assertThat(submitted.labelId()).isEqualTo(draft.labelId());

      Label stored = fixture.labels().open(ANN_1, id).label().orElseThrow();
      assertThat(stored.value().field("transcript"))
          .contains(new FieldValue.Text("twenty one pilots"));
      assertThat(stored.state()).isEqualTo(LabelState.SUBMITTED);
      assertThat(stored.rubric()).isEqualTo(ASR);
      assertThat(stored.timeSpent()).isEqualTo(Duration.ofSeconds(12));
      assertThat(stored.listenedCoverage()).isEqualTo(1.0);
      assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-11-21T14:02:31.250Z"));
      assertThat(stored.submittedAt()).contains(Instant.parse("2026-11-21T14:02:31.250Z"));
      assertThat(stored.lastModifiedBy()).isEqualTo("ann-1");
      assertThat(stored.clipKey()).isEqualTo("clip-0001");
      // Submitted assignments leave the queue.
      assertThat(fixture.assignments().queue(ANN_1, "ann-1"))
          .extracting(QueueItem::clipKey)
          .containsExactly("clip-0002", "clip-0003");

      assertThat(fixture.project().audit().eventsFor("label", Long.toString(draft.labelId())))
          .extracting(event -> event.action() + " by " + event.actor())
          .containsExactly("label.save-draft by ann-1", "label.submit by ann-1");
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void staleWriteIsRefusedNamingWhoChangedItAndWhen(Supplier<Project> factory) {
    try (LabelingFixture fixture = labeled(factory)) {
      long id = assignment(fixture, ANN_2, "clip-0002");
      // ann-2 opens the item on two machines; the lead corrects it from a third.
      int openedAt = fixture.labels().open(ANN_2, id).version();
      SavedLabel first = fixture.labels().saveDraft(ANN_2, id, transcript("one"), openedAt);
      SavedLabel lead = fixture.labels().saveDraft(LEAD, id, transcript("won"), first.version());

      assertThatThrownBy(() -> fixture.labels().saveDraft(ANN_2, id, transcript("two"), openedAt))
          .isInstanceOf(StaleLabelException.class)
          .hasMessage(
              "clip-0002 was changed by lead-1 at 14:02:31 after you opened it; reload to see"
                  + " their version")
          .satisfies(
              e -> {
                StaleLabelException stale = (StaleLabelException) e;
                assertThat(stale.changedBy()).isEqualTo("lead-1");
                assertThat(stale.currentVersion()).isEqualTo(2);
              });
      assertThatThrownBy(
              () -> fixture.labels().submit(ANN_2, id, transcript("two"), first.version()))
          .isInstanceOf(StaleLabelException.class);

      Label stored = fixture.labels().open(ANN_2, id).label().orElseThrow();
      assertThat(stored.value().field("transcript")).contains(new FieldValue.Text("won"));
      assertThat(stored.version()).isEqualTo(lead.version());
      assertThat(stored.lastModifiedBy()).isEqualTo("lead-1");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void valuesAreValidatedAgainstTheAssignmentsExactRubricVersion(Supplier<Project> factory) {
    try (LabelingFixture fixture = labeled(factory)) {
      VersionedId next = ASR.next();
      fixture.policies().publishRubric(LEAD, RubricCatalog.builtIn().get(ASR).edit().build());
      long id = assignment(fixture, ANN_1, "clip-0001");

      LabelInput underNext =
          new LabelInput(
              new LabelValue(next, Map.of("transcript", new FieldValue.Text("hi"))),
              Duration.ZERO,
              1);
      assertThatThrownBy(() -> fixture.labels().saveDraft(ANN_1, id, underNext, 0))
          .isInstanceOf(LabelValidationException.class)
          .hasMessageContaining(
              "made under asr-transcript@2 but the assignment is under asr-transcript@1");

      LabelInput unknownField =
          new LabelInput(
              new LabelValue(
                  ASR,
                  Map.of(
                      "transcript", new FieldValue.Text("hi"),
                      "mood", new FieldValue.Text("happy"))),
              Duration.ZERO,
              1);
      assertThatThrownBy(() -> fixture.labels().saveDraft(ANN_1, id, unknownField, 0))
          .isInstanceOfSatisfying(
              LabelValidationException.class,
              e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("mood"));

      // A draft may leave the transcript empty for now; a submission may not.
      LabelInput flagOnly =
          new LabelInput(
              new LabelValue(ASR, Map.of("unsure", new FieldValue.Flag(true))), Duration.ZERO, 0.5);
      SavedLabel draft = fixture.labels().saveDraft(ANN_1, id, flagOnly, 0);
      assertThatThrownBy(() -> fixture.labels().submit(ANN_1, id, flagOnly, draft.version()))
          .isInstanceOfSatisfying(
              LabelValidationException.class,
              e ->
                  assertThat(e.violations())
                      .extracting(Violation::field)
                      .containsExactly("transcript"));
      assertThat(fixture.labels().open(ANN_1, id).version()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void submittedLabelIsAmendedBySubmittingNotByDrafts(Supplier<Project> factory) {
    try (LabelingFixture fixture = labeled(factory)) {
      long id = assignment(fixture, ANN_1, "clip-0003");
      SavedLabel submitted = fixture.labels().submit(ANN_1, id, transcript("a"), 0);
      assertThatThrownBy(
              () -> fixture.labels().saveDraft(ANN_1, id, transcript("b"), submitted.version()))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("already submitted");
      SavedLabel amended = fixture.labels().submit(ANN_1, id, transcript("b"), submitted.version());
      assertThat(amended.version()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void onlyTheAssignedAnnotatorOrALeadWrites(Supplier<Project> factory) {
    try (LabelingFixture fixture = labeled(factory)) {
      long ann1Assignment = assignment(fixture, ANN_1, "clip-0001");
      assertThatThrownBy(
              () -> fixture.labels().saveDraft(ANN_2, ann1Assignment, transcript("x"), 0))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage(
              "ann-2 cannot label clip-0001 for ann-1: only the assigned annotator or a lead can");
      assertThatThrownBy(() -> fixture.labels().saveDraft(ADJ, ann1Assignment, transcript("x"), 0))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> fixture.labels().open(ANN_3, ann1Assignment))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> fixture.labels().saveDraft(ANN_1, 99_999, transcript("x"), 0))
          .isInstanceOf(StorageException.class)
          .hasMessage("there is no assignment 99999 in the project");
    }
  }

  /** Every public read an annotator can make, with what it returned. */
  private static Map<String, List<String>> everythingVisibleTo(
      LabelingFixture fixture, Actor actor) {
    Map<String, List<String>> seen = new LinkedHashMap<>();
    for (String clip : List.of("clip-0001", "clip-0002", "clip-0003")) {
      seen.put(
          "labelsForClip " + clip,
          fixture.labels().labelsForClip(actor, fixture.clipId(clip)).stream()
              .map(
                  label ->
                      label.annotatorId() + ":" + label.value().field("transcript").orElse(null))
              .toList());
    }
    seen.put(
        "labels",
        fixture.labels().labels(actor, ASR).stream()
            .map(label -> label.clipKey() + "/" + label.annotatorId())
            .toList());
    return seen;
  }

  private static void bothLabelClipOne(LabelingFixture fixture, boolean ann1Submits) {
    long ann1 = assignment(fixture, ANN_1, "clip-0001");
    long ann2 = assignment(fixture, ANN_2, "clip-0001");
    fixture.labels().submit(ANN_2, ann2, transcript("their words"), 0);
    if (ann1Submits) {
      fixture.labels().submit(ANN_1, ann1, transcript("my words"), 0);
    } else {
      fixture.labels().saveDraft(ANN_1, ann1, transcript("my words"), 0);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void annotatorSeesOnlyTheirOwnLabelBeforeSubmitting(Supplier<Project> factory) {
    try (LabelingFixture fixture = labeled(factory)) {
      fixture.settings().set(LEAD, Setting.SHOW_OTHER_LABELS_AFTER_SUBMIT, true);
      bothLabelClipOne(fixture, false);
      Map<String, List<String>> seen = everythingVisibleTo(fixture, ANN_1);
      assertThat(seen.get("labelsForClip clip-0001")).containsExactly("ann-1:Text[text=my words]");
      assertThat(seen.get("labels")).containsExactly("clip-0001/ann-1");
      assertThat(seen.toString()).doesNotContain("their words").doesNotContain("ann-2");
      // ann-3 has no label on the item and sees nothing.
      assertThat(everythingVisibleTo(fixture, ANN_3).values()).allMatch(List::isEmpty);
      // Opening someone else's assignment is refused rather than filtered.
      long ann2 = assignment(fixture, ANN_2, "clip-0001");
      assertThatThrownBy(() -> fixture.labels().open(ANN_1, ann2))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("annotators open only their own assignments");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void afterSubmittingOthersStayHiddenUntilTheLeadEnablesIt(Supplier<Project> factory) {
    try (LabelingFixture fixture = labeled(factory)) {
      bothLabelClipOne(fixture, true);
      assertThat(everythingVisibleTo(fixture, ANN_1).toString())
          .doesNotContain("their words")
          .doesNotContain("ann-2");

      fixture.settings().set(LEAD, Setting.SHOW_OTHER_LABELS_AFTER_SUBMIT, true);
      assertThat(fixture.labels().labelsForClip(ANN_1, fixture.clipId("clip-0001")))
          .extracting(Label::annotatorId)
          .containsExactly("ann-2", "ann-1");
      // ann-2 submitted too, so the switch also shows them ann-1's label; nothing of other clips.
      assertThat(fixture.labels().labels(ANN_2, ASR))
          .extracting(label -> label.clipKey() + "/" + label.annotatorId())
          .containsExactly("clip-0001/ann-2", "clip-0001/ann-1");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void adjudicatorsAndLeadsSeeEveryLabel(Supplier<Project> factory) {
    try (LabelingFixture fixture = labeled(factory)) {
      bothLabelClipOne(fixture, false);
      for (Actor overseer : List.of(ADJ, LEAD)) {
        assertThat(fixture.labels().labelsForClip(overseer, fixture.clipId("clip-0001")))
            .extracting(Label::annotatorId)
            .containsExactly("ann-2", "ann-1");
      }
      long ann2 = assignment(fixture, ANN_2, "clip-0001");
      assertThat(fixture.labels().open(ADJ, ann2).label()).isPresent();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anActorClaimingRolesTheUserLacksGainsNothing(Supplier<Project> factory) {
    try (LabelingFixture fixture = labeled(factory)) {
      bothLabelClipOne(fixture, false);
      Actor forged = new Actor("ann-1", EnumSet.of(Role.ANNOTATOR, Role.LEAD, Role.ADJUDICATOR));
      assertThat(fixture.labels().labelsForClip(forged, fixture.clipId("clip-0001")))
          .extracting(Label::annotatorId)
          .containsExactly("ann-1");
      Actor stranger = new Actor("mallory", EnumSet.of(Role.LEAD));
      assertThatThrownBy(
              () -> fixture.labels().labelsForClip(stranger, fixture.clipId("clip-0001")))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageStartingWith("mallory holds no role in this project");
      long ann2 = assignment(fixture, ANN_2, "clip-0001");
      assertThatThrownBy(() -> fixture.labels().open(forged, ann2))
          .isInstanceOf(PermissionDeniedException.class);
      // Dispute evidence quotes labels; queues and gold answers are not theirs either.
      long clip = fixture.clipId("clip-0001");
      fixture
          .adjudications()
          .recordDispute(
              LEAD,
              clip,
              ASR,
              new Dispute(
                  "clip-0001",
                  List.of(
                      new DisputeReason.CategoricalMismatch(
                          Map.of("ann-1", "my words", "ann-2", "their words")))));
      assertThatThrownBy(() -> fixture.adjudications().disputes(forged, DisputeStatus.OPEN))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-1 cannot read disputes: that needs the lead or adjudicator role");
      assertThatThrownBy(() -> fixture.adjudications().decisions(forged, 1))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> fixture.assignments().queue(forged, "ann-2"))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> fixture.assignments().goldAnswer(forged, clip, ASR))
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(fixture.assignments().queue(forged, "ann-1")).noneMatch(QueueItem::gold);
    }
  }
}
