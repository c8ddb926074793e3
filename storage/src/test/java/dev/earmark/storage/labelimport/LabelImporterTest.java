package dev.earmark.storage.labelimport;

import static dev.earmark.storage.LabelingFixture.ADJ;
import static dev.earmark.storage.LabelingFixture.ANN_1;
import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.dispute.DisputeRule;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LabelImporterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  /** The fixture with the ASR policy asr-transcript@1 + en-asr@1 in force. */
  private LabelingFixture fixture(Supplier<Project> factory) throws Exception {
    LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 4);
    fixture
        .policies()
        .publishRuleSet(
            LEAD,
            RuleSets.EN_ASR_1,
            new ObjectMapper().readTree(RuleSetJson.write(RuleSets.enAsr1())));
    fixture.policies().setPolicy(LEAD, ASR, RuleSets.EN_ASR_1);
    return fixture;
  }

  private Path file(String name, String... lines) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private static List<Label> labelsOf(LabelingFixture fixture, String annotator) {
    return fixture.labels().labels(LEAD, ASR).stream()
        .filter(label -> label.annotatorId().equals(annotator))
        .toList();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void eachLineBecomesTheAnnotatorsSubmittedLabelOrIsRefusedByItsLineNumber(
      Supplier<Project> factory) throws Exception {
    try (LabelingFixture fixture = fixture(factory)) {
      Path labels =
          file(
              "vendor.jsonl",
              "{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"call shivon\"},"
                  + " \"time_spent_ms\": 9316}",
              "",
              "{\"clip_id\": \"clip-0002\", \"value\": {\"transcript\": \"\"}}",
              "{\"clip_id\": \"clip-0404\", \"value\": {\"transcript\": \"hello\"}}",
              "{\"clip_id\": \"clip-0003\", \"value\": {\"rubric\": \"asr-transcript@1\","
                  + " \"fields\": {\"transcript\": \"good morning\", \"unsure\": false}}}",
              "not json",
              "{\"clip_id\": \"private\", \"value\": {\"transcript\": \"hello\"}}");

      LabelImportReport report = new LabelImporter(fixture.project()).run(LEAD, "ann-1", labels);

      assertThat(report.lines())
          .extracting(LineOutcome::line, LineOutcome::clipId, o -> o.getClass().getSimpleName())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, "clip-0001", "Imported"),
              org.assertj.core.groups.Tuple.tuple(3, "clip-0002", "Refused"),
              org.assertj.core.groups.Tuple.tuple(4, "clip-0404", "Refused"),
              org.assertj.core.groups.Tuple.tuple(5, "clip-0003", "Imported"),
              org.assertj.core.groups.Tuple.tuple(6, "", "Refused"),
              org.assertj.core.groups.Tuple.tuple(7, "private", "Refused"));
      assertThat(((LineOutcome.Refused) report.lines().get(1)).reason())
          .contains("breaks rubric asr-transcript@1")
          .contains("transcript");
      assertThat(((LineOutcome.Refused) report.lines().get(2)).reason())
          .contains("no clip clip-0404");
      assertThat(((LineOutcome.Refused) report.lines().get(5)).reason()).contains("excluded");
      assertThat(report.imported()).isEqualTo(2);
      assertThat(report.assigned()).isEqualTo(2);
      assertThat(report.allRefused()).isFalse();

      List<Label> stored = labelsOf(fixture, "ann-1");
      assertThat(stored).hasSize(2);
      Label first = stored.get(0);
      assertThat(first.clipKey()).isEqualTo("clip-0001");
      assertThat(first.state()).isEqualTo(LabelState.SUBMITTED);
      assertThat(first.rubric()).isEqualTo(ASR);
      assertThat(first.timeSpent()).isEqualTo(Duration.ofMillis(9316));
      assertThat(first.submittedAt()).contains(CLOCK.instant());
      assertThat(first.value().field("transcript")).contains(new FieldValue.Text("call shivon"));
      assertThat(
              fixture
                  .project()
                  .audit()
                  .eventsFor("label", Long.toString(first.id()))
                  .get(0)
                  .action())
          .isEqualTo("label.import");
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void linesPastOneTransactionSeeWhatTheEarlierOnesWroteAndKeepTheirOwnOutcome(
      Supplier<Project> factory) throws Exception {
    try (LabelingFixture fixture = fixture(factory)) {
      List<String> lines = new ArrayList<>();
      lines.add("{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"call shivon\"}}");
      // Refused lines fill the first transaction past its end.
      for (int i = 2; i <= LabelImporter.LINES_PER_BATCH + 2; i++) {
        lines.add(
            i % 2 == 0
                ? "{\"clip_id\": \"clip-0404\", \"value\": {\"transcript\": \"hello\"}}"
                : "{\"clip_id\": \"clip-0002\", \"value\": {\"transcript\": \"\"}}");
      }
      int second = lines.size() + 1;
      lines.add("{\"clip_id\": \"clip-0002\", \"value\": {\"transcript\": \"good night\"}}");
      lines.add("{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"call shivon\"}}");
      lines.add("{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"call siobhan\"}}");

      LabelImportReport report =
          new LabelImporter(fixture.project())
              .run(LEAD, "ann-1", file("long.jsonl", lines.toArray(String[]::new)));

      assertThat(report.lines()).hasSize(lines.size());
      assertThat(report.lines().get(0)).isInstanceOf(LineOutcome.Imported.class);
      assertThat(report.lines().subList(1, second - 1))
          .allMatch(LineOutcome.Refused.class::isInstance);
      assertThat(report.lines().get(second - 1)).isInstanceOf(LineOutcome.Imported.class);
      assertThat(report.lines().get(second))
          .as("the first transaction's label, seen from a later one")
          .isInstanceOf(LineOutcome.Unchanged.class);
      assertThat(((LineOutcome.Refused) report.lines().get(second + 1)).reason())
          .contains("already submitted another label for clip-0001");
      assertThat(report.imported()).isEqualTo(2);
      assertThat(labelsOf(fixture, "ann-1"))
          .extracting(Label::clipKey)
          .containsExactly("clip-0001", "clip-0002");
      assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void importingTheSameFileAgainChangesNothing(Supplier<Project> factory) throws Exception {
    try (LabelingFixture fixture = fixture(factory)) {
      Path a =
          file(
              "a.jsonl",
              "{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"call shivon\"}}",
              "{\"clip_id\": \"clip-0002\", \"value\": {\"transcript\": \"good night\"}}");
      Path b =
          file(
              "b.jsonl",
              "{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"call siobhan now\"}}",
              "{\"clip_id\": \"clip-0002\", \"value\": {\"transcript\": \"good night\"}}");
      LabelImporter importer = new LabelImporter(fixture.project());
      importer.run(LEAD, "ann-1", a);
      importer.run(LEAD, "ann-2", b);
      List<Label> before = fixture.labels().labels(LEAD, ASR);
      int disputesBefore = fixture.adjudications().disputes(ADJ, DisputeStatus.OPEN).size();

      LabelImportReport again = importer.run(LEAD, "ann-2", b);

      assertThat(again.lines()).allMatch(LineOutcome.Unchanged.class::isInstance);
      assertThat(again.imported()).isZero();
      assertThat(again.disputesOpened()).isEmpty();
      assertThat(fixture.labels().labels(LEAD, ASR)).isEqualTo(before);
      assertThat(fixture.adjudications().disputes(ADJ, DisputeStatus.OPEN)).hasSize(disputesBefore);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void disputesAreRoutedAmongImportedLabelsUnderThePolicysRuleSet(Supplier<Project> factory)
      throws Exception {
    try (LabelingFixture fixture = fixture(factory)) {
      LabelImporter importer = new LabelImporter(fixture.project());
      importer.run(
          LEAD,
          "ann-1",
          file(
              "a.jsonl",
              "{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"call shivon\"}}",
              "{\"clip_id\": \"clip-0002\", \"value\": {\"transcript\": \"twenty one pilots\"}}"));
      LabelImportReport second =
          importer.run(
              LEAD,
              "ann-2",
              file(
                  "b.jsonl",
                  "{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"fetch the red"
                      + " bucket\"}}",
                  "{\"clip_id\": \"clip-0002\", \"value\": {\"transcript\": \"Twenty-one"
                      + " pilots.\"}}"));

      // clip-0002 differs only in what en-asr@1 normalizes away: no dispute.
      assertThat(second.disputesOpened())
          .singleElement()
          .satisfies(
              dispute -> {
                assertThat(dispute.clipKey()).isEqualTo("clip-0001");
                assertThat(dispute.rules()).containsExactly(DisputeRule.TRANSCRIPT_WER);
                assertThat(dispute.evidenceJson()).contains("ann-1").contains("ann-2");
              });
      assertThat(fixture.adjudications().disputes(ADJ, DisputeStatus.OPEN))
          .extracting(DisputeRecord::clipKey)
          .containsExactly("clip-0001");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aGoldItemMissedByAnImportedLabelIsDisputedAndItsGoldAssignmentIsKept(
      Supplier<Project> factory) throws Exception {
    try (LabelingFixture fixture = fixture(factory)) {
      long clip = fixture.clipId("clip-0003");
      fixture.assignments().assignExplicit(LEAD, ASR, clip, "ann-1", true);
      fixture
          .assignments()
          .setGoldAnswer(
              LEAD, clip, new LabelValue(ASR, Map.of("transcript", new FieldValue.Text("yes"))));

      LabelImportReport report =
          new LabelImporter(fixture.project())
              .run(
                  LEAD,
                  "ann-1",
                  file(
                      "gold.jsonl",
                      "{\"clip_id\": \"clip-0003\", \"value\": {\"transcript\": \"no\"}}"));

      assertThat(report.assigned()).isZero();
      assertThat(report.imported()).isEqualTo(1);
      assertThat(report.disputesOpened())
          .singleElement()
          .satisfies(d -> assertThat(d.rules()).containsExactly(DisputeRule.GOLD_FAILURE));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDifferentValueNeverOverwritesASubmittedLabel(Supplier<Project> factory) throws Exception {
    try (LabelingFixture fixture = fixture(factory)) {
      LabelImporter importer = new LabelImporter(fixture.project());
      importer.run(
          LEAD,
          "ann-1",
          file("a.jsonl", "{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"one\"}}"));

      LabelImportReport report =
          importer.run(
              LEAD,
              "ann-1",
              file(
                  "b.jsonl", "{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"two\"}}"));

      assertThat(report.allRefused()).isTrue();
      assertThat(((LineOutcome.Refused) report.lines().get(0)).reason())
          .contains("never overwritten");
      assertThat(labelsOf(fixture, "ann-1").get(0).value().field("transcript"))
          .contains(new FieldValue.Text("one"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void onlyALeadImportsLabelsAndOnlyForAnAnnotator(Supplier<Project> factory) throws Exception {
    try (LabelingFixture fixture = fixture(factory)) {
      Path labels =
          file("a.jsonl", "{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"one\"}}");
      LabelImporter importer = new LabelImporter(fixture.project());

      assertThatThrownBy(() -> importer.run(ANN_1, "ann-1", labels))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> importer.run(LEAD, "adj-1", labels))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("not an annotator");
      assertThatThrownBy(() -> importer.run(LEAD, "nobody", labels))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("no user 'nobody'");
      assertThat(fixture.labels().labels(LEAD, ASR)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void withoutALabelPolicyEveryLineIsRefusedSayingWhatToSet(Supplier<Project> factory)
      throws Exception {
    try (LabelingFixture fixture = LabelingFixture.create(factory.get(), dir, 2)) {
      LabelImportReport report =
          new LabelImporter(fixture.project())
              .run(
                  LEAD,
                  "ann-1",
                  file(
                      "a.jsonl",
                      "{\"clip_id\": \"clip-0001\", \"value\": {\"transcript\": \"one\"}}"));

      assertThat(report.allRefused()).isTrue();
      assertThat(((LineOutcome.Refused) report.lines().get(0)).reason())
          .contains("no label policy for asr-transcript");
    }
  }
}
