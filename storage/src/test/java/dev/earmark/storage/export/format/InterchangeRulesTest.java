package dev.earmark.storage.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each format's published rules, checked on the writers' output for realistic and awkward clips:
 * Kaldi's data-dir rules (utils/validate_data_dir.sh), NIST RTTM's ten fields, WebVTT and SubRip
 * cue syntax, Audacity's label-track lines, lhotse's recording/supervision consistency, Label
 * Studio's task shape, RFC 4180 CSV and IANA TSV.
 */
class InterchangeRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** A clip whose segments are speaker turns without text of their own (as the GUI makes them). */
  static ExportClip turnsOnly() {
    return new ExportClip(
        "turns",
        Path.of("/data/project/audio/turns.wav"),
        null,
        6.0,
        16000,
        1,
        null,
        "hello there, general <kenobi> & co",
        List.of(
            new ExportClip.Segment(0.5, 2.0, "A", ""),
            new ExportClip.Segment(2.5, 5.0, "B", ""),
            new ExportClip.Segment(5.0, 5.75, "A", "")),
        "hello there general kenobi",
        Map.of(),
        "en");
  }

  private static List<ExportClip> clips() {
    List<ExportClip> clips = new ArrayList<>(TestClips.all());
    clips.add(turnsOnly());
    return clips;
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private static Map<String, String> keyed(Path file) throws Exception {
    Map<String, String> map = new TreeMap<>();
    for (String line : lines(file)) {
      String[] parts = line.split(" ", 2);
      assertThat(map.put(parts[0], parts.length > 1 ? parts[1] : "")).as(line).isNull();
    }
    return map;
  }

  private static void assertByteSorted(List<String> lines, String what) {
    for (int i = 1; i < lines.size(); i++) {
      byte[] previous = lines.get(i - 1).split(" ", 2)[0].getBytes(StandardCharsets.UTF_8);
      byte[] current = lines.get(i).split(" ", 2)[0].getBytes(StandardCharsets.UTF_8);
      assertThat(Arrays.compareUnsigned(previous, current)).as(what + " line " + i).isNegative();
    }
  }

  @Test
  void kaldiFilesAreSortedConsistentAndTheirDurationsAgreeWithSegmentsAndRecordings()
      throws Exception {
    new KaldiDataDirectory().write(clips(), dir);

    for (String name : List.of("wav.scp", "text", "utt2spk", "spk2utt", "utt2dur", "reco2dur")) {
      assertByteSorted(lines(dir.resolve(name)), name);
    }
    assertByteSorted(lines(dir.resolve("segments")), "segments");
    Map<String, String> utt2spk = keyed(dir.resolve("utt2spk"));
    Map<String, String> text = keyed(dir.resolve("text"));
    Map<String, String> utt2dur = keyed(dir.resolve("utt2dur"));
    Map<String, String> segments = keyed(dir.resolve("segments"));
    Map<String, String> wavs = keyed(dir.resolve("wav.scp"));
    Map<String, String> reco2dur = keyed(dir.resolve("reco2dur"));
    assertThat(text.keySet()).isEqualTo(utt2spk.keySet());
    assertThat(utt2dur.keySet()).isEqualTo(utt2spk.keySet());
    assertThat(segments.keySet()).isEqualTo(utt2spk.keySet());
    assertThat(reco2dur.keySet()).isEqualTo(wavs.keySet());
    // spk2utt is exactly utt2spk inverted (utils/utt2spk_to_spk2utt.pl).
    Map<String, List<String>> inverted = new TreeMap<>();
    utt2spk.forEach((utt, spk) -> inverted.computeIfAbsent(spk, k -> new ArrayList<>()).add(utt));
    Map<String, List<String>> spk2utt = new TreeMap<>();
    keyed(dir.resolve("spk2utt"))
        .forEach((spk, utts) -> spk2utt.put(spk, List.of(utts.split(" "))));
    assertThat(spk2utt).isEqualTo(inverted);
    for (Map.Entry<String, String> segment : segments.entrySet()) {
      String[] fields = segment.getValue().split(" ");
      assertThat(wavs).containsKey(fields[0]);
      BigDecimal start = new BigDecimal(fields[1]);
      BigDecimal end = new BigDecimal(fields[2]);
      assertThat(end).isGreaterThan(start);
      assertThat(end).isLessThanOrEqualTo(new BigDecimal(reco2dur.get(fields[0])));
      // Durations within a frame (10 ms) of the segment: here exactly.
      assertThat(new BigDecimal(utt2dur.get(segment.getKey())).subtract(end.subtract(start)).abs())
          .isLessThan(new BigDecimal("0.010"));
      assertThat(segment.getKey()).startsWith(utt2spk.get(segment.getKey()) + "-");
    }
    // Speaker turns without text become one utterance over the clip, not empty utterances.
    assertThat(text).containsEntry("turns-turns-0001", "hello there, general <kenobi> & co");
  }

  @Test
  void rttmLinesHaveTheTenSpeakerFieldsSortedByFileAndOnset() throws Exception {
    Path file = new RttmTurns().write(clips(), dir).get(0);
    List<String> lines = lines(file);

    assertThat(lines)
        .contains(
            "SPEAKER turns 1 0.500 1.500 <NA> <NA> A <NA> <NA>",
            "SPEAKER turns 1 2.500 2.500 <NA> <NA> B <NA> <NA>",
            "SPEAKER turns 1 5.000 0.750 <NA> <NA> A <NA> <NA>",
            "SPEAKER clip-001 1 0.000 2.500 <NA> <NA> spk_5Fa <NA> <NA>");
    assertThat(lines).noneMatch(line -> line.contains(" empty "));
    String previousFile = "";
    BigDecimal previousOnset = BigDecimal.ZERO;
    for (String line : lines) {
      String[] fields = line.split(" ");
      assertThat(fields).hasSize(10);
      assertThat(fields[0]).isEqualTo("SPEAKER");
      assertThat(fields[2]).isEqualTo("1");
      assertThat(fields[1]).matches("[A-Za-z0-9_-]+");
      assertThat(fields[7]).matches("[A-Za-z0-9_-]+");
      assertThat(new BigDecimal(fields[4])).isPositive();
      BigDecimal onset = new BigDecimal(fields[3]);
      assertThat(fields[1]).isGreaterThanOrEqualTo(previousFile);
      if (fields[1].equals(previousFile)) {
        assertThat(onset).isGreaterThanOrEqualTo(previousOnset);
      }
      previousFile = fields[1];
      previousOnset = onset;
    }
  }

  @Test
  void webVttFilesFollowTheCueSyntaxAndEscapeMarkup() throws Exception {
    List<Path> files = new WebVttSubtitles().write(clips(), dir);
    assertThat(files).contains(dir.resolve("turns.vtt"), dir.resolve("empty.vtt"));
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(text).startsWith("WEBVTT\n\n");
      String[] blocks = text.substring("WEBVTT\n\n".length()).split("\n\n");
      for (String block : blocks) {
        if (block.isEmpty()) {
          continue;
        }
        String[] cue = block.split("\n");
        assertThat(cue).as(block).hasSize(2);
        assertThat(cue[0])
            .matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} --> \\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
        String[] times = cue[0].split(" --> ");
        assertThat(times[1]).isGreaterThan(times[0]);
        assertThat(cue[1]).doesNotContain("-->").isNotBlank();
      }
    }
    assertThat(Files.readString(dir.resolve("turns.vtt")))
        .isEqualTo(
            "WEBVTT\n\n00:00:00.000 --> 00:00:06.000\n"
                + "hello there, general &lt;kenobi&gt; &amp; co\n\n");
    assertThat(Files.readString(dir.resolve("Z=C3=BCrich=20interview=2F02.vtt")))
        .isEqualTo(
            "WEBVTT\n\n00:00:00.000 --> 00:00:01.200\n<v Anne-Marie Ø>Grüezi mitenand\n\n"
                + "00:00:01.500 --> 00:00:03.250\n<v Bob>\"so\" (lacht) {ja}\n\n");
    assertThat(Files.readString(dir.resolve("empty.vtt"))).isEqualTo("WEBVTT\n\n");
  }

  @Test
  void srtCuesAreNumberedFromOneWithCommaMilliseconds() throws Exception {
    new SrtSubtitles().write(clips(), dir);
    assertThat(Files.readString(dir.resolve("Z=C3=BCrich=20interview=2F02.srt")))
        .isEqualTo(
            "1\n00:00:00,000 --> 00:00:01,200\nAnne-Marie Ø: Grüezi mitenand\n\n"
                + "2\n00:00:01,500 --> 00:00:03,250\nBob: \"so\" (lacht) {ja}\n\n");
    assertThat(SubtitleCues.timestamp(3_723_004, ',')).isEqualTo("01:02:03,004");
    assertThat(Files.readString(dir.resolve("empty.srt"))).isEmpty();
  }

  @Test
  void audacityLabelsAreThreeTabSeparatedFieldsWithSixDecimals() throws Exception {
    new AudacityLabels().write(clips(), dir);
    List<String> swiss = lines(dir.resolve("Z=C3=BCrich=20interview=2F02.txt"));
    assertThat(swiss)
        .containsExactly(
            "0.000000\t1.200000\tAnne-Marie Ø: Grüezi mitenand",
            "1.500000\t3.250000\tBob: \"so\" (lacht) {ja}");
    for (Path file : Files.list(dir).toList()) {
      for (String line : lines(file)) {
        String[] fields = line.split("\t", -1);
        assertThat(fields).hasSize(3);
        assertThat(fields[0]).matches("\\d+\\.\\d{6}");
        assertThat(new BigDecimal(fields[1])).isGreaterThanOrEqualTo(new BigDecimal(fields[0]));
      }
    }
  }

  @Test
  void lhotseRecordingsAndSupervisionsAgreeAsLhotseValidatesThem() throws Exception {
    List<Path> written = new LhotseManifests().write(clips(), dir);
    assertThat(written)
        .containsExactly(dir.resolve("recordings.jsonl"), dir.resolve("supervisions.jsonl"));
    Map<String, JsonNode> recordings = new HashMap<>();
    for (String line : lines(written.get(0))) {
      JsonNode recording = JSON.readTree(line);
      recordings.put(recording.get("id").asText(), recording);
      double expected =
          recording.get("num_samples").asDouble() / recording.get("sampling_rate").asDouble();
      assertThat(recording.get("duration").asDouble()).isEqualTo(expected);
      JsonNode source = recording.get("sources").get(0);
      assertThat(source.get("type").asText()).isEqualTo("file");
      assertThat(source.get("channels")).isEqualTo(recording.get("channel_ids"));
    }
    assertThat(recordings.get("Zürich interview/02").get("channel_ids").toString())
        .isEqualTo("[0,1]");
    Set<String> ids = new HashSet<>();
    List<String> order = new ArrayList<>();
    for (String line : lines(written.get(1))) {
      JsonNode supervision = JSON.readTree(line);
      assertThat(ids.add(supervision.get("id").asText())).isTrue();
      order.add(supervision.get("id").asText());
      JsonNode recording = recordings.get(supervision.get("recording_id").asText());
      assertThat(recording).isNotNull();
      double start = supervision.get("start").asDouble();
      double duration = supervision.get("duration").asDouble();
      assertThat(start).isGreaterThanOrEqualTo(0);
      assertThat(duration).isPositive();
      assertThat(start + duration).isLessThanOrEqualTo(recording.get("duration").asDouble() + 1e-9);
    }
    assertThat(order).isSorted();
    assertThat(order)
        .contains("Zürich interview/02-0001", "Zürich interview/02-0002", "turns", "clip-001");
  }

  @Test
  void labelStudioTasksCarryRegionsWithSpeakerAndTextAndTheHypothesisAsPrediction()
      throws Exception {
    Path file = new LabelStudioTasks().write(clips(), dir).get(0);
    JsonNode tasks = JSON.readTree(file.toFile());
    assertThat(tasks.isArray()).isTrue();
    assertThat(tasks).hasSize(4);
    JsonNode swiss = tasks.get(0);
    assertThat(swiss.at("/data/clip_id").asText()).isEqualTo("Zürich interview/02");
    JsonNode result = swiss.at("/annotations/0/result");
    assertThat(result).hasSize(4);
    for (int i = 0; i < result.size(); i += 2) {
      JsonNode labels = result.get(i);
      JsonNode text = result.get(i + 1);
      assertThat(labels.get("type").asText()).isEqualTo("labels");
      assertThat(text.get("type").asText()).isEqualTo("textarea");
      assertThat(text.get("id")).isEqualTo(labels.get("id"));
      assertThat(text.at("/value/start")).isEqualTo(labels.at("/value/start"));
      assertThat(labels.get("to_name").asText()).isEqualTo("audio");
    }
    assertThat(result.get(0).at("/value/labels/0").asText()).isEqualTo("Anne-Marie Ø");
    assertThat(result.get(1).at("/value/text/0").asText()).isEqualTo("Grüezi mitenand");
    assertThat(swiss.at("/predictions/0/result/0/value/text/0").asText())
        .isEqualTo("grüezi mit enand so lacht ja");
    JsonNode turns = tasks.get(3);
    assertThat(turns.at("/annotations/0/result"))
        .extracting(node -> node.get("type").asText())
        .containsExactly("labels", "labels", "labels", "textarea");
    assertThat(tasks.get(2).has("predictions")).isFalse();
  }

  @Test
  void csvFollowsRfc4180AndTsvHasNoTabsInsideFields() throws Exception {
    ExportClip awkward =
        new ExportClip(
            "a,b",
            Path.of("/data/a.wav"),
            null,
            1.0,
            16000,
            1,
            "x",
            "say \"hi\",\nthen\tgo",
            List.of(),
            null,
            Map.of(),
            null);
    List<ExportClip> clips = new ArrayList<>(clips());
    clips.add(awkward);
    Path csv = DelimitedTable.csv().write(clips, dir.resolve("csv")).get(0);
    Path tsv = DelimitedTable.tsv().write(clips, dir.resolve("tsv")).get(0);

    String csvText = Files.readString(csv, StandardCharsets.UTF_8);
    assertThat(csvText).startsWith(String.join(",", DelimitedTable.COLUMNS) + "\r\n");
    assertThat(csvText)
        .contains(
            "\r\n\"a,b\","
                + Path.of("/data/a.wav")
                + ",1.000,16000,1,x,,\"say \"\"hi\"\",\nthen\tgo\",\r\n");
    assertThat(csvText.replace("\r\n", "")).doesNotContain("\r");

    List<String> rows = lines(tsv);
    assertThat(rows).hasSize(clips.size() + 1);
    for (String row : rows) {
      assertThat(row.split("\t", -1)).hasSize(DelimitedTable.COLUMNS.size());
    }
    assertThat(rows.get(1)).startsWith("Zürich interview/02\t");
    assertThat(rows).anyMatch(row -> row.contains("say \"hi\", then go"));
  }

  @Test
  void tieredFormatsGiveSpeakerTurnsWithoutTextATranscriptTier() throws Exception {
    SpeakerTiers tiers = SpeakerTiers.of(turnsOnly());
    assertThat(tiers.tiers().keySet()).containsExactly("A", "B", "transcript");
    assertThat(tiers.tiers().get("A")).hasSize(2);
    assertThat(tiers.tiers().get("transcript"))
        .containsExactly(new SpeakerTiers.Interval(0, 6000, "hello there, general <kenobi> & co"));
  }
}
