package dev.earmark.storage.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.version.VersionedId;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.Databases;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DemoProjectTest {
  /** The date the dataset's retention examples are written against. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse(DemoDataset.REFERENCE_DATE + "T10:00:00Z"), ZoneOffset.UTC);

  private static final VersionedId ASR = VersionedId.parse("asr-transcript@1");

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private static long count(Project project, String sql) {
    return project.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private static long lines(Path file) throws Exception {
    return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).count();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void eachStepIsReportedInOrderBeforeItsWorkIsDone(Supplier<Project> factory) throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    List<String> seen = new java.util.ArrayList<>();
    long labelsAtEnd;
    long listeningClips;
    try (Project project = factory.get()) {
      new DemoProject(project)
          .build(
              data,
              "maria",
              (step, of, what) ->
                  seen.add(
                      step
                          + "/"
                          + of
                          + " "
                          + what
                          + " clips="
                          + count(project, "SELECT COUNT(*) FROM clips")
                          + " labels="
                          + count(project, "SELECT COUNT(*) FROM labels")));
      labelsAtEnd = count(project, "SELECT COUNT(*) FROM labels");
      listeningClips =
          count(project, "SELECT COUNT(*) FROM clips WHERE dataset_id = 'earmark-demo-listening'");
    }
    long clips = lines(data.resolve(DemoDataset.MANIFEST));
    long labels = lines(data.resolve(DemoDataset.LABELS));
    assertThat(labelsAtEnd).isPositive();
    assertThat(seen)
        .hasSize(DemoProject.STEPS.size())
        .containsExactly(
            "1/7 Adding the demo team clips=0 labels=0",
            "2/7 Publishing rubrics and rule sets clips=0 labels=0",
            "3/7 Importing the clips clips=0 labels=0",
            "4/7 Computing QE hints clips=" + clips + " labels=0",
            "5/7 Loading the annotators' labels and gold answers clips=" + clips + " labels=0",
            "6/7 Routing disputes and assigning open work clips=" + clips + " labels=" + labels,
            // The listening tests come last, a dataset of their own (sample-fixtures' mushra/):
            // 18 MUSHRA stimuli and 6 A/B clips; 3 raters x (3 MUSHRA + 3 A/B trials) labels.
            "7/7 Setting up the listening tests (MUSHRA, A/B) clips="
                + clips
                + " labels="
                + labels);
    assertThat(listeningClips).isEqualTo(24);
    assertThat(labelsAtEnd).isEqualTo(labels + 18);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theDemoProjectHoldsEveryFixtureLabelGoldItemAndTheRoutedDisputes(Supplier<Project> factory)
      throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = factory.get()) {
      DemoReport report = new DemoProject(project).build(data, "maria");

      assertThat(report.datasetId()).isEqualTo("earmark-demo");
      assertThat(report.activeClips() + report.excludedClips() + report.quarantinedClips())
          .isEqualTo(lines(data.resolve(DemoDataset.MANIFEST)));
      // clip-012, clip-030 (no human review), clip-041 (training only), clip-019 and clip-034
      // (retention expired): sample-fixtures/README.md.
      assertThat(report.excludedClips()).isEqualTo(5);
      assertThat(report.labels()).isEqualTo(lines(data.resolve(DemoDataset.LABELS)));
      assertThat(report.skippedLabels()).isZero();
      // Every active clip with a hypothesis carries a QE hint for the workbench.
      long unhinted =
          count(
              project,
              "SELECT COUNT(*) FROM clips c WHERE c.status = 'active' AND c.hypothesis IS NOT NULL"
                  + " AND NOT EXISTS (SELECT 1 FROM qe_hints q WHERE q.clip_id = c.id)");
      assertThat(unhinted).isZero();
      assertThat(count(project, "SELECT COUNT(*) FROM qe_hints")).isGreaterThanOrEqualTo(40L);
      assertThat(report.goldItems()).isEqualTo(lines(data.resolve(DemoDataset.GOLD)));
      assertThat(report.added().labels()).isEqualTo(report.labels());
      // Besides one assignment per label, every simulated annotator gets the active ASR clips
      // they have not labeled yet, so opening the demo as one of them shows work to do.
      List<String> activeAsr =
          project
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT clip_key FROM clips WHERE status = 'active' AND task_type ="
                                  + " 'asr-transcript'")
                          .mapTo(String.class)
                          .list());
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      java.util.Map<String, java.util.Set<String>> labeledBy = new java.util.TreeMap<>();
      for (String line : Files.readAllLines(data.resolve(DemoDataset.LABELS))) {
        if (!line.isBlank()) {
          var node = mapper.readTree(line);
          labeledBy
              .computeIfAbsent(node.get("annotator_id").asText(), a -> new java.util.HashSet<>())
              .add(node.get("clip_id").asText());
        }
      }
      long openWork = 0;
      for (var annotator : labeledBy.entrySet()) {
        long open = activeAsr.stream().filter(key -> !annotator.getValue().contains(key)).count();
        openWork += open;
        var queue =
            new dev.earmark.storage.assign.Assignments(project, new Policies(project))
                .queue(project.users().actor(annotator.getKey()), annotator.getKey());
        assertThat(queue).as(annotator.getKey() + "'s queue").hasSize((int) open);
      }
      assertThat(openWork).isPositive();
      // The newcomer has every active clip of every task type open, TTS and RAG included, and
      // every listening-test trial (3 MUSHRA, 3 A/B: their key clips) of the listening dataset.
      var newcomerQueue =
          new dev.earmark.storage.assign.Assignments(project, new Policies(project))
              .queue(project.users().actor(DemoProject.NEWCOMER_ID), DemoProject.NEWCOMER_ID);
      assertThat(newcomerQueue).hasSize(report.activeClips() + 6);
      assertThat(newcomerQueue)
          .extracting(item -> item.rubric().name())
          .contains("asr-transcript", "tts-rating", "rag-stages", "tts-mushra", "tts-preference");
      // The report counts the main dataset: the newcomer's 6 listening trials are not in it.
      assertThat(report.added().assignments())
          .isEqualTo(report.labels() + openWork + report.activeClips());
      assertThat(report.added().disputes()).isEqualTo(report.disputes()).isPositive();
      assertThat(project.users().list())
          .extracting(User::id)
          .containsExactlyInAnyOrder(
              "lead-demo", "adj-demo", "ann-alex", "ann-bea", "ann-cem", "ann-dee", "maria");
      assertThat(project.users().find("ann-bea").orElseThrow().displayName())
          .isEqualTo("Bea (simulated)");
      assertThat(project.users().find("maria").orElseThrow().roles())
          .isEqualTo(Set.of(Role.LEAD, Role.ADJUDICATOR));

      Policies policies = new Policies(project);
      assertThat(policies.policy(policies.rubric(ASR).taskType()).orElseThrow().ruleSet())
          .contains(VersionedId.parse("en-asr@1"));

      Actor lead = project.users().actor("lead-demo");
      Labels labels = new Labels(project, policies, new ProjectSettings(project));
      Label first =
          labels.labels(lead, ASR).stream()
              .filter(
                  label ->
                      label.clipKey().equals("clip-001") && label.annotatorId().equals("ann-alex"))
              .findFirst()
              .orElseThrow();
      assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-11-16T09:00:00Z"));
      assertThat(first.submittedAt()).contains(Instant.parse("2026-11-16T09:00:09.316Z"));
      assertThat(first.timeSpent()).isEqualTo(Duration.ofMillis(9316));

      List<DisputeRecord> disputes =
          new Adjudications(project, policies).disputes(lead, DisputeStatus.OPEN);
      // clip-005: gold with a hesitation Alex and Cem drop, and Cem is unsure of the name.
      // clip-021: Alex hears "twenty" as "twelve" at 5 dB.
      assertThat(disputes).extracting(DisputeRecord::clipKey).contains("clip-005", "clip-021");
      assertThat(project.audit().verify()).isInstanceOf(AuditVerification.Intact.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void buildingTheDemoAgainChangesNothing(Supplier<Project> factory) throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = factory.get()) {
      DemoReport first = new DemoProject(project).build(data, "maria");
      long events = ((AuditVerification.Intact) project.audit().verify()).events();

      DemoReport second = new DemoProject(project).build(data, "maria");

      assertThat(first.added().nothing()).isFalse();
      assertThat(second.added().nothing()).isTrue();
      assertThat(second).usingRecursiveComparison().ignoringFields("added").isEqualTo(first);
      assertThat(project.audit().verify())
          .isInstanceOfSatisfying(
              AuditVerification.Intact.class,
              intact -> assertThat(intact.events()).isEqualTo(events));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anOperatorWhoIsNotALeadCannotTurnSomeoneElsesProjectIntoTheDemo(Supplier<Project> factory)
      throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = factory.get()) {
      Actor owner = new Actor("owner", EnumSet.of(Role.LEAD));
      project.users().add(owner, "owner", "Owner", EnumSet.of(Role.LEAD));
      project.users().add(owner, "ann-9", "Annotator", EnumSet.of(Role.ANNOTATOR));

      assertThatThrownBy(() -> new DemoProject(project).build(data, "ann-9"))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("ann-9 cannot add users: that needs the lead role");
      assertThatThrownBy(() -> new DemoProject(project).build(data, "stranger"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("no user 'stranger'");
      assertThat(project.users().list()).extracting(User::id).containsExactly("ann-9", "owner");

      DemoReport report = new DemoProject(project).build(data, "owner");
      assertThat(report.users()).isEqualTo(8);
    }
  }
}
