package dev.earmark.storage.label;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ANN_2;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static dev.earmark.storage.LabelingFixture.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImportSubmittedTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T14:02:31.250Z"), ZoneOffset.UTC);
  private static final Instant CREATED = Instant.parse("2026-11-16T09:00:00Z");
  private static final Instant SUBMITTED = Instant.parse("2026-11-16T09:00:09.316Z");

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private static long assign(LabelingFixture fixture, String annotator, String clipKey) {
    return fixture
        .assignments()
        .assignExplicit(LEAD, ASR, fixture.clipId(clipKey), annotator, false)
        .assignmentId();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anImportedLabelKeepsItsOriginalTimesAndIsAuditedByTheLeadNamingTheAnnotator(
      Supplier<Project> factory) throws Exception {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      long id = assign(fixture, "ann-3", "clip-0001");
      // A listened share below the rubric's requirement is a habit to report, not a reason to
      // refuse.
      LabelInput input =
          new LabelInput(
              new LabelValue(ASR, Map.of("transcript", new FieldValue.Text("call shivon"))),
              Duration.ofMillis(9316),
              0.6);
      SavedLabel saved = fixture.labels().importSubmitted(LEAD, id, input, CREATED, SUBMITTED);

      assertThat(saved.state()).isEqualTo(LabelState.SUBMITTED);
      assertThat(saved.version()).isEqualTo(1);
      assertThat(saved.savedAt()).isEqualTo(SUBMITTED);
      Label stored = fixture.labels().open(ADJ, id).label().orElseThrow();
      assertThat(stored.annotatorId()).isEqualTo("ann-3");
      assertThat(stored.createdAt()).isEqualTo(CREATED);
      assertThat(stored.updatedAt()).isEqualTo(SUBMITTED);
      assertThat(stored.submittedAt()).contains(SUBMITTED);
      assertThat(stored.timeSpent()).isEqualTo(Duration.ofMillis(9316));
      assertThat(stored.listenedCoverage()).isEqualTo(0.6);
      assertThat(stored.value()).isEqualTo(input.value());
      assertThat(fixture.assignments().queue(LEAD, "ann-3")).isEmpty();

      List<AuditEvent> events =
          fixture.project().audit().eventsFor("label", Long.toString(saved.labelId()));
      assertThat(events)
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.action()).isEqualTo("label.import");
                assertThat(event.actor()).isEqualTo("lead-1");
              });
      JsonNode after = AuditLog.json().readTree(events.get(0).afterJson());
      assertThat(after.path("annotator").asText()).isEqualTo("ann-3");
      assertThat(after.path("submitted_at").asText()).isEqualTo("2026-11-16T09:00:09.316Z");
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void importingTwiceOrOverAnotherLabelIsRefusedAndChangesNothing(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      long imported = assign(fixture, "ann-1", "clip-0001");
      long labelId =
          fixture
              .labels()
              .importSubmitted(LEAD, imported, transcript("one"), CREATED, SUBMITTED)
              .labelId();
      long drafted = assign(fixture, "ann-2", "clip-0001");
      fixture.labels().saveDraft(ANN_2, drafted, transcript("two"), 0);
      int events = fixture.project().audit().eventsFor("label", Long.toString(labelId)).size();

      assertThatThrownBy(
              () ->
                  fixture
                      .labels()
                      .importSubmitted(LEAD, imported, transcript("uno"), CREATED, SUBMITTED))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "the assignment of clip-0001 to ann-1 already has a submitted label, so an imported"
                  + " one is not stored over it");
      assertThatThrownBy(
              () ->
                  fixture
                      .labels()
                      .importSubmitted(LEAD, drafted, transcript("dos"), CREATED, SUBMITTED))
          .hasMessageContaining("already has a draft label");
      assertThat(fixture.labels().open(LEAD, imported).label().orElseThrow().value())
          .isEqualTo(transcript("one").value());
      assertThat(fixture.project().audit().eventsFor("label", Long.toString(labelId)))
          .hasSize(events);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anImportedLabelIsValidatedAndOnlyALeadMayImport(Supplier<Project> factory) {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      long id = assign(fixture, "ann-1", "clip-0002");
      LabelInput empty =
          new LabelInput(
              new LabelValue(ASR, Map.of("unsure", new FieldValue.Flag(true))), Duration.ZERO, 1);

      assertThatThrownBy(
              () -> fixture.labels().importSubmitted(LEAD, id, empty, CREATED, SUBMITTED))
          .isInstanceOf(LabelValidationException.class);
      assertThatThrownBy(
              () ->
                  fixture
                      .labels()
                      .importSubmitted(ANN_1, id, transcript("one"), CREATED, SUBMITTED))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(
              () ->
                  fixture.labels().importSubmitted(LEAD, id, transcript("one"), SUBMITTED, CREATED))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("no earlier than");
      assertThat(fixture.labels().open(LEAD, id).label()).isEmpty();
      assertThat(fixture.assignments().queue(LEAD, "ann-1"))
          .singleElement()
          .extracting(item -> item.state())
          .isEqualTo(AssignmentState.PENDING);
    }
  }
}
