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
}
