package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.identity.OsAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project of listening-test clips only, through commands (docs/guide/lead.md "Listening tests"):
 * the demo's MUSHRA manifest with its real WAVs imported, the policy, every trial to every rater,
 * labels made elsewhere, a batch of the listening test only that {@code earmark verify} passes, and
 * a listening clip past its retention date refusing the export with one line naming it.
 */
class TtsOnlyExportCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each rater's score per stimulus kind; ann-b misses the hidden reference. */
  private static final Map<String, Map<String, Integer>> SCORES =
      Map.of(
          "ann-a",
          Map.of(
              "reference",
              100,
              "anchor-mid",
              55,
              "anchor-low",
              20,
              "sys-a",
              78,
              "sys-b",
              66,
              "sys-c",
              45),
          "ann-b",
          Map.of(
              "reference",
              80,
              "anchor-mid",
              70,
              "anchor-low",
              35,
              "sys-a",
              90,
              "sys-b",
              88,
              "sys-c",
              70),
          "ann-c",
          Map.of(
              "reference",
              95,
              "anchor-mid",
              45,
              "anchor-low",
              15,
              "sys-a",
              70,
              "sys-b",
              60,
              "sys-c",
              38));

  private static final List<String> PROMPTS =
      List.of("mushra-p-name", "mushra-p-number", "mushra-p-plain");

  @TempDir Path dir;

  private EarmarkCommandTest.Result run(String user, String... args) {
    List<String> all = new ArrayList<>(List.of("--project", dir.resolve("p").toString()));
    all.addAll(List.of("--user", user));
    all.addAll(List.of(args));
    return EarmarkCommandTest.runAs(OsAccount.fixed(user), all.toArray(String[]::new));
  }

  private EarmarkCommandTest.Result as(String user, String... args) {
    EarmarkCommandTest.Result result = run(user, args);
    assertThat(result.code()).as(String.join(" ", args) + "\n" + result.err()).isZero();
    return result;
  }

  @Test
  void aListeningTestOnlyProjectExportsAndVerifiesAndAnExpiredClipRefusesTheExport()
      throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    Path manifest = data.resolve(DemoDataset.MUSHRA_MANIFEST);
    // mushra-p-name-sys-b is kept until the day after the project's clock, so it imports but has
    // expired on the second batch's pinned day.
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(manifest)) {
      lines.add(
          line.contains("\"id\": \"mushra-p-name-sys-b\"")
              ? line.replaceFirst(
                  "\"retention_until\": \"[0-9-]+\"", "\"retention_until\": \"2026-11-22\"")
              : line);
    }
    Files.write(manifest, lines);
    as(
        "lea",
        "import",
        "--manifest",
        manifest.toString(),
        "--contract",
        data.resolve(DemoDataset.LISTENING_CONTRACT).toString());
    List<String> raters = List.of("ann-a", "ann-b", "ann-c");
    for (String rater : raters) {
      as("lea", "users", "add", rater, "--role", "annotator", "--os-account", rater);
    }
    as("lea", "policy", "set", "--task", "tts-mushra", "--rubric", "tts-mushra@1");
    as("lea", "settings", "set", "tts.training_trials", "0");
    as(
        "lea",
        "assign",
        "--task",
        "tts-mushra",
        "--annotators",
        String.join(",", raters),
        "--every-annotator");
    for (String rater : raters) {
      StringBuilder labels = new StringBuilder();
      for (String prompt : PROMPTS) {
        ObjectNode line = JSON.createObjectNode().put("clip_id", prompt + "-reference");
        ObjectNode quality = line.putObject("value").putObject("quality");
        SCORES.get(rater).forEach((kind, score) -> quality.put(prompt + "-" + kind, score));
        labels.append(line).append('\n');
      }
      Path file = Files.writeString(dir.resolve(rater + ".jsonl"), labels);
      as("lea", "labels", "import", "--annotator", rater, file.toString());
    }

    // No asr-transcript policy and no --listening: one line says how to export the test.
    Path out = dir.resolve("batch-tts");
    EarmarkCommandTest.Result nothing =
        run("lea", "export", "--batch", "tts-1", "--out", out.toString());
    assertThat(nothing.code()).isNotZero();
    assertThat(nothing.err().strip()).contains("--listening TASK").doesNotContain("\n\tat ");

    EarmarkCommandTest.Result exported =
        as(
            "lea",
            "export",
            "--batch",
            "tts-1",
            "--out",
            out.toString(),
            "--listening",
            "tts-mushra",
            "--use",
            "evaluation",
            "--timestamp",
            "2026-11-21T12:00:00Z");
    assertThat(exported.out())
        .contains("exported batch tts-1: 0 items")
        .contains("listening tests only");
    EarmarkCommandTest.Result verified = EarmarkCommandTest.run("verify", out.toString(), "--json");
    assertThat(verified.code()).as(verified.out()).isZero();
    assertThat(JSON.readTree(verified.out()).path("intact").asBoolean()).isTrue();
    assertThat(
            EarmarkCommandTest.run(
                    "verify", out.toString(), "--project", dir.resolve("p").toString())
                .code())
        .isZero();

    JsonNode written = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(written.get("policy").isNull()).isTrue();
    assertThat(written.path("formats")).isEmpty();
    assertThat(written.path("formats_not_written").path("formats")).hasSize(8);
    JsonNode mushra = written.path("listening").get(0);
    assertThat(mushra.path("labels").asInt()).isEqualTo(9);
    assertThat(mushra.path("clips")).hasSize(18);
    assertThat(mushra.path("raters"))
        .extracting(r -> r.path("rater").asText() + "=" + r.path("outcome").asText())
        .containsExactly("ann-a=kept", "ann-b=excluded", "ann-c=kept");

    // Ten days on, the clip kept until 2026-11-22 has expired: the export refuses, naming it.
    Path late = dir.resolve("batch-late");
    EarmarkCommandTest.Result blocked =
        run(
            "lea",
            "export",
            "--batch",
            "tts-2",
            "--out",
            late.toString(),
            "--listening",
            "tts-mushra",
            "--use",
            "evaluation",
            "--timestamp",
            "2026-12-01T00:00:00Z");
    assertThat(blocked.code()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(blocked.out()).contains("NOT exported: 1 release blocker(s)");
    assertThat(blocked.out().lines().filter(line -> line.startsWith("  retention-expired: ")))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("mushra-p-name-sys-b"));
    assertThat(late).doesNotExist();
  }
}
