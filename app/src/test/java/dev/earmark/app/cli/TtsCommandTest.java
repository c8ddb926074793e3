package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.app.gui.waveform.TestClips;
import dev.earmark.storage.identity.OsAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lead runs an A/B preference test on their own manifest headless, as docs/guide/lead.md
 * "Listening tests" says: import, team, policy, settings, assign, a rater's blind session, labels
 * made elsewhere, and {@code earmark tts report}. Expected shares are counted in the comments.
 */
class TtsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private EarmarkCommandTest.Result as(String user, String... args) {
    List<String> all = new ArrayList<>(List.of("--project", dir.resolve("p").toString()));
    all.addAll(List.of("--user", user));
    all.addAll(List.of(args));
    EarmarkCommandTest.Result result =
        EarmarkCommandTest.runAs(OsAccount.fixed(user), all.toArray(String[]::new));
    assertThat(result.code()).as(String.join(" ", args) + "\n" + result.err()).isZero();
    return result;
  }

  private JsonNode json(String user, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    return JSON.readTree(as(user, all.toArray(String[]::new)).out());
  }

  @Test
  void aPreferenceTestFromManifestToReport() throws Exception {
    writeDataset();
    as("lea", "import", "--manifest", file("manifest.jsonl"), "--contract", file("contract.json"));
    for (String rater : List.of("ann-a", "ann-b")) {
      as("lea", "users", "add", rater, "--role", "annotator", "--os-account", rater);
    }
    as("lea", "policy", "set", "--task", "tts-preference", "--rubric", "tts-preference@1");
    as("lea", "settings", "set", "tts.training_trials", "0");
    JsonNode assigned =
        json(
            "lea",
            "assign",
            "--task",
            "tts-preference",
            "--annotators",
            "ann-a,ann-b",
            "--overlap",
            "1.0");
    assertThat(assigned.toString()).contains("ann-a", "ann-b");

    // ann-a's session: three trials, each two lettered stimuli, and no system name anywhere.
    EarmarkCommandTest.Result session =
        as("ann-a", "tts", "session", "--task", "tts-preference", "--json");
    JsonNode started = JSON.readTree(session.out());
    assertThat(started.get("trials")).hasSize(3);
    started
        .get("trials")
        .forEach(
            trial ->
                assertThat(trial.get("stimuli").findValuesAsText("letter"))
                    .containsExactly("A", "B"));
    assertThat(session.out()).doesNotContain("voice-old", "voice-new", "system");

    // Votes (pN-x is voice-old, pN-y voice-new; each label sits on pN-x, the pair's key clip):
    // ann-a: p1 new, p2 new, p3 none; ann-b: p1 new, p2 old, p3 new.
    // voice-new 4 of 6, voice-old 1 of 6, no preference 1 of 6.
    writeVotes("ann-a", Map.of("p1", "p1-y", "p2", "p2-y", "p3", "no-preference"));
    writeVotes("ann-b", Map.of("p1", "p1-y", "p2", "p2-x", "p3", "p3-y"));
    for (String rater : List.of("ann-a", "ann-b")) {
      as("lea", "labels", "import", "--annotator", rater, file(rater + ".jsonl"));
    }

    JsonNode report = json("lea", "tts", "report", "--task", "tts-preference");
    JsonNode design = report.get("designs").get(0);
    assertThat(design.get("task_type").asText()).isEqualTo("tts-preference");
    assertThat(design.get("trials").asInt()).isEqualTo(3);
    assertThat(design.get("labels").asInt()).isEqualTo(6);
    JsonNode shares = design.get("preferences").get(0);
    assertThat(shares.get("first").asText()).isEqualTo("voice-new");
    assertThat(shares.get("first_share").asDouble()).isEqualTo(4.0 / 6);
    assertThat(shares.get("second_share").asDouble()).isEqualTo(1.0 / 6);
    assertThat(shares.get("no_preference_share").asDouble()).isEqualTo(1.0 / 6);
    assertThat(shares.get("first_interval")).hasSize(2);
    // Slices: p1 and p2 are names (new 3 of 4), p3 numbers.
    assertThat(design.get("slices").findValuesAsText("prompt_type"))
        .containsExactly("names", "numbers");
    assertThat(design.at("/slices/0/preferences/0/first_share").asDouble()).isEqualTo(0.75);
    // Latency is metadata: voice-new 120 ms on every clip.
    assertThat(design.at("/latency/0/system").asText()).isEqualTo("voice-new");
    assertThat(design.at("/latency/0/first_audio_byte_ms_mean").asDouble()).isEqualTo(120.0);

    String text = as("lea", "tts", "report").out();
    assertThat(text)
        .contains("tts-preference (tts-preference@1): 3 trials, 6 labels")
        .contains("voice-new vs voice-old (6 votes): voice-new 67%");
  }

  private void writeVotes(String rater, Map<String, String> votes) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, String> vote : new java.util.TreeMap<>(votes).entrySet()) {
      ObjectNode line = JSON.createObjectNode().put("clip_id", vote.getKey() + "-x");
      line.putObject("value").put("preference", vote.getValue());
      lines.append(line).append('\n');
    }
    Files.writeString(dir.resolve(rater + ".jsonl"), lines);
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  private void writeDataset() throws Exception {
    Files.createDirectories(dir.resolve("audio"));
    StringBuilder manifest = new StringBuilder();
    for (int p = 1; p <= 3; p++) {
      for (String side : List.of("x", "y")) {
        String id = "p" + p + "-" + side;
        TestClips.writeWav(
            dir.resolve("audio/" + id + ".wav"),
            16000,
            1,
            16000 + 400L * p,
            TestClips.speechLike(16000 + (side.equals("x") ? 0 : 7)));
        ObjectNode line = JSON.createObjectNode();
        line.put("id", id).put("audio_filepath", "audio/" + id + ".wav");
        line.put("task_type", "tts-preference").put("prompt_id", "p" + p);
        line.put("system", side.equals("x") ? "voice-old" : "voice-new");
        line.put("prompt_type", p <= 2 ? "names" : "numbers");
        line.put("prompt_text", "Prompt " + p);
        line.put("first_audio_byte_ms", side.equals("x") ? 300 : 120);
        manifest.append(line).append('\n');
      }
    }
    Files.writeString(dir.resolve("manifest.jsonl"), manifest);
    Files.writeString(
        dir.resolve("contract.json"),
        """
        {"dataset_id": "voices", "purpose": "choose the next voice", "owner": "tts team",
         "source": "synthesized", "consent_scopes": [{"id": "full", "allowed_uses": ["labeling",
         "evaluation"]}], "default_consent_scope": "full",
         "allowed_uses": ["labeling", "evaluation"], "retention_policy": "kept a year",
         "language": "en", "domain": "assistant", "acoustic_conditions": "studio",
         "device_class": "none", "known_gaps": []}
        """);
  }
}
