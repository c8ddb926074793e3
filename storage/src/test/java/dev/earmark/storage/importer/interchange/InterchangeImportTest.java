package dev.earmark.storage.importer.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.export.format.ExportClip;
import dev.earmark.storage.export.format.PraatTextGrid;
import dev.earmark.storage.importer.ClipOutcome;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.importer.TestAudio;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Label Studio exports, TextGrids and EAFs through the one import path, on a real database. */
class InterchangeImportTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  private static final Actor LEAD = new Actor("lead-1", EnumSet.of(Role.LEAD));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private Path contract() throws Exception {
    return Files.writeString(
        dir.resolve("contract.json"),
        """
        {"dataset_id": "migrated", "purpose": "p", "owner": "o", "source": "s",
         "consent_scopes": [{"id": "full", "allowed_uses": ["labeling", "evaluation"]}],
         "default_consent_scope": "full",
         "allowed_uses": ["labeling", "evaluation"], "retention_policy": "per clip",
         "language": "en", "domain": "test", "acoustic_conditions": ["clean"],
         "device_class": ["studio"], "known_gaps": []}
        """);
  }

  private static Map<String, Object> clip(Project project, String key) {
    return project
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT status, reference, hypothesis, speaker_id, consent_scope,"
                            + " payload_json FROM clips WHERE clip_key = :key")
                    .bind("key", key)
                    .mapToMap()
                    .one());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aLabelStudioExportImportsOneClipPerTaskWithItsAnnotationsAndPredictions(
      Supplier<Project> factory) throws Exception {
    Path root = dir.resolve("ls-files");
    TestAudio.tone(root.resolve("calls/table booking.wav"), 16000, 6.0, 440);
    TestAudio.tone(root.resolve("calls/agent.wav"), 16000, 1.5, 220);
    Path export =
        Files.copy(
            LabelStudioImportTest.sample("asr-segments-export.json"), dir.resolve("export.json"));
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      ImportReport report =
          new Importer(project)
              .run(LEAD, new LabelStudioSource(export, root, null), contract(), (d, t) -> {});

      assertThat(report.errors()).isEmpty();
      assertThat(report.imported()).isEqualTo(2);
      assertThat(report.warnings())
          .extracting(w -> w.line() + " " + w.clipId() + " " + w.code() + ": " + w.reason())
          .containsExactly(
              "1 ls-301 annotation-skipped: task 301: annotation 4102 was rejected in review",
              "1 ls-301 annotation-skipped: task 301: annotation 4103 was cancelled (skipped) in"
                  + " Label Studio");
      Map<String, Object> booking = clip(project, "ls-301");
      assertThat(booking.get("status")).isEqualTo("active");
      assertThat(booking.get("reference")).isEqualTo("book a table for two at eight");
      assertThat(booking.get("hypothesis")).isEqualTo("book a table for two at 8");
      assertThat(booking.get("consent_scope")).isEqualTo("full");
      JsonNode payload = JSON.readTree((String) booking.get("payload_json"));
      assertThat(payload.at("/label_studio/chosen_annotation").asText()).isEqualTo("4101");
      assertThat(payload.at("/label_studio/annotations/0/lead_time").asDouble()).isEqualTo(70.25);
      assertThat(payload.at("/label_studio/annotations/0/ground_truth").asBoolean()).isTrue();
      assertThat(payload.at("/label_studio/predictions/0/model_version").asText())
          .isEqualTo("whisper-base-2025-01");
      assertThat(payload.at("/segments/1/labels/0").asText()).isEqualTo("Noise");
      assertThat(payload.at("/segments/1/speaker_id").isNull()).isTrue();
      assertThat(clip(project, "ls-302").get("speaker_id")).isEqualTo("Agent");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void tasksWhoseAudioCannotBeFoundAreRecordErrorsNamingTheTaskAndField(Supplier<Project> factory)
      throws Exception {
    Path export =
        Files.writeString(
            dir.resolve("export.json"),
            """
            [{"id": 7, "data": {"audio": "https://cdn.example.org/a.wav"},
              "annotations": [{"id": 1, "completed_by": 1, "result": [{"type": "textarea", "value": {"text": ["hi"]}}]}]},
             {"id": 8, "data": {"audio": "../../etc/passwd.wav"},
              "annotations": [{"id": 2, "completed_by": 1, "result": [{"type": "textarea", "value": {"text": ["hi"]}}]}]},
             {"id": 9, "data": {"image": "x.png"}, "annotations": []}]
            """);
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      ImportReport report =
          new Importer(project)
              .run(LEAD, new LabelStudioSource(export, null, null), contract(), (d, t) -> {});

      assertThat(report.imported()).isZero();
      assertThat(report.errors())
          .extracting(ClipOutcome::line, ClipOutcome::reason)
          .satisfiesExactly(
              first ->
                  assertThat(first.toList())
                      .containsExactly(
                          1,
                          "task 7: data.audio 'https://cdn.example.org/a.wav' is a URL (https);"
                              + " download the audio into the audio root and import again"),
              second ->
                  assertThat((String) second.toList().get(1))
                      .startsWith(
                          "task 8: data.audio '../../etc/passwd.wav' leads outside the audio root"),
              third ->
                  assertThat((String) third.toList().get(1))
                      .startsWith("task 9: the task has no audio reference"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void textGridsAndEafsImportAsClipsWithTheirTiersAsSegments(Supplier<Project> factory)
      throws Exception {
    // an Earmark batch layout: BATCH/textgrid/*.TextGrid and BATCH/audio/*.wav
    Path audio = dir.resolve("batch/audio/plain.wav");
    TestAudio.tone(audio, 16000, 4.0, 440);
    new PraatTextGrid()
        .write(
            List.of(
                new ExportClip(
                    "plain",
                    audio,
                    "audio/plain.wav",
                    4.0,
                    16000,
                    1,
                    null,
                    "hello there",
                    List.of(
                        new ExportClip.Segment(0.5, 1.5, "spk-a", "hello"),
                        new ExportClip.Segment(2.0, 3.0, "spk-b", "there")),
                    null,
                    Map.of(),
                    null)),
            dir.resolve("batch/textgrid"));
    Path elan = Files.createDirectories(dir.resolve("elan"));
    Files.copy(
        LabelStudioImportTest.sample("elan/interview-07.eaf"), elan.resolve("interview-07.eaf"));
    TestAudio.tone(elan.resolve("interview-07.wav"), 16000, 3.5, 330);

    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      ImportReport grids =
          new Importer(project)
              .run(
                  LEAD,
                  new TierFilesSource(
                      dir.resolve("batch/textgrid"), TierFilesSource.Kind.TEXTGRID, null),
                  contract(),
                  (d, t) -> {});
      assertThat(grids.imported()).isEqualTo(1);
      Map<String, Object> plain = clip(project, "plain");
      assertThat(plain.get("reference")).isEqualTo("hello there");
      JsonNode segments = JSON.readTree((String) plain.get("payload_json")).get("segments");
      assertThat(segments.toString())
          .isEqualTo(
              "[{\"end\":1.5,\"speaker_id\":\"spk-a\",\"start\":0.5,\"text\":\"hello\"},"
                  + "{\"end\":3.0,\"speaker_id\":\"spk-b\",\"start\":2.0,\"text\":\"there\"}]");

      ImportReport eaf =
          new Importer(project)
              .run(
                  LEAD,
                  new TierFilesSource(
                      elan.resolve("interview-07.eaf"), TierFilesSource.Kind.EAF, null),
                  contract(),
                  (d, t) -> {});
      assertThat(eaf.imported()).isEqualTo(1);
      assertThat(eaf.warnings()).extracting(ClipOutcome::code).containsOnly("tier-skipped");
      assertThat(clip(project, "interview-07").get("reference"))
          .isEqualTo("where did you grow up in Brno & later in Graz");
    }
  }
}
