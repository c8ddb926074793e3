package dev.earmark.storage.labelimport;

import static dev.earmark.storage.LabelingFixture.ASR;
import static dev.earmark.storage.LabelingFixture.LEAD;
import static dev.earmark.storage.LabelingFixture.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 22: a label file is checked and stored in groups of lines (one transaction and a few
 * lookups per group). Each file below is imported once line by line (groups of one: the behaviour
 * before groups) and once in groups of four, into twin projects, and every outcome, stored label,
 * assignment state, dispute and audit event must come out the same.
 */
class LabelImporterBatchTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private LabelingFixture fixture(Supplier<Project> factory, String name) throws Exception {
    LabelingFixture fixture =
        LabelingFixture.create(factory.get(), Files.createDirectories(dir.resolve(name)), 12);
    fixture
        .policies()
        .publishRuleSet(
            LEAD,
            RuleSets.EN_ASR_1,
            new ObjectMapper().readTree(RuleSetJson.write(RuleSets.enAsr1())));
    fixture.policies().setPolicy(LEAD, ASR, RuleSets.EN_ASR_1);
    // ann-1 holds clips 1-8 already (the grouped path stores over existing assignments) and 2 is
    // labelled; ann-2 labelled 3-5, so ann-1's file opens disputes where they differ.
    for (int i = 1; i <= 8; i++) {
      fixture
          .assignments()
          .assignExplicit(LEAD, ASR, fixture.clipId(String.format("clip-%04d", i)), "ann-1", false);
    }
    LabelImporter importer = new LabelImporter(fixture.project(), 1);
    importer.run(LEAD, "ann-1", file(name + "-before-1.jsonl", line("clip-0002", "good night")));
    importer.run(
        LEAD,
        "ann-2",
        file(
            name + "-before-2.jsonl",
            line("clip-0003", "hello there"),
            line("clip-0004", "call home"),
            line("clip-0005", "pay the bill")));
    return fixture;
  }

  private Path file(String name, String... lines) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private static String line(String clip, String text) {
    return "{\"clip_id\": \"" + clip + "\", \"value\": {\"transcript\": \"" + text + "\"}}";
  }

  /** Lines that exercise every outcome; in groups of four they fall as the comments say. */
  private Path mixedFile(String name) throws Exception {
    return file(
        name,
        // group 1, stored together: imported, unchanged, imported (disputed), refused
        line("clip-0001", "call shivon"),
        line("clip-0002", "good night"),
        line("clip-0003", "hello"),
        "not json",
        "",
        // group 2, stored together: refused (empty), refused (no clip), imported twice
        line("clip-0004", ""),
        line("clip-0404", "hello"),
        line("clip-0005", "pay the bill"),
        line("clip-0006", "good morning"),
        // group 3, line by line: an unassigned clip and a clip named twice
        line("clip-0007", "turn left"),
        line("clip-0009", "turn right"),
        line("clip-0002", "good evening"),
        line("clip-0008", "stop"),
        // group 4, alone: refused (excluded clip)
        line("private", "hello"));
  }

  private record Snapshot(
      LabelImportReport report,
      List<String> labels,
      List<String> assignments,
      List<String> disputes,
      List<String> events) {}

  private Snapshot importWith(LabelingFixture fixture, int linesPerBatch, Path file) {
    LabelImportReport report =
        new LabelImporter(fixture.project(), linesPerBatch).run(LEAD, "ann-1", file);
    assertThat(fixture.project().audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    List<String> labels =
        fixture.labels().labels(LEAD, ASR).stream()
            .map(
                (Label l) ->
                    String.join(
                        "|",
                        l.clipKey(),
                        l.annotatorId(),
                        ContentHash.canonicalJson(LabelValueJson.toJson(l.value())),
                        l.state().code(),
                        Integer.toString(l.version()),
                        l.timeSpent().toString(),
                        l.createdAt().toString(),
                        l.submittedAt().toString(),
                        l.lastModifiedBy()))
            .sorted()
            .toList();
    List<String> assignments =
        fixture
            .project()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT c.clip_key || '|' || a.annotator_id || '|' || a.state FROM"
                                + " assignments a JOIN clips c ON c.id = a.clip_id ORDER BY 1")
                        .mapTo(String.class)
                        .list());
    List<String> disputes =
        report.disputesOpened().stream()
            .map(
                (DisputeRecord d) ->
                    d.clipKey() + "|" + new TreeSet<>(d.rules()) + "|" + d.evidenceJson())
            .toList();
    List<String> events = eventsOf(fixture);
    return new Snapshot(report, labels, assignments, disputes, events);
  }

  /**
   * The label, assignment and dispute events in order: action and content, without the ids (the two
   * projects number their rows alike, but the comparison should not rest on it).
   */
  private static List<String> eventsOf(LabelingFixture fixture) {
    return fixture
        .project()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT action, after_json FROM audit_events WHERE action LIKE 'label.%' OR"
                            + " action LIKE 'assignment.%' OR action LIKE 'dispute.%' ORDER BY"
                            + " seq")
                    .map(
                        (rs, ctx) ->
                            rs.getString(1)
                                + " "
                                + (rs.getString(2) == null
                                    ? ""
                                    : rs.getString(2).replaceAll("\"(assignment|id)\":\\d+", "")))
                    .list());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aFileImportedInGroupsEndsAsTheSameFileImportedLineByLine(Supplier<Project> factory)
      throws Exception {
    try (LabelingFixture lineByLine = fixture(factory, "one");
        LabelingFixture grouped = fixture(factory, "four")) {
      Snapshot one = importWith(lineByLine, 1, mixedFile("one.jsonl"));
      Snapshot four = importWith(grouped, 4, mixedFile("four.jsonl"));

      assertThat(four.report().lines()).isEqualTo(one.report().lines());
      assertThat(one.report().imported()).isEqualTo(7);
      assertThat(one.report().assigned()).isEqualTo(1);
      assertThat(one.report().unchanged()).isEqualTo(1);
      assertThat(one.report().refused()).isEqualTo(5);
      assertThat(four.labels()).isEqualTo(one.labels()).hasSize(11);
      assertThat(four.assignments()).isEqualTo(one.assignments());
      assertThat(four.disputes()).isEqualTo(one.disputes()).isNotEmpty();
      assertThat(four.events()).isEqualTo(one.events());

      // importing the same file again changes nothing, grouped or not
      Snapshot oneAgain = importWith(lineByLine, 1, mixedFile("one-again.jsonl"));
      Snapshot fourAgain = importWith(grouped, 4, mixedFile("four-again.jsonl"));
      assertThat(fourAgain.report().lines()).isEqualTo(oneAgain.report().lines());
      assertThat(fourAgain.report().imported()).isZero();
      assertThat(fourAgain.labels()).isEqualTo(one.labels());
      assertThat(fourAgain.events()).isEqualTo(one.events());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aGroupOfLabelsWithOneThatCannotBeStoredStoresNone(Supplier<Project> factory)
      throws Exception {
    try (LabelingFixture fixture = fixture(factory, "group")) {
      long free = fixture.assignmentId("ann-1", "clip-0001");
      long labelled = fixture.assignmentId("ann-1", "clip-0002");
      Instant now = CLOCK.instant();
      long eventsBefore = events(fixture);

      assertThatThrownBy(
              () ->
                  fixture
                      .labels()
                      .importSubmittedAll(
                          LEAD,
                          List.of(
                              new Labels.SubmittedImport(free, transcript("one"), now, now),
                              new Labels.SubmittedImport(labelled, transcript("two"), now, now))))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("already has a submitted label");
      assertThatThrownBy(
              () ->
                  fixture
                      .labels()
                      .importSubmittedAll(
                          LEAD,
                          List.of(
                              new Labels.SubmittedImport(free, transcript("one"), now, now),
                              new Labels.SubmittedImport(free, transcript("one"), now, now))))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("two labels in one import");

      assertThat(fixture.labels().labels(LEAD, ASR))
          .noneMatch(label -> label.assignmentId() == free);
      assertThat(events(fixture)).isEqualTo(eventsBefore);
    }
  }

  private static long events(LabelingFixture fixture) {
    return fixture
        .project()
        .jdbi()
        .withHandle(
            h -> h.createQuery("SELECT COUNT(*) FROM audit_events").mapTo(Long.class).one());
  }
}
