package dev.earmark.storage.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioValidation;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.StorageException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** NeMo manifests as NeMo writes them: no consent, offsets, pred_text, lang, repeated names. */
class NemoManifestTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  private static final Actor LEAD = new Actor("lead-1", EnumSet.of(Role.LEAD));

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(CLOCK);
  }

  private Path contract(String defaultScope) throws Exception {
    return Files.writeString(
        dir.resolve("contract.json"),
        """
        {"dataset_id": "nemo", "purpose": "p", "owner": "o", "source": "s",
         "consent_scopes": [{"id": "full", "allowed_uses": ["labeling", "evaluation"]}],
         %s
         "allowed_uses": ["labeling", "evaluation"], "retention_policy": "per clip",
         "language": "en", "domain": "test", "acoustic_conditions": ["clean"],
         "device_class": ["studio"], "known_gaps": []}
        """
            .formatted(
                defaultScope == null
                    ? ""
                    : "\"default_consent_scope\": \"" + defaultScope + "\","));
  }

  /** A NeMo manifest: two segments of one 9.75 s file and two files named alike. */
  private Path nemoManifest() throws Exception {
    TestAudio.tone(dir.resolve("data/long.wav"), 16000, 9.75, 440);
    TestAudio.tone(dir.resolve("data/spk1/utt.wav"), 16000, 1.0, 330);
    TestAudio.tone(dir.resolve("data/spk2/utt.wav"), 16000, 1.5, 220);
    return Files.writeString(
        dir.resolve("data/manifest.json"),
        """
        {"audio_filepath": "long.wav", "offset": 1.25, "duration": 2.5, "text": "first part", "pred_text": "first bart", "lang": "en"}
        {"audio_filepath": "long.wav", "offset": 4.0, "duration": 3.0, "text": "second part"}
        {"audio_filepath": "spk1/utt.wav", "duration": 1.0, "text": "one"}
        {"audio_filepath": "spk2/utt.wav", "duration": 1.5, "text": "two", "hypothesis": "too", "pred_text": "ignored", "language": "en-GB", "lang": "en"}
        {"audio_filepath": "long.wav", "offset": 9.0, "duration": 2.0, "text": "past the end"}
        {"audio_filepath": "long.wav", "offset": "soon", "duration": 2.0}
        """);
  }

  @Test
  void nemoFieldsMapToHypothesisLanguageAndSegmentsWithDistinctIds() throws Exception {
    List<ManifestLine> lines = new ManifestReader().readAll(nemoManifest());

    ManifestEntry first = ((ManifestLine.Entry) lines.get(0)).entry();
    assertThat(first.id()).isEqualTo("long@1.250");
    assertThat(first.segment()).isEqualTo(new ManifestEntry.Segment(1.25, 2.5));
    assertThat(first.hypothesis()).isEqualTo("first bart");
    assertThat(first.language()).isEqualTo("en");
    assertThat(first.payload().has("pred_text")).isFalse();
    assertThat(first.payload().has("lang")).isFalse();
    assertThat(first.payload().get("offset").asDouble()).isEqualTo(1.25);
    assertThat(((ManifestLine.Entry) lines.get(1)).entry().id()).isEqualTo("long@4.000");
    ManifestEntry spk1 = ((ManifestLine.Entry) lines.get(2)).entry();
    ManifestEntry spk2 = ((ManifestLine.Entry) lines.get(3)).entry();
    assertThat(spk1.id()).isEqualTo("utt");
    assertThat(spk1.segment()).isNull();
    assertThat(spk2.id()).isEqualTo("spk2/utt");
    // a line's own hypothesis and language win over NeMo's names
    assertThat(spk2.hypothesis()).isEqualTo("too");
    assertThat(spk2.language()).isEqualTo("en-GB");
    assertThat(lines.get(5))
        .isEqualTo(new ManifestLine.Error(6, "offset 'soon' is not a number of seconds"));
  }

  @Test
  void anOffsetWithoutDurationIsALineError() throws Exception {
    TestAudio.tone(dir.resolve("a.wav"), 16000, 1.0, 440);
    Path manifest =
        Files.writeString(
            dir.resolve("m.jsonl"), "{\"audio_filepath\": \"a.wav\", \"offset\": 1}\n");
    assertThat(new ManifestReader().readAll(manifest))
        .containsExactly(
            new ManifestLine.Error(
                1,
                "offset needs a duration above 0 (the segment's length in seconds, as NeMo reads"
                    + " it)"));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aPlainNemoManifestImportsUnderTheContractsDefaultScopeWithSegmentsCut(
      Supplier<Project> factory) throws Exception {
    try (Project project = factory.get()) {
      LabelingFixture.withUsers(project);
      ImportReport report =
          new Importer(project).run(LEAD, nemoManifest(), contract("full"), (d, t) -> {});

      assertThat(report.excluded()).isEmpty();
      assertThat(report.errors()).extracting(ClipOutcome::line).containsExactly(6);
      Map<String, Object> segment =
          project
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT audio_path, duration_s, consent_scope, hypothesis, language"
                                  + " FROM clips WHERE clip_key = 'long@1.250'")
                          .mapToMap()
                          .one());
      assertThat(segment.get("consent_scope")).isEqualTo("full");
      assertThat(segment.get("hypothesis")).isEqualTo("first bart");
      assertThat(segment.get("language")).isEqualTo("en");
      if (project.directory().isPresent()) {
        assertThat(report.imported()).isEqualTo(4);
        Path cut = Path.of((String) segment.get("audio_path"));
        assertThat(cut).startsWith(project.directory().get().resolve("segments"));
        assertThat((Double) segment.get("duration_s")).isCloseTo(2.5, within());
        AudioValidation validation = AudioDecoder.validate(cut);
        assertThat(validation).isInstanceOf(AudioValidation.Valid.class);
        assertThat(((AudioValidation.Valid) validation).info().sampleRate()).isEqualTo(16000);
        assertThat(report.quarantined())
            .singleElement()
            .satisfies(
                clip -> {
                  assertThat(clip.clipId()).isEqualTo("long@9.000");
                  assertThat(clip.code()).isEqualTo("segment-outside-audio");
                  assertThat(clip.reason())
                      .isEqualTo(
                          "the segment 9.000-11.000 s ends after the audio, which lasts 9.750 s");
                });
      } else {
        // a team project cannot keep cut files: each segment is quarantined with what to do
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.quarantined())
            .extracting(ClipOutcome::code)
            .containsExactly("segment-not-cut", "segment-not-cut", "segment-outside-audio");
      }

      ImportReport again =
          new Importer(project).run(LEAD, nemoManifest(), contract("full"), (d, t) -> {});
      assertThat(again.imported()).isZero();
    }
  }

  @Test
  void withoutADefaultScopeAPlainNemoManifestIsExcludedAsBefore() throws Exception {
    try (Project project = Project.openEmbedded(dir.resolve("project"), true, CLOCK)) {
      LabelingFixture.withUsers(project);
      ImportReport report =
          new Importer(project).run(LEAD, nemoManifest(), contract(null), (d, t) -> {});
      assertThat(report.imported()).isZero();
      assertThat(report.excluded()).extracting(ClipOutcome::code).containsOnly("missing-consent");
    }
  }

  @Test
  void cutSegmentsHoldTheSamplesOfTheirStretchOfTheFile() throws Exception {
    // left half silent, right half a tone: a cut from the right half must not be silent
    Path audio = dir.resolve("half.wav");
    TestAudio.tone(audio, 8000, 2.0, 440);
    byte[] bytes = Files.readAllBytes(audio);
    java.util.Arrays.fill(bytes, 44, 44 + 8000 * 2, (byte) 0);
    Files.write(audio, bytes);
    Files.writeString(
        dir.resolve("m.jsonl"),
        """
        {"audio_filepath": "half.wav", "offset": 0.0, "duration": 0.5}
        {"audio_filepath": "half.wav", "offset": 1.5, "duration": 0.5}
        {"id": "whole", "audio_filepath": "half.wav", "offset": 0, "duration": 2.0}
        """);
    try (Project project = Project.openEmbedded(dir.resolve("project"), true, CLOCK)) {
      LabelingFixture.withUsers(project);
      ImportReport report =
          new Importer(project).run(LEAD, dir.resolve("m.jsonl"), contract("full"), (d, t) -> {});
      assertThat(report.imported()).isEqualTo(3);
      String whole =
          project
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT audio_path FROM clips WHERE clip_key = 'whole'")
                          .mapTo(String.class)
                          .one());
      assertThat(whole).as("offset 0 over the whole file is no cut").isEqualTo(audio.toString());
      Path segments = project.directory().orElseThrow().resolve("segments/nemo");
      assertThat(peak(segments.resolve("half.wav"))).as("offset 0 adds no @0.000").isZero();
      assertThat(peak(segments.resolve("half@1.500.wav"))).isGreaterThan(0.1f);
    }
  }

  private static float peak(Path wav) {
    float peak = 0;
    try (var source = AudioDecoder.open(wav)) {
      float[][] block = source.newBlock(1024);
      for (int n; (n = source.read(block)) > 0; ) {
        for (int i = 0; i < n; i++) {
          peak = Math.max(peak, Math.abs(block[0][i]));
        }
      }
    }
    return peak;
  }

  @Test
  void filesOfOtherToolsGivenAsAManifestAreRefusedNamingTheOptionToUse() throws Exception {
    String labelStudio =
        "[{\"id\": 1, \"data\": {\"audio\": \"/data/upload/1/a.wav\"}, \"annotations\": []}]";
    String jsonMin =
        "[{\"id\": 1, \"audio\": \"a.wav\", \"transcription\": \"hi\", \"annotator\": 2}]";
    String textGrid = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n";
    String eaf =
        "<?xml version=\"1.0\"?>\n<ANNOTATION_DOCUMENT FORMAT=\"3.0\"></ANNOTATION_DOCUMENT>";
    String pretty = "{\n  \"audio_filepath\": \"a.wav\"\n}\n";
    String array = "[{\"audio_filepath\": \"a.wav\"}]";
    Map<String, String> expected =
        Map.of(
            labelStudio,
            "is a Label Studio JSON export, not a manifest: import it with earmark import"
                + " --label-studio "
                + dir.resolve("in.json"),
            jsonMin,
            "is a Label Studio JSON-MIN export, not a manifest: import it with earmark import"
                + " --label-studio "
                + dir.resolve("in.json"),
            textGrid,
            "is a Praat TextGrid, not a manifest: import it with earmark import --textgrid",
            eaf,
            "is an ELAN EAF document, not a manifest: import it with earmark import --eaf",
            pretty,
            "holds one JSON document over several lines; a manifest has one JSON object per line",
            array,
            "holds one JSON array; a manifest has one JSON object per line (JSONL)");
    for (Map.Entry<String, String> file : expected.entrySet()) {
      Path manifest = Files.writeString(dir.resolve("in.json"), file.getKey());
      assertThatThrownBy(() -> new ManifestReader().readAll(manifest))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith(manifest + " " + file.getValue());
      assertThatThrownBy(() -> ManifestSource.manifest(manifest).sha256())
          .hasMessageContaining(file.getValue());
    }
  }

  @Test
  void reimportingABatchsLabelsJsonlFindsItsAudioAndConsentInTheBatch() throws Exception {
    Path batch = dir.resolve("batch-1");
    TestAudio.tone(batch.resolve("audio/clip-001.wav"), 16000, 1.0, 440);
    Files.writeString(
        batch.resolve("manifest.json"),
        """
        {"format": "earmark-batch-manifest/1",
         "items": [{"clip_id": "clip-001", "audio_path": "/elsewhere/clip-001.wav",
                    "consent_scope": "full", "retention_until": "2030-12-31", "split": "test",
                    "source": "s"}]}
        """);
    Files.createDirectories(batch.resolve("earmark-jsonl"));
    Path labels =
        Files.writeString(
            batch.resolve("earmark-jsonl/labels.jsonl"),
            """
            {"id":"clip-001","audio_filepath":"../audio/clip-001.wav","audio_absolute_path":"/elsewhere/clip-001.wav","duration":1.000,"sample_rate":16000,"channels":1,"speaker_id":null,"language":"en","text":"hello","segments":[],"hypothesis":null,"slices":{}}
            """);
    ManifestEntry entry =
        ((ManifestLine.Entry) new ManifestReader().readAll(labels).get(0)).entry();
    assertThat(entry.audioPath()).isEqualTo(batch.resolve("audio/clip-001.wav"));
    assertThat(entry.consentScope()).isEqualTo("full");
    assertThat(entry.split()).isEqualTo("test");
    assertThat(entry.retentionUntil()).hasToString("2030-12-31");

    try (Project project = Project.openEmbedded(dir.resolve("project"), true, CLOCK)) {
      LabelingFixture.withUsers(project);
      ImportReport report = new Importer(project).run(LEAD, labels, contract(null), (d, t) -> {});
      assertThat(report.imported()).isEqualTo(1);
      assertThat(report.quarantined()).isEmpty();
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.001);
  }
}
