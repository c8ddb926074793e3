package dev.earmark.storage.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.Databases;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
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

/** The agreement reader on the real demo project, on H2 and on PostgreSQL. */
class AgreementReaderTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse(DemoDataset.REFERENCE_DATE + "T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private List<JsonNode> fixture(Path data, String file, String taskType) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(data.resolve(file))) {
      if (!line.isBlank()) {
        JsonNode node = json.readTree(line);
        if (node.path("task_type").asText().equals(taskType)) {
          lines.add(node);
        }
      }
    }
    return lines;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aLeadReadsEverySubmittedLabelWithItsTimeBatchAndTheGoldAnswers(Supplier<Project> factory)
      throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = factory.get()) {
      new DemoProject(project).build(data, DemoProject.LEAD_ID);
      AgreementReader reader = new AgreementReader(project, new Policies(project));
      Actor lead = project.users().actor(DemoProject.LEAD_ID);

      // The demo's main dataset holds the single-clip tasks' labels; its listening tests
      // (MUSHRA, A/B) have their own dataset and are checked by DemoListeningTestsTest.
      for (TaskType type : TaskType.values()) {
        if (type.isMultiStimulus()) {
          continue;
        }
        AgreementData read = reader.read(lead, type).orElseThrow();
        List<JsonNode> expected = fixture(data, DemoDataset.LABELS, type.id());
        assertThat(read.rubric().id()).isEqualTo(VersionedId.parse(type.id() + "@1"));
        assertThat(read.labels()).hasSize(expected.size());
        assertThat(read.goldAnswers()).hasSize(fixture(data, DemoDataset.GOLD, type.id()).size());
        for (JsonNode line : expected) {
          SubmittedLabel label =
              read.labels().stream()
                  .filter(l -> l.clipKey().equals(line.get("clip_id").asText()))
                  .filter(l -> l.annotatorId().equals(line.get("annotator_id").asText()))
                  .findFirst()
                  .orElseThrow();
          assertThat(label.timeSpent())
              .isEqualTo(Duration.ofMillis(line.get("time_spent_ms").asLong()));
          assertThat(label.submittedAt())
              .isEqualTo(Instant.parse(line.get("submitted_at").asText()));
        }
      }
      AgreementData asr = reader.read(lead, TaskType.ASR_TRANSCRIPT).orElseThrow();
      assertThat(asr.ruleSet()).contains(VersionedId.parse("en-asr@1"));
      // The rule set of the policy is really applied: en-asr@1 writes numbers as digits.
      assertThat(asr.normalizer().tokens("Twenty one dollars")).doesNotContain("twenty");
      assertThat(asr.batches())
          .singleElement()
          .extracting(ImportBatch::manifestName)
          .isEqualTo("manifest.jsonl");
      long batch = asr.batches().get(0).id();
      assertThat(asr.labels()).allMatch(l -> l.importRunId() == batch);
      assertThat(transcript(asr.goldAnswers().get("clip-005")))
          .isEqualTo("um can you call siobhan after lunch");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void draftsStayOutAndAnnotatorsAreRefusedWhileAdjudicatorsMayRead(Supplier<Project> factory)
      throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = factory.get()) {
      new DemoProject(project).build(data, DemoProject.LEAD_ID);
      Policies policies = new Policies(project);
      AgreementReader reader = new AgreementReader(project, policies);
      Actor lead = project.users().actor(DemoProject.LEAD_ID);
      Actor alex = project.users().actor("ann-alex");
      int before = reader.read(lead, TaskType.ASR_TRANSCRIPT).orElseThrow().labels().size();

      long open =
          project
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT MIN(id) FROM assignments WHERE annotator_id = 'ann-alex'"
                                  + " AND state = 'pending'")
                          .mapTo(Long.class)
                          .one());
      LabelValue draft =
          new LabelValue(
              VersionedId.parse("asr-transcript@1"),
              Map.of("transcript", new FieldValue.Text("half done")));
      new Labels(project, policies, new ProjectSettings(project))
          .saveDraft(alex, open, new LabelInput(draft, Duration.ofSeconds(3), 0.5), 0);

      assertThat(reader.read(lead, TaskType.ASR_TRANSCRIPT).orElseThrow().labels()).hasSize(before);
      assertThat(
              reader
                  .read(project.users().actor(DemoProject.ADJUDICATOR_ID), TaskType.TTS_RATING)
                  .orElseThrow()
                  .labels())
          .isNotEmpty();
      assertThatThrownBy(() -> reader.read(alex, TaskType.ASR_TRANSCRIPT))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("ann-alex cannot read agreement figures");
      // Claiming a role the user table does not grant gains nothing.
      Actor forged =
          new Actor("ann-alex", java.util.EnumSet.allOf(dev.earmark.storage.user.Role.class));
      assertThatThrownBy(() -> reader.read(forged, TaskType.ASR_TRANSCRIPT))
          .isInstanceOf(PermissionDeniedException.class);
    }
  }

  private static String transcript(LabelValue value) {
    return ((FieldValue.Text) value.field("transcript").orElseThrow()).text();
  }
}
