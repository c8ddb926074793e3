package dev.earmark.storage.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.release.ReleaseBlocker;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.listening.RaterTrial;
import dev.earmark.storage.listening.TtsReports;
import dev.earmark.storage.listening.TtsSession;
import dev.earmark.storage.listening.TtsSessions;
import dev.earmark.storage.listening.trial.ListeningTrials;
import dev.earmark.storage.listening.trial.Trial;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project that holds only TTS listening-test clips, on a real H2 file with the demo's real MUSHRA
 * WAVs (sample-fixtures' mushra/): import, assignment of every trial, rated sessions, a batch of
 * the listening test only that verifies, and the release check over the listening clips.
 */
class ListeningOnlyBatchTest {
  private static final VersionedId MUSHRA = VersionedId.parse("tts-mushra@1");
  private static final Actor LEAD = LabelingFixture.LEAD;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Scores by stimulus kind (the demo clip id's suffix); ann-2 misses the hidden reference. */
  private static final Map<String, Map<String, Integer>> SCORES =
      Map.of(
          "ann-1",
          Map.of(
              "reference",
              100,
              "anchor-mid",
              55,
              "anchor-low",
              20,
              "sys-a",
              78,
              "sys-b",
              66,
              "sys-c",
              45),
          "ann-2",
          Map.of(
              "reference",
              80,
              "anchor-mid",
              70,
              "anchor-low",
              35,
              "sys-a",
              90,
              "sys-b",
              88,
              "sys-c",
              70),
          "ann-3",
          Map.of(
              "reference",
              95,
              "anchor-mid",
              45,
              "anchor-low",
              15,
              "sys-a",
              70,
              "sys-b",
              60,
              "sys-c",
              38));

  @TempDir Path dir;

  @Test
  void aProjectOfListeningTestsOnlyExportsABatchThatVerifies() throws Exception {
    Path manifest = demoMushra(Map.of());
    try (LabelingFixture fixture = LabelingFixture.withUsers(openH2())) {
      Project project = fixture.project();
      rateEveryTrial(fixture, manifest);

      // Without a listening test there is nothing to export: the refusal says how to get one.
      assertThatThrownBy(() -> exporter(fixture).export(LEAD, request("empty", List.of())))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("no label policy for asr-transcript")
          .hasMessageContaining("--listening TASK");

      Path out = dir.resolve("batch-tts");
      ExportOutcome outcome =
          exporter(fixture).export(LEAD, request("tts-1", List.of(TaskType.TTS_MUSHRA), out));
      assertThat(outcome).isInstanceOf(ExportOutcome.Exported.class);
      ExportOutcome.Exported exported = (ExportOutcome.Exported) outcome;
      assertThat(exported.items()).isZero();
      assertThat(exported.files())
          .containsExactly("listening/tts-mushra/labels.jsonl", "listening/tts-mushra/report.json");
      try (Stream<Path> top = Files.list(out)) {
        assertThat(top.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("listening", "manifest.json");
      }

      BatchVerification verified = BatchVerifier.verify(out);
      assertThat(verified.problems()).isEmpty();
      assertThat(verified.intact()).isTrue();
      assertThat(BatchVerifier.verify(out, project).problems()).isEmpty();

      JsonNode written = JSON.readTree(out.resolve("manifest.json").toFile());
      assertThat(written.get("policy").isNull()).isTrue();
      assertThat(written.path("formats")).isEmpty();
      JsonNode notWritten = written.path(BatchExporter.NOT_WRITTEN);
      assertThat(notWritten.path("reason").asText()).isEqualTo(BatchExporter.NO_ASR_ITEMS);
      assertThat(notWritten.path("formats"))
          .extracting(JsonNode::asText)
          .containsExactly(
              "earmark-jsonl", "nemo", "hf-audiofolder", "kaldi", "stm", "ctm", "textgrid", "eaf");
      assertThat(written.path("items")).isEmpty();
      assertThat(written.path("annotators")).isEmpty();
      JsonNode mushra = written.path("listening").get(0);
      // Every stimulus of the three rated trials is released, each with its consent and retention.
      assertThat(mushra.path("clips")).hasSize(18);
      assertThat(mushra.path("clips"))
          .allSatisfy(
              clip -> {
                assertThat(clip.path("consent_scope").asText()).isEqualTo("synthetic-demo");
                assertThat(clip.path("retention_until").asText()).isEqualTo("2028-12-31");
                assertThat(clip.path("audio_sha256").asText()).startsWith("sha256:");
              });
      // Screening's exclusion is recorded: ann-2 missed the hidden reference on every trial.
      assertThat(mushra.path("raters"))
          .extracting(r -> r.path("rater").asText() + "=" + r.path("outcome").asText())
          .containsExactly("ann-1=kept", "ann-2=excluded", "ann-3=kept");

      String rubricColumn =
          project
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT rubric_version FROM batches WHERE name = 'tts-1'")
                          .mapTo(String.class)
                          .one());
      assertThat(rubricColumn).isNull();
      assertThat(project.audit().verify()).isInstanceOf(AuditVerification.Intact.class);

      // The same request again reproduces the batch byte for byte.
      Path again = dir.resolve("batch-tts-again");
      ExportOutcome reexported =
          exporter(fixture).export(LEAD, request("tts-1", List.of(TaskType.TTS_MUSHRA), again));
      assertThat(((ExportOutcome.Exported) reexported).manifestSha256())
          .isEqualTo(exported.manifestSha256());

      // A re-signed manifest that claims a format was written after all does not verify.
      ObjectNode forged = (ObjectNode) JSON.readTree(out.resolve("manifest.json").toFile());
      forged.putArray("formats").add("nemo");
      forged.remove("manifest_sha256");
      forged.put("manifest_sha256", ContentHash.of(forged));
      Files.writeString(out.resolve("manifest.json"), JSON.writeValueAsString(forged));
      assertThat(BatchVerifier.verify(out).problems())
          .extracting(BatchVerification.Problem::subject)
          .contains(BatchExporter.NOT_WRITTEN, "formats");
    }
  }

  @Test
  void aListeningClipPastItsRetentionDateBlocksTheExportWithOneLineNamingIt() throws Exception {
    // Kept until a day after the project's clock: imported, but expired on the batch's day.
    Path manifest = demoMushra(Map.of("mushra-p-name-sys-b", "2026-11-22"));
    try (LabelingFixture fixture = LabelingFixture.withUsers(openH2())) {
      rateEveryTrial(fixture, manifest);
      Path out = dir.resolve("expired");
      ExportOutcome outcome =
          exporter(fixture)
              .export(
                  LEAD,
                  new ExportRequest(
                      "tts-expired",
                      out,
                      List.of(),
                      Map.of(),
                      Optional.of(Instant.parse("2026-12-01T00:00:00Z")),
                      DataUse.EVALUATION,
                      "test",
                      false,
                      false,
                      List.of(TaskType.TTS_MUSHRA)));
      assertThat(outcome).isInstanceOf(ExportOutcome.Blocked.class);
      List<ReleaseBlocker> blockers = ((ExportOutcome.Blocked) outcome).blockers();
      assertThat(blockers).extracting(ReleaseBlocker::code).containsExactly("retention-expired");
      assertThat(blockers.get(0).clipIds()).containsExactly("mushra-p-name-sys-b");
      assertThat(blockers.get(0).reason()).contains("mushra-p-name-sys-b").doesNotContain("\n");
      assertThat(out).doesNotExist();

      // Waived with a reason, the blocker is recorded in the manifest and the batch verifies.
      ExportOutcome waived =
          exporter(fixture)
              .export(
                  LEAD,
                  new ExportRequest(
                      "tts-expired",
                      out,
                      List.of(),
                      Map.of("retention-expired", "deletion scheduled after this release"),
                      Optional.of(Instant.parse("2026-12-01T00:00:00Z")),
                      DataUse.EVALUATION,
                      "test",
                      false,
                      false,
                      List.of(TaskType.TTS_MUSHRA)));
      assertThat(waived).isInstanceOf(ExportOutcome.Exported.class);
      assertThat(BatchVerifier.verify(out).problems()).isEmpty();
      JsonNode override = JSON.readTree(out.resolve("manifest.json").toFile()).path("overrides");
      assertThat(override.findValuesAsText("code")).containsExactly("retention-expired");
      assertThat(override.get(0).path("blocker").asText()).contains("mushra-p-name-sys-b");
    }
  }

  @Test
  void theCheapDesignQueryNamesTheDesignsWithLabelsAsTheReportDoes() throws Exception {
    Path manifest = demoMushra(Map.of());
    try (LabelingFixture fixture = LabelingFixture.withUsers(openH2())) {
      TtsReports reports = new TtsReports(fixture.project(), fixture.policies());
      assertThat(reports.designsWithLabels(LEAD)).isEmpty();
      rateEveryTrial(fixture, manifest);
      assertThat(reports.designsWithLabels(LEAD)).containsExactly(TaskType.TTS_MUSHRA);
      assertThat(
              reports.report(LEAD, Optional.empty()).designs().stream()
                  .filter(design -> design.labels() > 0)
                  .map(design -> design.taskType())
                  .toList())
          .isEqualTo(reports.designsWithLabels(LEAD));
      assertThatThrownBy(() -> reports.designsWithLabels(LabelingFixture.ANN_1))
          .isInstanceOf(dev.earmark.storage.PermissionDeniedException.class);
    }
  }

  private Project openH2() {
    return Project.openEmbedded(dir.resolve("project"), true, TestClocks.FIXED);
  }

  private static BatchExporter exporter(LabelingFixture fixture) {
    return new BatchExporter(fixture.project(), fixture.policies());
  }

  private ExportRequest request(String name, List<TaskType> listening) {
    return request(name, listening, dir.resolve(name));
  }

  private static ExportRequest request(String name, List<TaskType> listening, Path out) {
    return new ExportRequest(
        name,
        out,
        List.of(),
        Map.of(),
        Optional.of(Instant.parse("2026-11-21T12:00:00Z")),
        DataUse.EVALUATION,
        "test",
        false,
        false,
        listening);
  }

  /**
   * The demo's MUSHRA manifest with its real WAVs, with the {@code retention_until} of the clips in
   * {@code retention} replaced.
   */
  private Path demoMushra(Map<String, String> retention) throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    Path manifest = data.resolve(DemoDataset.MUSHRA_MANIFEST);
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(manifest)) {
      for (Map.Entry<String, String> entry : retention.entrySet()) {
        if (line.contains("\"id\": \"" + entry.getKey() + "\"")) {
          line =
              line.replaceFirst(
                  "\"retention_until\": \"[0-9-]+\"",
                  "\"retention_until\": \"" + entry.getValue() + "\"");
        }
      }
      lines.add(line);
    }
    Files.write(manifest, lines);
    return manifest;
  }

  /** Imports the manifest, assigns every trial to ann-1..3 and rates every session. */
  private static void rateEveryTrial(LabelingFixture fixture, Path manifest) {
    Project project = fixture.project();
    ImportReport imported =
        new Importer(project)
            .run(LEAD, manifest, manifest.resolveSibling("contract.json"), ImportListener.NONE);
    assertThat(imported.imported()).isEqualTo(18);
    fixture.policies().publishRubric(LEAD, RubricCatalog.builtIn().get(MUSHRA));
    fixture.policies().setPolicy(LEAD, MUSHRA, null);
    fixture.settings().set(LEAD, "tts.training_trials", "1");
    List<Trial> trials = new ListeningTrials(project).trials(TaskType.TTS_MUSHRA).trials();
    assertThat(trials).hasSize(3);
    TtsSessions sessions = new TtsSessions(project, fixture.policies(), fixture.settings());
    for (Actor rater :
        List.of(LabelingFixture.ANN_1, LabelingFixture.ANN_2, LabelingFixture.ANN_3)) {
      for (Trial trial : trials) {
        fixture
            .assignments()
            .assignExplicit(LEAD, MUSHRA, trial.keyClip().clipId(), rater.userId(), false);
      }
      while (true) {
        TtsSession session;
        try {
          session = sessions.start(rater, rater.userId(), TaskType.TTS_MUSHRA);
        } catch (StorageException noPendingTrial) {
          break;
        }
        for (RaterTrial trial : sessions.trials(rater, session.id())) {
          TreeMap<String, Integer> scores = new TreeMap<>();
          for (RaterTrial.BlindStimulus stimulus : trial.stimuli()) {
            scores.put(
                stimulus.clipKey(), SCORES.get(rater.userId()).get(kind(stimulus.clipKey())));
          }
          LabelValue value =
              new LabelValue(MUSHRA, Map.of("quality", new FieldValue.StimulusScores(scores)));
          fixture
              .labels()
              .submit(
                  rater,
                  trial.assignmentId(),
                  new LabelInput(value, Duration.ofSeconds(40), 1.0),
                  0);
        }
      }
    }
  }

  private static String kind(String clipKey) {
    for (String kind :
        List.of("reference", "anchor-mid", "anchor-low", "sys-a", "sys-b", "sys-c")) {
      if (clipKey.endsWith("-" + kind)) {
        return kind;
      }
    }
    throw new AssertionError(clipKey);
  }
}
