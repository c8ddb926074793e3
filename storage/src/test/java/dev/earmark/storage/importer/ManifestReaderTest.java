package dev.earmark.storage.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
  @TempDir Path dir;

  private List<ManifestLine> read(String name, String content) throws Exception {
    Path manifest = dir.resolve(name);
    Files.writeString(manifest, content, StandardCharsets.UTF_8);
    return new ManifestReader().readAll(manifest);
  }

  private static ManifestEntry entry(ManifestLine line) {
    assertThat(line).isInstanceOf(ManifestLine.Entry.class);
    return ((ManifestLine.Entry) line).entry();
  }

  @Test
  void plainNemoManifestReadsWithIdsFromFileNames() throws Exception {
    List<ManifestLine> lines =
        read(
            "m.jsonl",
            """
            {"audio_filepath": "audio/clip-1.wav", "duration": 2.5, "text": "hello world"}
            {"audio_filepath": "/abs/clip-2.flac", "duration": 1, "text": "bye"}
            """);
    ManifestEntry first = entry(lines.get(0));
    assertThat(first.id()).isEqualTo("clip-1");
    assertThat(first.audioPath()).isEqualTo(dir.resolve("audio/clip-1.wav"));
    assertThat(first.declaredDuration()).isEqualTo(2.5);
    assertThat(first.reference()).isEqualTo("hello world");
    assertThat(first.taskType()).isEqualTo("asr-transcript");
    // An absolute path leads outside the manifest's folder: only a contract allowing it reads it.
    assertThat(lines.get(1)).isInstanceOf(ManifestLine.Error.class);
    assertThat(entry(new ManifestReader(true).readAll(dir.resolve("m.jsonl")).get(1)).audioPath())
        .isEqualTo(Path.of("/abs/clip-2.flac"));
  }

  @Test
  void earmarkFieldsAndPayloadAreKept() throws Exception {
    ManifestEntry entry =
        entry(
            read(
                    "m.jsonl",
                    """
                    {"id": "t1", "audio_filepath": "a.wav", "task_type": "tts-rating", "prompt_text": "Hi", "latency_ms": 420, "slices": {"voice": "en-gb", "snr_db": 10, "gap": null}, "speaker_id": "s1", "consent_scope": "full", "retention_until": "2027-01-31", "split": "dev", "source": "tts-v2", "language": "en", "reference": "r", "text": "ignored when reference is present", "hypothesis": "h"}
                    """)
                .get(0));
    assertThat(entry.id()).isEqualTo("t1");
    assertThat(entry.taskType()).isEqualTo("tts-rating");
    assertThat(entry.slices())
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("voice", "en-gb", "snr_db", "10"));
    assertThat(entry.retentionUntil()).isEqualTo(LocalDate.of(2027, 1, 31));
    assertThat(entry.reference()).isEqualTo("r");
    assertThat(entry.hypothesis()).isEqualTo("h");
    assertThat(entry.payload().toString()).isEqualTo("{\"prompt_text\":\"Hi\",\"latency_ms\":420}");
    assertThat(
            List.of(
                entry.speakerId(),
                entry.consentScope(),
                entry.split(),
                entry.source(),
                entry.language()))
        .containsExactly("s1", "full", "dev", "tts-v2", "en");
  }

  @Test
  void badLinesAreNamedAndTheRestStillReads() throws Exception {
    List<ManifestLine> lines =
        read(
            "m.jsonl",
            """
            {"id": "a", "audio_filepath": "a.wav"}
            {"id": "b", "audio_filepath": "b.wav"

            ["not", "an", "object"]
            {"id": "c"}
            {"id": "a", "audio_filepath": "again.wav"}
            {"id": "d", "audio_filepath": "d.wav", "split": "validation"}
            {"id": "e", "audio_filepath": "e.wav", "retention_until": "31/12/2027"}
            {"id": "f", "audio_filepath": "f.wav", "duration": "long"}
            {"id": "g", "audio_filepath": "g.wav", "task_type": "asr"}
            {"id": "h", "audio_filepath": "h.wav", "slices": ["x"]}
            {"id": "i", "audio_filepath": {"path": "x"}}
            {"id": "j", "audio_filepath": "j.wav"}
            """);
    assertThat(lines)
        .extracting(ManifestLine::line)
        .containsExactly(1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    assertThat(
            lines.stream()
                .filter(l -> l instanceof ManifestLine.Error)
                .map(l -> (ManifestLine.Error) l)
                .map(e -> e.line() + ": " + e.message()))
        .containsExactly(
            "2: is not valid JSON (Unexpected end-of-input: expected close marker for Object)",
            "4: must be one JSON object, e.g. {\"audio_filepath\": \"a.wav\"}",
            "5: has no audio_filepath",
            "6: id 'a' is already used on line 1",
            "7: split 'validation' is unknown: use train, dev or test",
            "8: retention_until '31/12/2027' is not a date like 2027-12-31",
            "9: duration 'long' is not a number of seconds",
            "10: task_type 'asr' is unknown: use asr-transcript, tts-rating, rag-stages, tts-mushra or tts-preference",
            "11: slices must be an object such as {\"noise\": \"street\"}",
            "12: audio_filepath must be a single value, not OBJECT");
    assertThat(entry(lines.get(11)).id()).isEqualTo("j");
  }

  @Test
  void csvWithSliceColumnsQuotesAndAByteOrderMark() throws Exception {
    List<ManifestLine> lines =
        read(
            "m.csv",
            "\uFEFFid,audio_filepath,reference,slice.noise,slices.device,prompt\n"
                + "c1,a.wav,\"hello, \"\"world\"\"\",street,mobile,\n"
                + "c2,b.wav,bye,,,p\n"
                + "c3,c.wav,too,many,fields,here,!\n"
                + "c4,\"d.wav,x\n");
    ManifestEntry first = entry(lines.get(0));
    assertThat(first.reference()).isEqualTo("hello, \"world\"");
    assertThat(first.slices()).containsEntry("noise", "street").containsEntry("device", "mobile");
    assertThat(first.payload().has("prompt")).isFalse();
    assertThat(entry(lines.get(1)).payload().get("prompt").asText()).isEqualTo("p");
    assertThat(lines.get(2))
        .isEqualTo(new ManifestLine.Error(4, "has 7 fields but the header names 6"));
    assertThat(lines.get(3)).isEqualTo(new ManifestLine.Error(5, "has an unterminated quote"));
  }

  @Test
  void csvWithoutAudioColumnAndUnreadableFilesAreRefusedWhole() throws Exception {
    assertThatThrownBy(() -> read("m.csv", "id,text\n1,a\n"))
        .isInstanceOf(StorageException.class)
        .hasMessageEndingWith("m.csv line 1: the CSV header has no audio_filepath column");
    assertThatThrownBy(() -> new ManifestReader().readAll(dir.resolve("missing.jsonl")))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("cannot read the manifest");
  }

  @Test
  void aLineThatIsNotUtf8IsNamedAndTheOtherLinesStillRead() throws Exception {
    Path latin1 = dir.resolve("latin1.jsonl");
    byte[] bad = "{\"audio_filepath\": \"caf\u00e9.wav\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] good = "{\"audio_filepath\": \"ok.wav\"}\r\n".getBytes(StandardCharsets.UTF_8);
    Files.write(latin1, concat(good, bad, good));

    List<ManifestLine> lines = new ManifestReader().readAll(latin1);

    assertThat(lines).hasSize(3);
    assertThat(entry(lines.get(0)).audioPath()).isEqualTo(dir.resolve("ok.wav"));
    assertThat(lines.get(1))
        .isEqualTo(
            new ManifestLine.Error(
                2,
                "is not UTF-8 text (byte 0xE9 at byte 24 of the line): save the manifest as UTF-8"));
    assertThat(lines.get(2)).isInstanceOf(ManifestLine.Error.class); // same id as line 1
  }

  @Test
  void audioPathsLeavingTheManifestsFolderAreLineErrorsUnlessAllowed() throws Exception {
    Path manifest = dir.resolve("m.jsonl");
    Files.writeString(
        manifest,
        "{\"audio_filepath\": \"../../etc/passwd\"}\n"
            + "{\"audio_filepath\": \"/etc/passwd\", \"id\": \"abs\"}\n"
            + "{\"audio_filepath\": \"sub/../a.wav\"}\n");

    List<ManifestLine> refused = new ManifestReader().readAll(manifest);
    List<ManifestLine> allowed = new ManifestReader(true).readAll(manifest);

    assertThat(refused.get(0))
        .isEqualTo(
            new ManifestLine.Error(
                1,
                "audio_filepath '../../etc/passwd' leads outside the manifest's folder; move the"
                    + " audio under it, or set \"audio_outside_manifest_folder\": true in the"
                    + " dataset contract"));
    assertThat(refused.get(1)).isInstanceOf(ManifestLine.Error.class);
    assertThat(entry(refused.get(2)).audioPath()).isEqualTo(dir.resolve("a.wav"));
    assertThat(entry(allowed.get(1)).audioPath()).isEqualTo(Path.of("/etc/passwd"));
    assertThat(allowed).allMatch(line -> line instanceof ManifestLine.Entry);
  }

  @Test
  void aLineWithTextAfterItsJsonObjectIsRefused() throws Exception {
    List<ManifestLine> lines =
        read(
            "m.jsonl",
            "{\"audio_filepath\": \"a.wav\"} and then some words\n"
                + "{\"audio_filepath\": \"b.wav\"} {\"audio_filepath\": \"c.wav\"}\n"
                + "{\"audio_filepath\": \"d.wav\"}   \n");

    assertThat(lines.get(0)).isInstanceOf(ManifestLine.Error.class);
    assertThat(((ManifestLine.Error) lines.get(0)).line()).isEqualTo(1);
    assertThat(((ManifestLine.Error) lines.get(0)).message()).startsWith("is not valid JSON");
    assertThat(lines.get(1)).isInstanceOf(ManifestLine.Error.class);
    assertThat(entry(lines.get(2)).audioPath()).isEqualTo(dir.resolve("d.wav"));
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void listeningTestFieldsAreCheckedAndThePromptTypeBecomesASlice() throws Exception {
    List<ManifestLine> lines =
        read(
            "voices.jsonl",
            String.join(
                "\n",
                "{\"audio_filepath\": \"r.wav\", \"task_type\": \"tts-mushra\", \"prompt_id\": \"p1\","
                    + " \"stimulus_role\": \"reference\", \"prompt_type\": \"names\"}",
                "{\"audio_filepath\": \"s.wav\", \"task_type\": \"tts-mushra\", \"prompt_id\": \"p1\","
                    + " \"system\": \"v2\", \"first_audio_byte_ms\": 95}",
                "{\"audio_filepath\": \"a.wav\", \"task_type\": \"tts-mushra\", \"system\": \"v2\"}",
                "{\"audio_filepath\": \"b.wav\", \"task_type\": \"tts-preference\", \"prompt_id\": \"p2\"}",
                "{\"audio_filepath\": \"c.wav\", \"task_type\": \"tts-rating\", \"first_audio_byte_ms\": -3}",
                "{\"audio_filepath\": \"d.wav\", \"task_type\": \"tts-rating\", \"stimulus_role\":"
                    + " \"anchor-low\"}",
                "{\"audio_filepath\": \"e.wav\", \"task_type\": \"tts-mushra\", \"prompt_id\": \"p1\","
                    + " \"system\": \"v1\", \"prompt_type\": \"names\", \"slices\": {\"prompt_type\":"
                    + " \"numbers\"}}",
                "{\"audio_filepath\": \"f.wav\", \"task_type\": \"tts-rating\", \"trap_answer\":"
                    + " {\"naturalness\": \"low\"}}"));

    ManifestEntry reference = entry(lines.get(0));
    assertThat(reference.slices()).containsEntry("prompt_type", "names");
    assertThat(reference.payload().get("stimulus_role").asText()).isEqualTo("reference");
    assertThat(entry(lines.get(1)).payload().get("first_audio_byte_ms").asInt()).isEqualTo(95);
    assertThat(lines.subList(2, lines.size()))
        .extracting(line -> line.line() + ": " + ((ManifestLine.Error) line).message())
        .containsExactly(
            "3: prompt_id is missing: every tts-mushra line names the trial (prompt) it belongs to",
            "4: system is missing: a tts-preference line names the system that made the clip",
            "5: first_audio_byte_ms '-3' must be a number of milliseconds, 0 or more",
            "6: stimulus_role 'anchor-low' belongs to a tts-mushra trial; a tts-rating line is"
                + " always a system's clip",
            "7: prompt_type 'names' differs from slices.prompt_type 'numbers': give it once",
            "8: trap_answer.naturalness must be a whole scale point, not \"low\"");
  }
}
