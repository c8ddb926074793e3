package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.app.gui.waveform.TestClips;
import dev.earmark.storage.identity.OsAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A team's own project from an empty folder to a verified batch, through commands only (issue 16;
 * docs/guide/lead.md "Your own project in ten minutes" runs exactly these): import, team, a custom
 * rubric and rule set published from files, the policy, assignment with overlap and gold, labels
 * made elsewhere, disputes decided headless, export and verify. No demo code is on this path.
 */
class OwnProjectEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SENTENCES =
      List.of(
          "turn left at the lights",
          "call my sister tonight",
          "the meeting starts at nine",
          "book a table for two",
          "play some jazz music",
          "what is the weather today",
          "send the report to anna",
          "set an alarm for seven",
          "how far is the station",
          "remind me to buy milk",
          "open the garage door",
          "read my new messages");

  @TempDir Path dir;

  /** {@code --project DIR} (embedded H2) or {@code --db URL} (a fresh PostgreSQL database). */
  private List<String> location;

  /** Where the project lives: always an H2 folder, and a PostgreSQL database when one is given. */
  static Stream<Named<String>> databases() {
    String pgUrl = System.getenv("EARMARK_TEST_PG_URL");
    if ((pgUrl == null || pgUrl.isBlank()) && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI must run the team-mode tests: EARMARK_TEST_PG_URL is not set (see .ci/run)");
    }
    return pgUrl == null || pgUrl.isBlank()
        ? Stream.of(Named.of("h2", "h2"))
        : Stream.of(Named.of("h2", "h2"), Named.of("postgresql", pgUrl));
  }

  private EarmarkCommandTest.Result as(String user, String... args) {
    List<String> all = new ArrayList<>(location);
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aTeamGoesFromAnEmptyFolderToAVerifiedBatchWithCommandsOnly(String database)
      throws Exception {
    location =
        database.equals("h2")
            ? List.of("--project", dir.resolve("p").toString())
            : List.of("--db", freshPgDatabase(database));
    writeDataset();

    // 1. Import: the first user of a new project becomes its lead.
    as("lea", "import", "--manifest", file("manifest.jsonl"), "--contract", file("contract.json"));
    // 2. The team. In an embedded project each person is mapped to their own OS account (here
    // named as the user); on PostgreSQL each gets a login of their own instead (users login).
    for (String annotator : List.of("ann-a", "ann-b", "ann-c")) {
      addUser(database, annotator, "annotator");
    }
    addUser(database, "adj", "adjudicator");
    // 3. A rubric and a rule set of the team's own, edited from the built-ins' JSON.
    ObjectNode rubric = (ObjectNode) json("lea", "rubric", "show", "asr-transcript@1");
    rubric.put("id", "asr-transcript@2").put("title", "Call-centre transcript").remove("hash");
    Files.writeString(dir.resolve("asr-transcript-2.json"), rubric.toPrettyString());
    ObjectNode rules = (ObjectNode) json("lea", "rules", "show", "en-asr@1");
    rules.put("id", "en-asr@2").remove("hash");
    ObjectNode protect = JSON.createObjectNode().put("kind", "protected-phrases");
    protect.putArray("phrases").add("anna");
    ((ArrayNode) rules.get("rules")).insert(0, protect);
    Files.writeString(dir.resolve("en-asr-2.json"), rules.toPrettyString());
    as("lea", "rubric", "publish", file("asr-transcript-2.json"));
    as("lea", "rules", "publish", file("en-asr-2.json"));
    // 4. The label policy.
    as(
        "lea",
        "policy",
        "set",
        "--task",
        "asr-transcript",
        "--rubric",
        "asr-transcript@2",
        "--rules",
        "en-asr@2");
    // 5. Assignment: every clip labeled twice, one gold clip.
    JsonNode assigned =
        json(
            "lea",
            "assign",
            "--task",
            "asr-transcript",
            "--annotators",
            "ann-a,ann-b,ann-c",
            "--overlap",
            "1.0",
            "--gold",
            file("gold.jsonl"));
    assertThat(assigned.toString()).contains("ann-a", "ann-b", "ann-c");
    // 6. Labels made elsewhere; ann-c disagrees on two clips.
    for (String annotator : List.of("ann-a", "ann-b", "ann-c")) {
      as("lea", "labels", "import", "--annotator", annotator, file(annotator + ".jsonl"));
    }
    // 7. The disputes, decided headless by the adjudicator.
    JsonNode disputes = json("adj", "disputes", "list", "--open").get("disputes");
    Map<String, String> disputeByClip = new TreeMap<>();
    disputes.forEach(d -> disputeByClip.put(d.get("clip_id").asText(), d.get("id").asText()));
    assertThat(disputeByClip).containsOnlyKeys("c03", "c06");
    assertThat(as("adj", "disputes", "show", disputeByClip.get("c03")).out())
        .contains("normalized with en-asr@2");
    as(
        "adj",
        "adjudicate",
        disputeByClip.get("c03"),
        "--pick",
        "ann-a",
        "--reason",
        "annotator-error",
        "--note",
        "ann-c added words");
    as(
        "adj",
        "adjudicate",
        disputeByClip.get("c06"),
        "--text",
        "what is the weather today",
        "--reason",
        "annotator-error");
    assertThat(json("adj", "disputes", "list", "--open").get("disputes")).isEmpty();
    // 8. Export for evaluation (the contract's consent does not allow training) and verify.
    Path batch = dir.resolve("out/b1");
    as("lea", "export", "--batch", "b1", "--use", "evaluation", "--out", batch.toString());
    assertThat(run("verify", batch.toString()).code()).isZero();

    JsonNode manifest = JSON.readTree(batch.resolve("manifest.json").toFile());
    assertThat(manifest.at("/policy/rubric/id").asText()).isEqualTo("asr-transcript@2");
    assertThat(manifest.at("/policy/rule_set/id").asText()).isEqualTo("en-asr@2");
    assertThat(manifest.at("/agreement/items").asInt()).isEqualTo(12);
    assertThat(manifest.at("/agreement/adjudicated").asInt()).isEqualTo(2);
    List<String> adjudicated = new ArrayList<>();
    for (JsonNode item : manifest.get("items")) {
      for (JsonNode decision : item.get("adjudications")) {
        assertThat(decision.get("adjudicator").asText()).isEqualTo("adj");
        assertThat(decision.get("reason").asText()).isEqualTo("annotator-error");
        adjudicated.add(item.get("clip_id").asText());
      }
    }
    assertThat(adjudicated).containsExactlyInAnyOrder("c03", "c06");
    Map<String, JsonNode> annotators = new TreeMap<>();
    manifest.get("annotators").forEach(a -> annotators.put(a.get("annotator").asText(), a));
    assertThat(annotators).containsOnlyKeys("ann-a", "ann-b", "ann-c");
    for (JsonNode annotator : annotators.values()) {
      assertThat(annotator.get("labels").asInt()).isEqualTo(12);
      assertThat(annotator.get("gold_items").asInt()).isEqualTo(1);
      assertThat(annotator.get("gold_accuracy").asDouble()).isEqualTo(1.0);
    }
  }

  private void addUser(String database, String user, String role) {
    if (database.equals("h2")) {
      as("lea", "users", "add", user, "--role", role, "--os-account", user);
    } else {
      as("lea", "users", "add", user, "--role", role);
    }
  }

  /** A new, empty database on the test server, reached with the same credentials. */
  private static String freshPgDatabase(String adminUrl) throws SQLException {
    String name = "earmark_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(adminUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  /**
   * Twelve speech-like clips with a manifest, a contract, three annotators' label files and a gold
   * file.
   */
  private void writeDataset() throws Exception {
    Files.createDirectories(dir.resolve("audio"));
    String[] accents = {"uk", "us", "in"};
    StringBuilder manifest = new StringBuilder();
    for (int i = 1; i <= SENTENCES.size(); i++) {
      String id = String.format("c%02d", i);
      TestClips.writeWav(
          dir.resolve("audio/" + id + ".wav"),
          16000,
          1,
          16000 + 800L * i,
          TestClips.speechLike(16000));
      ObjectNode line = JSON.createObjectNode();
      line.put("id", id).put("audio_filepath", "audio/" + id + ".wav");
      line.put("consent_scope", "full").put("split", "test").put("source", "call-centre");
      line.put("speaker_id", "spk" + i % 4).put("hypothesis", SENTENCES.get(i - 1));
      line.putObject("slices").put("accent", accents[(i - 1) % 3]);
      manifest.append(line).append('\n');
    }
    Files.writeString(dir.resolve("manifest.jsonl"), manifest);
    Files.writeString(
        dir.resolve("contract.json"),
        """
        {"dataset_id": "calls", "purpose": "evaluate the call-centre ASR", "owner": "speech team",
         "source": "call-centre recordings", "sources": ["call-centre"],
         "consent_scopes": [{"id": "full", "allowed_uses": ["labeling", "evaluation"]}],
         "allowed_uses": ["labeling", "evaluation"], "retention_policy": "kept two years",
         "language": "en", "domain": "calls", "acoustic_conditions": "office",
         "device_class": "headset", "known_gaps": []}
        """);
    for (String annotator : List.of("ann-a", "ann-b", "ann-c")) {
      StringBuilder labels = new StringBuilder();
      for (int i = 1; i <= SENTENCES.size(); i++) {
        String transcript = SENTENCES.get(i - 1);
        if (annotator.equals("ann-c") && (i == 3 || i == 6)) {
          transcript = transcript.replace("the", "a") + " please";
        }
        ObjectNode line = JSON.createObjectNode().put("clip_id", String.format("c%02d", i));
        line.putObject("value").put("transcript", transcript);
        labels.append(line.put("time_spent_ms", 12000)).append('\n');
      }
      Files.writeString(dir.resolve(annotator + ".jsonl"), labels);
    }
    Files.writeString(
        dir.resolve("gold.jsonl"),
        "{\"clip_id\": \"c01\", \"fields\": {\"transcript\": \"turn left at the lights\"}}\n");
  }
}
