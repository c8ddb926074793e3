package dev.earmark.storage.export.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.importer.ManifestEntry;
import dev.earmark.storage.importer.ManifestLine;
import dev.earmark.storage.importer.ManifestReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFormatsTest {
  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path dir;

  private List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      nodes.add(json.readTree(line));
    }
    return nodes;
  }

  @Test
  void earmarkJsonlKeepsEveryFieldSortedByClipId() throws Exception {
    List<Path> written = new EarmarkJsonl().write(TestClips.shuffled(TestClips.all(), 1), dir);

    assertThat(written).containsExactly(dir.resolve("labels.jsonl"));
    List<JsonNode> lines = lines(written.get(0));
    assertThat(lines)
        .extracting(node -> node.get("id").asText())
        .containsExactly("Zürich interview/02", "clip-001", "empty");
    JsonNode swiss = lines.get(0);
    assertThat(swiss.get("audio_filepath").asText())
        .isEqualTo(Path.of("/data/project/audio/Zürich interview 02.flac").toString());
    assertThat(swiss.get("audio_absolute_path").asText())
        .isEqualTo(Path.of("/data/project/audio/Zürich interview 02.flac").toString());
    assertThat(swiss.get("duration").decimalValue()).isEqualByComparingTo("4.0");
    assertThat(swiss.get("sample_rate").asInt()).isEqualTo(44100);
    assertThat(swiss.get("channels").asInt()).isEqualTo(2);
    assertThat(swiss.get("speaker_id").asText()).isEqualTo("Anne-Marie Ø");
    assertThat(swiss.get("language").asText()).isEqualTo("gsw");
    assertThat(swiss.get("text").asText()).isEqualTo("Grüezi mitenand \"so\" (lacht) {ja}");
    assertThat(swiss.get("hypothesis").asText()).isEqualTo("grüezi mit enand so lacht ja");
    JsonNode segments = swiss.get("segments");
    assertThat(segments).hasSize(2);
    assertThat(segments.get(0).get("start").decimalValue()).isEqualByComparingTo("0");
    assertThat(segments.get(0).get("end").decimalValue()).isEqualByComparingTo("1.2");
    assertThat(segments.get(0).get("speaker_id").isNull()).isTrue();
    assertThat(segments.get(1).get("speaker_id").asText()).isEqualTo("Bob");
    assertThat(segments.get(1).get("end").decimalValue()).isEqualByComparingTo("3.25");
    assertThat(json.convertValue(swiss.get("slices"), Map.class))
        .isEqualTo(Map.of("accent", "ch", "transcription", "verbatim"));

    JsonNode empty = lines.get(2);
    assertThat(empty.get("text").asText()).isEmpty();
    assertThat(empty.get("speaker_id").isNull()).isTrue();
    assertThat(empty.get("hypothesis").isNull()).isTrue();
    assertThat(empty.get("segments")).isEmpty();
  }

  @Test
  void jsonLinesAreUtf8WithFixedDecimalsAndUnixLineEnds() throws Exception {
    Path file = new EarmarkJsonl().write(List.of(TestClips.plain()), dir).get(0);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text)
        .isEqualTo(
            "{\"id\":\"clip-001\",\"audio_filepath\":\""
                + Path.of("/data/project/audio/clip-001.wav")
                + "\",\"audio_absolute_path\":\""
                + Path.of("/data/project/audio/clip-001.wav")
                + "\",\"duration\":2.500,\"sample_rate\":16000,\"channels\":1,"
                + "\"speaker_id\":\"spk_a\",\"language\":\"en\",\"text\":\"the quick brown fox\","
                + "\"segments\":[],\"hypothesis\":\"the quick brown box\","
                + "\"slices\":{\"accent\":\"us\",\"device\":\"phone\"}}\n");
    Path nonAscii = new NemoManifest().write(List.of(TestClips.segmented()), dir).get(0);
    assertThat(Files.readString(nonAscii, StandardCharsets.UTF_8))
        .contains("Grüezi")
        .doesNotContain("\\u");
  }

  @Test
  void earmarkJsonlReadsBackThroughTheImportManifestReader() throws Exception {
    Path file = new EarmarkJsonl().write(TestClips.all(), dir).get(0);

    List<ManifestLine> lines = new ManifestReader(true).readAll(file);

    assertThat(lines).allMatch(line -> line instanceof ManifestLine.Entry);
    ManifestEntry swiss = ((ManifestLine.Entry) lines.get(0)).entry();
    assertThat(swiss.id()).isEqualTo("Zürich interview/02");
    assertThat(swiss.audioPath())
        .isEqualTo(Path.of("/data/project/audio/Zürich interview 02.flac"));
    assertThat(swiss.declaredDuration()).isEqualTo(4.0);
    assertThat(swiss.reference()).isEqualTo("Grüezi mitenand \"so\" (lacht) {ja}");
    assertThat(swiss.hypothesis()).isEqualTo("grüezi mit enand so lacht ja");
    assertThat(swiss.slices()).isEqualTo(Map.of("accent", "ch", "transcription", "verbatim"));
    assertThat(swiss.speakerId()).isEqualTo("Anne-Marie Ø");
    assertThat(swiss.language()).isEqualTo("gsw");
    assertThat(swiss.payload().get("segments")).hasSize(2);
    assertThat(swiss.payload().get("sample_rate").asInt()).isEqualTo(44100);
    ManifestEntry empty = ((ManifestLine.Entry) lines.get(2)).entry();
    assertThat(empty.reference()).isEmpty();
    assertThat(empty.hypothesis()).isNull();
  }

  @Test
  void nemoManifestHasTheThreeNemoFields() throws Exception {
    List<Path> written = new NemoManifest().write(TestClips.all(), dir);

    assertThat(written).containsExactly(dir.resolve("manifest.json"));
    List<JsonNode> lines = lines(written.get(0));
    assertThat(lines).hasSize(3);
    for (JsonNode line : lines) {
      assertThat(line.fieldNames())
          .toIterable()
          .containsExactly("audio_filepath", "duration", "text");
    }
    assertThat(lines.get(1).get("audio_filepath").asText())
        .isEqualTo(Path.of("/data/project/audio/clip-001.wav").toString());
    assertThat(lines.get(1).get("duration").asDouble()).isEqualTo(2.5);
    assertThat(lines.get(1).get("text").asText()).isEqualTo("the quick brown fox");
    assertThat(lines.get(2).get("text").asText()).isEmpty();
  }

  @Test
  void audioFolderMetadataWritesSlicesAsColumnsInEveryRow() throws Exception {
    List<Path> written = new AudioFolderMetadata().write(TestClips.all(), dir);

    assertThat(written).containsExactly(dir.resolve("metadata.jsonl"));
    List<JsonNode> lines = lines(written.get(0));
    List<String> columns = new ArrayList<>();
    lines.get(0).fieldNames().forEachRemaining(columns::add);
    assertThat(columns)
        .containsExactly(
            "file_name",
            "clip_id",
            "transcription",
            "speaker_id",
            "language",
            "duration",
            "accent",
            "device",
            "slice_transcription");
    for (JsonNode line : lines) {
      assertThat(line.size()).isEqualTo(columns.size());
    }
    JsonNode swiss = lines.get(0);
    assertThat(swiss.get("file_name").asText()).isEqualTo("audio/Zürich interview 02.flac");
    assertThat(swiss.get("clip_id").asText()).isEqualTo("Zürich interview/02");
    assertThat(swiss.get("transcription").asText())
        .isEqualTo("Grüezi mitenand \"so\" (lacht) {ja}");
    assertThat(swiss.get("slice_transcription").asText()).isEqualTo("verbatim");
    assertThat(swiss.get("device").isNull()).isTrue();
    assertThat(lines.get(1).get("device").asText()).isEqualTo("phone");
    assertThat(lines.get(2).get("accent").isNull()).isTrue();
    assertThat(lines.get(2).get("transcription").asText()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outside/a.wav", "/abs/a.wav", "audio/../../a.wav", "C:/a.wav", ""})
  void aClipRefusesAnInBatchAudioPathThatLeavesTheBatch(String relativePath) {
    ExportClip plain = TestClips.plain();
    assertThatThrownBy(
            () ->
                new ExportClip(
                    "x",
                    plain.audioPath(),
                    relativePath,
                    1.0,
                    16000,
                    1,
                    null,
                    "t",
                    List.of(),
                    null,
                    Map.of(),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Clip x")
        .hasMessageContaining("must stay inside the batch");
  }

  @Test
  void audioInTheBatchIsNamedFromEachFilesOwnDirectoryAndLinkedIntoTheAudiofolder()
      throws Exception {
    Path batch = dir.resolve("batch");
    Path audio = Files.createDirectories(batch.resolve("audio")).resolve("a b.wav");
    Files.write(audio, new byte[] {1, 2, 3});
    ExportClip clip =
        new ExportClip(
            "a", audio, "audio/a b.wav", 1.0, 16000, 1, null, "t", List.of(), null, Map.of(), null);

    Path nemo = new NemoManifest().write(List.of(clip), batch.resolve("nemo")).get(0);
    Path jsonl = new EarmarkJsonl().write(List.of(clip), batch.resolve("earmark-jsonl")).get(0);
    List<Path> hf = new AudioFolderMetadata().write(List.of(clip), batch.resolve("hf-audiofolder"));

    JsonNode nemoLine = lines(nemo).get(0);
    assertThat(nemoLine.get("audio_filepath").asText()).isEqualTo("../audio/a b.wav");
    assertThat(nemo.getParent().resolve(nemoLine.get("audio_filepath").asText())).exists();
    JsonNode jsonlLine = lines(jsonl).get(0);
    assertThat(jsonlLine.get("audio_filepath").asText()).isEqualTo("../audio/a b.wav");
    assertThat(jsonlLine.get("audio_absolute_path").isNull()).isTrue();
    assertThat(hf)
        .containsExactly(
            batch.resolve("hf-audiofolder/metadata.jsonl"),
            batch.resolve("hf-audiofolder/audio/a b.wav"));
    assertThat(lines(hf.get(0)).get(0).get("file_name").asText()).isEqualTo("audio/a b.wav");
    assertThat(Files.readAllBytes(hf.get(1))).containsExactly(1, 2, 3);
  }

  @Test
  void duplicateClipIdsAreRefused() {
    assertThatThrownBy(
            () -> new NemoManifest().write(List.of(TestClips.plain(), TestClips.plain()), dir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("clip-001 appears twice");
  }
}
