package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
  @TempDir Path dir;
  Path manifest;
  Path contract;

  static void wav(Path file, double seconds) throws Exception {
    AudioFormat format = new AudioFormat(16000, 16, 1, true, false);
    int frames = (int) (16000 * seconds);
    byte[] pcm = new byte[frames * 2];
    for (int i = 0; i < frames; i++) {
      short value = (short) (6000 * Math.sin(2 * Math.PI * 300 * i / 16000.0));
      pcm[2 * i] = (byte) value;
      pcm[2 * i + 1] = (byte) (value >> 8);
    }
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
    }
  }

  @BeforeEach
  void files() throws Exception {
    wav(dir.resolve("good.wav"), 1.0);
    Files.write(dir.resolve("empty.wav"), new byte[0]);
    manifest =
        Files.writeString(
            dir.resolve("manifest.jsonl"),
            """
            {"id": "good", "audio_filepath": "good.wav", "text": "hello", "consent_scope": "full"}
            {"id": "empty", "audio_filepath": "empty.wav", "consent_scope": "full"}
            not json
            """);
    contract =
        Files.writeString(
            dir.resolve("contract.json"),
            """
            {"dataset_id": "d", "purpose": "p", "owner": "o", "source": "s",
             "consent_scopes": [{"id": "full", "allowed_uses": ["labeling"]}],
             "allowed_uses": ["labeling"], "retention_policy": "r", "language": "en",
             "domain": "x", "acoustic_conditions": "clean", "device_class": "mobile",
             "known_gaps": []}
            """);
  }

  @Test
  void importReportsEachOutcomeAndReRunAddsNothing() throws Exception {
    String project = dir.resolve("project").toString();
    var first =
        run(
            "import",
            "--project",
            project,
            "--user",
            "lena",
            "--manifest",
            manifest.toString(),
            "--contract",
            contract.toString(),
            "--json");
    assertThat(first.code()).as(first.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(first.out());
    assertThat(report.get("imported").asInt()).isEqualTo(1);
    assertThat(report.at("/quarantined/0/code").asText()).isEqualTo("empty-file");
    assertThat(report.at("/errors/0/line").asInt()).isEqualTo(3);
    assertThat(report.get("excluded")).isEmpty();

    var again =
        run(
            "--project",
            project,
            "--user",
            "lena",
            "import",
            "--manifest",
            manifest.toString(),
            "--contract",
            contract.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out())
        .startsWith("imported 0 clips into ")
        .contains("1 already present, 1 quarantined")
        .contains("line 3: is not valid JSON");

    var stranger =
        run(
            "import",
            "--project",
            project,
            "--user",
            "mallory",
            "--manifest",
            manifest.toString(),
            "--contract",
            contract.toString());
    assertThat(stranger.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(stranger.err())
        .contains("your OS account 'earmark-test' may not act as 'mallory'")
        .doesNotContain("lena");
    assertThat(run("audit", "verify", "--project", project).code()).isZero();
  }

  @Test
  void incompleteContractIsOneLineNamingTheFields() throws Exception {
    Files.writeString(contract, "{\"dataset_id\": \"d\", \"purpose\": \"p\"}");
    var result =
        run(
            "import",
            "--project",
            dir.resolve("p").toString(),
            "--manifest",
            manifest.toString(),
            "--contract",
            contract.toString());
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("missing owner, source, consent_scopes");
  }

  @Test
  void missingManifestIsBadInput() {
    var result =
        run(
            "import",
            "--project",
            dir.resolve("p").toString(),
            "--manifest",
            dir.resolve("nope.jsonl").toString(),
            "--contract",
            contract.toString());
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err())
        .isEqualTo(
            "earmark import: cannot read " + dir.resolve("nope.jsonl") + ": check the path\n");
  }

  @Test
  void aLabelStudioExportGivenAsAManifestIsRefusedNamingTheOptionToUse() throws Exception {
    Path export =
        Files.writeString(
            dir.resolve("ls_export.json"),
            "[{\"id\": 1, \"data\": {\"audio\": \"good.wav\"}, \"annotations\": []}]");
    var result =
        run(
            "import",
            "--project",
            dir.resolve("p").toString(),
            "--manifest",
            export.toString(),
            "--contract",
            contract.toString());
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err())
        .isEqualTo(
            "earmark import: "
                + export
                + " is a Label Studio JSON export, not a manifest: import it with earmark import"
                + " --label-studio "
                + export
                + "\n");
  }

  @Test
  void anImportWhereEveryLineFailsExitsOne() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.jsonl"),
            """
            {"id": "e", "audio_filepath": "empty.wav", "consent_scope": "full"}
            {"id": "x" "audio_filepath": "good.wav"}
            """);
    var result =
        run(
            "import",
            "--project",
            dir.resolve("p").toString(),
            "--user",
            "lena",
            "--no-qe",
            "--manifest",
            bad.toString(),
            "--contract",
            contract.toString());
    assertThat(result.code()).as(result.err()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(result.out())
        .contains(bad + " line 2: is not valid JSON")
        .contains("nothing was imported: every line failed");
  }

  @Test
  void aLabelStudioExportImportsThroughItsOwnOptionWithRecordsInTheReport() throws Exception {
    Path export =
        Files.writeString(
            dir.resolve("ls_export.json"),
            """
            [{"id": 1, "data": {"url": "good.wav"},
              "annotations": [{"id": 11, "completed_by": 1, "lead_time": 4.5,
                "result": [{"type": "textarea", "from_name": "transcription", "value": {"text": ["hello"]}}]}],
              "predictions": [{"model_version": "m1", "result": [{"type": "textarea", "value": {"text": ["yellow"]}}]}]},
             {"id": 2, "data": {"audio": "https://example.org/b.wav"}, "annotations": []}]
            """);
    Files.writeString(
        contract,
        Files.readString(contract)
            .replace(
                "\"known_gaps\": []", "\"known_gaps\": [], \"default_consent_scope\": \"full\""));
    var result =
        run(
            "import",
            "--project",
            dir.resolve("p").toString(),
            "--user",
            "lena",
            "--no-qe",
            "--label-studio",
            export.toString(),
            "--contract",
            contract.toString(),
            "--json");
    assertThat(result.code()).as(result.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(result.out());
    assertThat(report.get("imported").asInt()).isEqualTo(1);
    assertThat(report.get("numbered_by").asText()).isEqualTo("record");
    assertThat(report.at("/errors/0/line").asInt()).isEqualTo(2);
    assertThat(report.at("/errors/0/reason").asText())
        .startsWith("task 2: the task has no annotations");
    assertThat(report.at("/excluded")).as("the contract's default scope applies").isEmpty();
  }

  @Test
  void aGlmFileBecomesARuleSetFileOrAPublishedRuleSet() throws Exception {
    Path glm =
        Files.writeString(
            dir.resolve("tiny.glm"),
            """
            ;; a tiny GLM
            gonna => going to / [ ] __ [ ]
            wanna => want to / [ ] __ [ ]
            """);
    Path out = dir.resolve("tiny.json");
    var written =
        run("rules", "import-glm", glm.toString(), "--id", "tiny-glm@1", "--out", out.toString());
    assertThat(written.code()).as(written.err()).isZero();
    assertThat(Files.readString(out)).contains("tiny-glm@1").contains("going to");

    String project = dir.resolve("project").toString();
    assertThat(
            run(
                    "import",
                    "--project",
                    project,
                    "--user",
                    "lena",
                    "--no-qe",
                    "--manifest",
                    manifest.toString(),
                    "--contract",
                    contract.toString())
                .code())
        .isZero();
    var published =
        run(
            "rules",
            "import-glm",
            glm.toString(),
            "--id",
            "tiny-glm@1",
            "--project",
            project,
            "--user",
            "lena",
            "--json");
    assertThat(published.code()).as(published.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(published.out());
    assertThat(report.get("id").asText()).isEqualTo("tiny-glm@1");
    assertThat(report.get("published").asBoolean()).isTrue();

    var badId = run("rules", "import-glm", glm.toString(), "--id", "tiny", "--out", out.toString());
    assertThat(badId.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(badId.err()).contains("--id 'tiny' is not an id like en-glm@1");
  }
}
