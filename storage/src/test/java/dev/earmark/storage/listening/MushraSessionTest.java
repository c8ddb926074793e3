package dev.earmark.storage.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.listening.SystemResults;
import dev.earmark.engine.priority.SliceQuotas;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.AssignmentSummary;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.export.BatchExporter;
import dev.earmark.storage.export.BatchVerifier;
import dev.earmark.storage.export.ExportOutcome;
import dev.earmark.storage.export.ExportRequest;
import dev.earmark.storage.importer.ClipOutcome;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.importer.TestAudio;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.LabelValidationException;
import dev.earmark.storage.listening.trial.ListeningTrials;
import dev.earmark.storage.listening.trial.Trial;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A full MUSHRA test on H2 and PostgreSQL: import of a five-stimulus-per-prompt manifest (with a
 * malformed line and an incomplete trial), assignment through the trials' key clips, training
 * blocks and sessions with recorded seeds, blind rater trials, labels with audit, BS.1534-3
 * post-screening and the screened report. The expected figures are derived in the comments.
 */
class MushraSessionTest {
  private static final Clock CLOCK = TestClocks.FIXED;
  private static final VersionedId MUSHRA = VersionedId.parse("tts-mushra@1");
  private static final Actor LEAD = LabelingFixture.LEAD;

  @TempDir Path dir;

  static Stream<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK).stream();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aMushraTestRunsFromManifestToAScreenedReport(Supplier<Project> database) throws Exception {
    try (LabelingFixture fixture = LabelingFixture.withUsers(database.get())) {
      Project project = fixture.project();
      ImportReport imported =
          new Importer(project)
              .run(LEAD, manifest(), dir.resolve("contract.json"), ImportListener.NONE);
      // 4 complete trials x 5 stimuli + the incomplete p5's system clip.
      assertThat(imported.imported()).isEqualTo(21);
      assertThat(imported.errors())
          .extracting(ClipOutcome::reason)
          .containsExactly(
              "stimulus_role 'anchor' is unknown: use system, reference, anchor-low or anchor-mid");

      fixture.policies().publishRubric(LEAD, RubricCatalog.builtIn().get(MUSHRA));
      fixture.policies().setPolicy(LEAD, MUSHRA, null);
      fixture.settings().set(LEAD, "tts.training_trials", "1");
      ListeningTrials.Trials trials = new ListeningTrials(project).trials(TaskType.TTS_MUSHRA);
      assertThat(trials.trials())
          .extracting(Trial::id)
          .containsExactly("demo/p1", "demo/p2", "demo/p3", "demo/p4");
      assertThat(trials.problems())
          .containsExactly(
              "trial demo/p5: has 0 reference clips; a MUSHRA trial needs exactly one"
                  + " (stimulus_role \"reference\")");

      // Every rater on every trial; assign only reaches key clips (the hidden references).
      List<String> raters = List.of("ann-1", "ann-2", "ann-3");
      assertThatThrownBy(
              () ->
                  new AssignmentPlan(
                      MUSHRA,
                      Optional.empty(),
                      raters,
                      0.5,
                      0,
                      7,
                      List.of(),
                      SliceQuotas.none(),
                      OptionalInt.empty(),
                      true))
          .hasMessageContaining("leave the overlap ratio at 0");
      AssignmentSummary summary =
          fixture
              .assignments()
              .assign(
                  LEAD,
                  new AssignmentPlan(
                      MUSHRA,
                      Optional.empty(),
                      raters,
                      0,
                      0,
                      7,
                      List.of(),
                      SliceQuotas.none(),
                      OptionalInt.empty(),
                      true),
                  QueuePriority.byClipId());
      assertThat(summary.assignments()).isEqualTo(12);
      assertThat(summary.overlappedClips()).isEqualTo(4);
      assertThat(keysAssigned(project))
          .containsOnly("p1-ref", "p2-ref", "p3-ref", "p4-ref")
          .hasSize(12);

      TtsSessions sessions = new TtsSessions(project, fixture.policies(), fixture.settings());
      // ann-1 and ann-3 are careful: hidden reference 100 / 95, mid anchor 50 / 40, sysA 70 / 60,
      // sysB 80 / 90. ann-2 scores the hidden reference 80 on every trial.
      rate(
          fixture,
          sessions,
          LabelingFixture.ANN_1,
          Map.of("ref", 100, "lp35", 20, "lp70", 50, "a", 70, "b", 80));
      rate(
          fixture,
          sessions,
          LabelingFixture.ANN_2,
          Map.of("ref", 80, "lp35", 20, "lp70", 50, "a", 70, "b", 80));
      rate(
          fixture,
          sessions,
          LabelingFixture.ANN_3,
          Map.of("ref", 95, "lp35", 10, "lp70", 40, "a", 60, "b", 90));

      TtsReport report = new TtsReports(project, fixture.policies()).report(LEAD, Optional.empty());
      TtsReport.Design design = report.designs().get(0);
      assertThat(report.designs()).hasSize(1);
      assertThat(design.taskType()).isEqualTo(TaskType.TTS_MUSHRA);
      assertThat(design.trials()).isEqualTo(4);
      assertThat(design.labels()).isEqualTo(12);
      // Each rater's first session is a one-trial training block, never scored.
      assertThat(design.trainingLabels()).isEqualTo(3);
      // ann-2: hidden reference below 90 on 3 of 3 scored trials (100% > 15%).
      assertThat(design.screening()).hasSize(1);
      TtsReport.RuleOutcome rule = design.screening().get(0);
      assertThat(rule.rule()).isEqualTo("bs1534-post@1");
      assertThat(rule.checked()).isEqualTo(3);
      assertThat(rule.exclusions())
          .extracting(e -> e.rater() + ": " + e.reason())
          .containsExactly(
              "ann-2: hidden reference below 90 on 3 of 3 trials (100%) (more than 15% of items)");
      assertThat(design.excludedLabels()).isEqualTo(3);
      // Kept: ann-1 and ann-3, 3 trials each. sysA (70*3 + 60*3) / 6 = 65; sysB (80*3 + 90*3) / 6
      // = 85; reference (100*3 + 95*3) / 6 = 97.5; anchors 15 and 45.
      assertThat(design.means())
          .extracting(m -> m.system() + "=" + m.mean())
          .containsExactly(
              "anchor-low=15.0", "anchor-mid=45.0", "reference=97.5", "sysA=65.0", "sysB=85.0");
      // sysA - sysB is -10 in every cell of ann-1 and -30 in every cell of ann-3: a resample
      // drawing
      // ann-1 twice (p = 1/4) gives -10, ann-3 twice (p = 1/4) gives -30, both a value between, so
      // the 95% interval is exactly [-30, -10].
      SystemResults.Difference difference = design.differences().get(0);
      assertThat(difference.first() + "-" + difference.second()).isEqualTo("sysA-sysB");
      assertThat(difference.difference()).isEqualTo(-20.0);
      assertThat(difference.interval().orElseThrow().low()).isEqualTo(-30.0);
      assertThat(difference.interval().orElseThrow().high()).isEqualTo(-10.0);
      assertThat(design.alphas())
          .singleElement()
          .satisfies(a -> assertThat(a.alpha().isDefined()).isTrue());
      assertThat(design.slices())
          .extracting(TtsReport.Slice::promptType)
          .containsExactly("names", "numbers");
      // sysA's latencies 100, 200, 300, 400 ms: mean 250, p95 300 + 0.85 * 100 = 385 (type 7).
      assertThat(design.latency())
          .containsExactly(
              new SystemResults.LatencySummary("sysA", 4, 250.0, 385.0),
              new SystemResults.LatencySummary("sysB", 4, 50.0, 50.0));
      assertThat(project.audit().verify()).isInstanceOf(AuditVerification.Intact.class);

      exportsTheScreenedLabels(fixture, project);
    }
  }

  /**
   * The batch carries every label per trial and rater (ann-2's marked, not dropped), the rule with
   * its version and each rater's outcome in the manifest, and the report beside them.
   */
  private void exportsTheScreenedLabels(LabelingFixture fixture, Project project) throws Exception {
    VersionedId asr = VersionedId.parse("asr-transcript@1");
    fixture.policies().publishRubric(LEAD, RubricCatalog.builtIn().get(asr));
    fixture.policies().setPolicy(LEAD, asr, null);
    Path out = dir.resolve("batch-mushra");
    ExportOutcome outcome =
        new BatchExporter(project, fixture.policies())
            .export(
                LEAD,
                new ExportRequest(
                    "mushra-1",
                    out,
                    List.of("earmark-jsonl"),
                    Map.of(),
                    Optional.empty(),
                    DataUse.EVALUATION,
                    "test",
                    false,
                    false,
                    List.of(TaskType.TTS_MUSHRA)));
    assertThat(outcome).isInstanceOf(ExportOutcome.Exported.class);
    assertThat(BatchVerifier.verify(out).problems()).isEmpty();

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    JsonNode listening = manifest.path("listening").get(0);
    assertThat(listening.path("task_type").asText()).isEqualTo("tts-mushra");
    assertThat(listening.path("labels").asInt()).isEqualTo(12);
    assertThat(listening.path("excluded_labels").asInt()).isEqualTo(3);
    assertThat(listening.path("training_labels").asInt()).isEqualTo(3);
    assertThat(listening.path("screening").get(0).path("rule").asText()).isEqualTo("bs1534-post@1");
    assertThat(listening.path("raters"))
        .extracting(r -> r.path("rater").asText() + "=" + r.path("outcome").asText())
        .containsExactly("ann-1=kept", "ann-2=excluded", "ann-3=kept");

    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("listening/tts-mushra/labels.jsonl"))) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertThat(lines).hasSize(12);
    // ann-2's three scored labels are in the batch, marked with the rule that excluded them.
    assertThat(lines)
        .filteredOn(l -> l.path("status").asText().equals("excluded"))
        .extracting(l -> l.path("rater").asText() + " " + l.path("trial").asText())
        .hasSize(3)
        .allMatch(text -> text.startsWith("ann-2 demo/p"));
    assertThat(lines)
        .filteredOn(l -> l.path("status").asText().equals("excluded"))
        .allMatch(l -> l.path("excluded_by").get(0).path("rule").asText().equals("bs1534-post@1"));
    assertThat(lines)
        .filteredOn(l -> l.path("rater").asText().equals("ann-1"))
        .filteredOn(l -> l.path("status").asText().equals("kept"))
        .hasSize(3)
        .allSatisfy(
            l -> {
              JsonNode quality = l.path("value").path("fields").path("quality");
              String prompt = l.path("trial").asText().replace("demo/", "");
              assertThat(quality.size()).isEqualTo(5);
              assertThat(quality.path(prompt + "-ref").asInt()).isEqualTo(100);
              assertThat(quality.path(prompt + "-b").asInt()).isEqualTo(80);
            });

    JsonNode report =
        new ObjectMapper().readTree(out.resolve("listening/tts-mushra/report.json").toFile());
    assertThat(report.path("designs").get(0).path("excluded_labels").asInt()).isEqualTo(3);
    assertThat(
            report.path("designs").get(0).path("differences").get(0).path("difference").asDouble())
        .isEqualTo(-20.0);

    // A file of the listening part edited after export fails verification.
    Files.writeString(out.resolve("listening/tts-mushra/labels.jsonl"), "{}\n");
    assertThat(BatchVerifier.verify(out).intact()).isFalse();
  }

  /** Runs every session of {@code rater} and submits a label for every trial. */
  private static void rate(
      LabelingFixture fixture, TtsSessions sessions, Actor rater, Map<String, Integer> byRole) {
    TtsSession training = sessions.start(rater, rater.userId(), TaskType.TTS_MUSHRA);
    assertThat(training.training()).isTrue();
    assertThat(training.items()).hasSize(1);
    TtsSession session = sessions.start(rater, rater.userId(), TaskType.TTS_MUSHRA);
    assertThat(session.training()).isFalse();
    assertThat(session.items()).hasSize(3).allMatch(item -> item.kind() == TtsSession.Kind.TRIAL);
    assertThat(session.seed()).isEqualTo(TtsSessions.seed(rater.userId(), TaskType.TTS_MUSHRA, 1));
    assertThatThrownBy(() -> sessions.start(rater, rater.userId(), TaskType.TTS_MUSHRA))
        .hasMessageContaining("has no pending tts-mushra trial outside a session");
    for (TtsSession s : List.of(training, session)) {
      List<RaterTrial> trials = sessions.trials(rater, s.id());
      // The same session read again shows the same order: the seed replays it.
      assertThat(sessions.trials(rater, s.id())).isEqualTo(trials);
      for (RaterTrial trial : trials) {
        assertThat(trial.stimuli())
            .extracting(RaterTrial.BlindStimulus::letter)
            .containsExactly("A", "B", "C", "D", "E");
        assertThat(trial.openReference().orElseThrow().clipKey()).endsWith("-ref");
        String prompt = trial.openReference().orElseThrow().clipKey().replace("-ref", "");
        TreeMap<String, Integer> scores = new TreeMap<>();
        byRole.forEach((suffix, score) -> scores.put(prompt + "-" + suffix, score));
        LabelValue value =
            new LabelValue(MUSHRA, Map.of("quality", new FieldValue.StimulusScores(scores)));
        if (s.training()) {
          // A label must score every stimulus of its trial.
          TreeMap<String, Integer> missing = new TreeMap<>(scores);
          missing.remove(prompt + "-b");
          assertThatThrownBy(
                  () ->
                      fixture
                          .labels()
                          .submit(
                              rater,
                              trial.assignmentId(),
                              input(
                                  new LabelValue(
                                      MUSHRA,
                                      Map.of("quality", new FieldValue.StimulusScores(missing)))),
                              0))
              .isInstanceOf(LabelValidationException.class)
              .hasMessageContaining("stimulus " + prompt + "-b has no score");
        }
        fixture.labels().submit(rater, trial.assignmentId(), input(value), 0);
      }
    }
  }

  private static LabelInput input(LabelValue value) {
    return new LabelInput(value, Duration.ofSeconds(40), 1.0);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theRaterFacingModelNamesNoSystemAndNoRole(Supplier<Project> database) {
    assertThat(Arrays.stream(RaterTrial.class.getRecordComponents()).map(c -> c.getName()))
        .doesNotContain("system", "role", "kind");
    assertThat(
            Arrays.stream(RaterTrial.BlindStimulus.class.getRecordComponents())
                .map(c -> c.getName()))
        .containsExactly("letter", "clipId", "clipKey", "audioPath", "durationSeconds");
    database.get().close();
  }

  private static List<String> keysAssigned(Project project) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT c.clip_key FROM assignments a JOIN clips c ON c.id = a.clip_id")
                    .mapTo(String.class)
                    .list());
  }

  private Path manifest() throws Exception {
    Files.createDirectories(dir.resolve("audio"));
    Files.writeString(
        dir.resolve("contract.json"),
        """
        {"dataset_id": "demo", "purpose": "p", "owner": "o", "source": "s",
         "consent_scopes": [{"id": "full", "allowed_uses": ["labeling", "evaluation"]}],
         "allowed_uses": ["labeling", "evaluation"], "retention_policy": "per clip",
         "language": "en", "domain": "test", "acoustic_conditions": ["clean"],
         "device_class": ["studio"], "known_gaps": [], "default_consent_scope": "full"}
        """);
    StringBuilder lines = new StringBuilder();
    int tone = 0;
    for (int p = 1; p <= 4; p++) {
      String type = p <= 2 ? "names" : "numbers";
      for (String[] stimulus :
          new String[][] {
            {"ref", "\"stimulus_role\": \"reference\""},
            {"lp35", "\"stimulus_role\": \"anchor-low\""},
            {"lp70", "\"stimulus_role\": \"anchor-mid\""},
            {"a", "\"system\": \"sysA\", \"first_audio_byte_ms\": " + (100 * p)},
            {"b", "\"system\": \"sysB\", \"first_audio_byte_ms\": 50"}
          }) {
        String id = "p" + p + "-" + stimulus[0];
        TestAudio.tone(dir.resolve("audio/" + id + ".wav"), 8000, 0.3, 200 + 10 * tone++);
        lines.append(
            "{\"id\": \"%s\", \"audio_filepath\": \"audio/%s.wav\", \"task_type\": \"tts-mushra\", \"prompt_id\": \"p%d\", \"prompt_type\": \"%s\", \"prompt_text\": \"Prompt %d.\", %s}\n"
                .formatted(id, id, p, type, p, stimulus[1]));
      }
    }
    lines.append(
        "{\"id\": \"p5-x\", \"audio_filepath\": \"audio/p1-a.wav\", \"task_type\": \"tts-mushra\","
            + " \"prompt_id\": \"p5\", \"system\": \"sysA\"}\n");
    lines.append(
        "{\"id\": \"p6-x\", \"audio_filepath\": \"audio/p1-b.wav\", \"task_type\": \"tts-mushra\","
            + " \"prompt_id\": \"p6\", \"stimulus_role\": \"anchor\"}\n");
    return Files.writeString(dir.resolve("manifest.jsonl"), lines);
  }
}
