package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.storage.identity.OsAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earmark assign}, {@code queue} and {@code status} on a small project of a team's own. */
class AssignCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path project;

  @BeforeEach
  void project() throws Exception {
    project = SmallProject.create(dir);
  }

  private EarmarkCommandTest.Result as(String user, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--project", project.toString(), "--user", user));
    return EarmarkCommandTest.runAs(OsAccount.fixed(user), all.toArray(String[]::new));
  }

  private Path gold(String lines) throws Exception {
    return Files.writeString(dir.resolve("gold.jsonl"), lines);
  }

  @Test
  void assignReportsEachAnnotatorsShareTheSameInADryRunAndARerunAddsNothing() throws Exception {
    Path gold =
        gold(
            """
            {"clip_id": "c01", "fields": {"transcript": "clip one"}}
            {"clip_id": "c02", "fields": {"transcript": "clip two"}}
            """);
    String[] assign = {
      "assign",
      "--task",
      "asr-transcript",
      "--annotators",
      "ann-a,ann-b,ann-c",
      "--overlap",
      "0.5",
      "--gold",
      gold.toString(),
      "--quota",
      "accent=0.4",
      "--seed",
      "3",
      "--json"
    };
    List<String> dry = new ArrayList<>(List.of(assign));
    dry.add("--dry-run");
    var preview = as(SmallProject.LEAD, dry.toArray(String[]::new));
    assertThat(preview.code()).as(preview.err()).isZero();
    assertThat(JSON.readTree(as(SmallProject.LEAD, "status", "--json").out()).path("annotators"))
        .isEmpty();

    var done = as(SmallProject.LEAD, assign);
    assertThat(done.code()).as(done.err()).isZero();
    JsonNode report = JSON.readTree(done.out());
    ObjectNode previewed = (ObjectNode) JSON.readTree(preview.out());
    assertThat(previewed.path("dry_run").asBoolean()).isTrue();
    previewed.put("dry_run", false);
    assertThat(report).isEqualTo(previewed);

    // 12 labelable clips (the metrics-only one never), four per accent: the quota allows 4 each.
    assertThat(report.path("clips").asInt()).isEqualTo(12);
    assertThat(report.path("gold_clips").asInt()).isEqualTo(2);
    assertThat(report.path("overlapped_clips").asInt()).isEqualTo(6);
    assertThat(report.path("assignments").asInt()).isEqualTo(2 * 3 + 4 * 2 + 6);
    assertThat(report.path("slice_mix").path("accent").toString())
        .isEqualTo("{\"in\":4,\"uk\":4,\"us\":4}");
    assertThat(report.path("annotators")).hasSize(3);
    for (JsonNode load : report.path("annotators")) {
      assertThat(load.path("gold").asInt()).isEqualTo(2);
      assertThat(load.path("clips").asInt()).isBetween(6, 7);
    }

    var again = as(SmallProject.LEAD, assign);
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(JSON.readTree(again.out()).path("assignments").asInt()).isZero();
    assertThat(JSON.readTree(again.out()).path("already_assigned").asInt()).isEqualTo(12);

    var text = as(SmallProject.LEAD, "assign", "--task", "asr-transcript", "--annotators", "ann-a");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out())
        .startsWith("assigned 0 clips under asr-transcript@1: 0 assignments, 0 overlapped, 0 gold")
        .contains("already assigned 12");
  }

  @Test
  void everyAnnotatorPutsEachAnnotatorOnEachClipAndRefusesAnOverlapBesideIt() throws Exception {
    var refused =
        as(
            SmallProject.LEAD,
            "assign",
            "--task",
            "asr-transcript",
            "--annotators",
            "ann-a,ann-b,ann-c",
            "--every-annotator",
            "--overlap",
            "0.5");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err().strip().lines()).hasSize(1);
    assertThat(refused.err()).contains("leave the overlap ratio at 0");

    var done =
        as(
            SmallProject.LEAD,
            "assign",
            "--task",
            "asr-transcript",
            "--annotators",
            "ann-a,ann-b,ann-c",
            "--every-annotator",
            "--json");
    assertThat(done.code()).as(done.err()).isZero();
    JsonNode report = JSON.readTree(done.out());
    // The 12 labelable clips, each to all three annotators.
    assertThat(report.path("clips").asInt()).isEqualTo(12);
    assertThat(report.path("assignments").asInt()).isEqualTo(36);
    assertThat(report.path("overlapped_clips").asInt()).isEqualTo(12);
    assertThat(report.path("annotators"))
        .extracting(load -> load.path("annotator").asText() + "=" + load.path("clips").asInt())
        .containsExactly("ann-a=12", "ann-b=12", "ann-c=12");

    // The role check holds: an annotator cannot assign.
    var denied =
        as(
            "ann-a",
            "assign",
            "--task",
            "asr-transcript",
            "--annotators",
            "ann-a,ann-b",
            "--every-annotator");
    assertThat(denied.code()).isNotZero();
  }

  @Test
  void aLimitWithRandomPriorityTakesOnlyThatMany() {
    var limited =
        as(
            SmallProject.LEAD,
            "assign",
            "--task",
            "asr-transcript",
            "--annotators",
            "ann-a",
            "--limit",
            "5",
            "--priority",
            "random",
            "--seed",
            "9",
            "--json");
    assertThat(limited.code()).as(limited.err()).isZero();
    assertThat(limited.out()).contains("\"clips\" : 5", "\"left_over_by_limit\" : 7");
  }

  @Test
  void quotasAboveTheWholeBatchAreRefusedOnOneLine() {
    var refused =
        as(
            SmallProject.LEAD,
            "assign",
            "--task",
            "asr-transcript",
            "--annotators",
            "ann-a,ann-b",
            "--quota",
            "accent=0.6",
            "--quota",
            "noise=0.5");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err().strip().lines()).hasSize(1);
    assertThat(refused.err()).contains("sum to 1.1, above 1");
  }

  @Test
  void aGoldFileWithAnAnswerTheRubricRefusesNamesItsLineAndAssignsNothing() throws Exception {
    Path gold =
        gold(
            """
            {"clip_id": "c01", "fields": {"transcript": "fine"}}
            {"clip_id": "c02", "fields": {"speaker": "nobody"}}
            """);
    var refused =
        as(
            SmallProject.LEAD,
            "assign",
            "--task",
            "asr-transcript",
            "--annotators",
            "ann-a,ann-b",
            "--gold",
            gold.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err().strip().lines()).hasSize(1);
    assertThat(refused.err())
        .startsWith("earmark assign: gold.jsonl line 2 (clip c02): the answer breaks rubric");
    assertThat(as(SmallProject.LEAD, "queue", "--annotator", "ann-a").out())
        .startsWith("ann-a: 0 open item(s)");
  }

  @Test
  void anAnnotatorCannotAssignAndAStrangerIsNamedAlone() {
    var annotator = as("ann-a", "assign", "--task", "asr-transcript", "--annotators", "ann-a");
    assertThat(annotator.code()).isEqualTo(2);
    assertThat(annotator.err().strip())
        .isEqualTo("earmark assign: ann-a cannot assign clips: that needs the lead role");

    var stranger =
        as(SmallProject.LEAD, "assign", "--task", "asr-transcript", "--annotators", "ann-a,zed");
    assertThat(stranger.code()).isEqualTo(2);
    assertThat(stranger.err().strip())
        .isEqualTo(
            "earmark assign: zed is not a user of this project: add the user with the annotator"
                + " role before assigning clips to them");
    var adjudicator =
        as(SmallProject.LEAD, "assign", "--task", "asr-transcript", "--annotators", "adj");
    assertThat(adjudicator.err().strip())
        .isEqualTo(
            "earmark assign: adj is not an annotator: give the user the annotator role before"
                + " assigning clips to them");
  }

  @Test
  void anAnnotatorReadsOnlyTheirOwnQueueWithoutGoldMarks() throws Exception {
    Path gold = gold("{\"clip_id\": \"c03\", \"fields\": {\"transcript\": \"three\"}}\n");
    var assigned =
        as(
            SmallProject.LEAD,
            "assign",
            "--task",
            "asr-transcript",
            "--annotators",
            "ann-a,ann-b",
            "--gold",
            gold.toString());
    assertThat(assigned.code()).as(assigned.err()).isZero();

    var own = as("ann-a", "queue", "--annotator", "ann-a", "--json");
    assertThat(own.code()).as(own.err()).isZero();
    JsonNode queue = JSON.readTree(own.out());
    assertThat(queue.path("open").asInt()).isEqualTo(queue.path("items").size()).isPositive();
    assertThat(queue.path("items").findValues("gold")).allMatch(gold1 -> !gold1.asBoolean());
    assertThat(queue.path("items").get(0).path("slices").has("accent")).isTrue();

    var leads = as(SmallProject.LEAD, "queue", "--annotator", "ann-a");
    assertThat(leads.code()).as(leads.err()).isZero();
    assertThat(leads.out()).contains("c03", "[gold]");

    var other = as("ann-a", "queue", "--annotator", "ann-b");
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err().strip())
        .isEqualTo("earmark queue: ann-a cannot read the queue of ann-b: only their own");
  }

  @Test
  void aLongQueueIsShownAPageAtATimeWithTheWholeCountAndTheNextPageCommand() throws Exception {
    as(SmallProject.LEAD, "assign", "--task", "asr-transcript", "--annotators", "ann-a");
    JsonNode whole = JSON.readTree(as("ann-a", "queue", "--annotator", "ann-a", "--json").out());
    List<String> all = new ArrayList<>();
    whole.path("items").forEach(item -> all.add(item.path("clip_id").asText()));
    assertThat(all).hasSize(12);
    assertThat(whole.path("next_after").isNull()).isTrue();

    List<String> paged = new ArrayList<>();
    List<String> after = List.of();
    for (int page = 0; page < 4; page++) {
      List<String> args =
          new ArrayList<>(List.of("queue", "--annotator", "ann-a", "--limit", "5", "--json"));
      args.addAll(after);
      var shown = as("ann-a", args.toArray(String[]::new));
      assertThat(shown.code()).as(shown.err()).isZero();
      JsonNode json = JSON.readTree(shown.out());
      assertThat(json.path("open").asInt()).isEqualTo(12);
      json.path("items").forEach(item -> paged.add(item.path("clip_id").asText()));
      if (json.path("next_after").isNull()) {
        break;
      }
      assertThat(json.path("next_after").asLong())
          .isEqualTo(json.path("items").get(4).path("assignment_id").asLong());
      after = List.of("--after", json.path("next_after").asText());
    }
    assertThat(paged).isEqualTo(all);

    var first = as("ann-a", "queue", "--annotator", "ann-a", "--limit", "5");
    List<String> lines = first.out().strip().lines().toList();
    assertThat(lines.get(0)).isEqualTo("ann-a: 12 open item(s)");
    assertThat(lines).hasSize(7);
    assertThat(lines.get(6))
        .matches("Next page: earmark queue --annotator ann-a --limit 5 --after \\d+");
    String next = lines.get(6).substring(lines.get(6).lastIndexOf(' ') + 1);
    var last = as("ann-a", "queue", "--annotator", "ann-a", "--limit", "10", "--after", next);
    assertThat(last.out().strip().lines().toList())
        .hasSize(8)
        .first()
        .isEqualTo("ann-a: 12 open item(s); the 7 after assignment " + next);
    assertThat(last.out()).doesNotContain("Next page");

    var zero = as("ann-a", "queue", "--annotator", "ann-a", "--limit", "0");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err().strip().lines()).hasSize(1);
    assertThat(zero.err()).contains("--limit must be at least 1, not 0");
  }

  @Test
  void statusShowsClipsWorkPolicyModelAndExport() throws Exception {
    as(SmallProject.LEAD, "assign", "--task", "asr-transcript", "--annotators", "ann-a,ann-b");
    var status = as(SmallProject.LEAD, "status", "--json");
    assertThat(status.code()).as(status.err()).isZero();
    JsonNode report = JSON.readTree(status.out());
    assertThat(report.path("clips").toString())
        .isEqualTo("{\"active\":12,\"excluded\":1,\"quarantined\":0}");
    assertThat(report.path("annotators").findValuesAsText("annotator"))
        .containsExactly("ann-a", "ann-b");
    assertThat(report.path("annotators").get(0).path("pending").asInt()).isEqualTo(6);
    assertThat(report.path("policies").path("asr-transcript").path("rubric").asText())
        .isEqualTo("asr-transcript@1");
    assertThat(report.path("policies").path("tts-rating").path("rubric").isNull()).isTrue();
    assertThat(report.path("disputes").path("open").asInt()).isZero();
    assertThat(report.path("qe_model").asText()).startsWith("qe-");
    assertThat(report.path("qe_model_shipped").asBoolean()).isTrue();
    assertThat(report.path("last_export").isNull()).isTrue();

    var text = as(SmallProject.LEAD, "status");
    assertThat(text.out())
        .contains("clips: 12 active, 0 quarantined, 1 excluded")
        .contains("policy asr-transcript: asr-transcript@1")
        .contains("last export: none");
    var annotator = as("ann-a", "status");
    assertThat(annotator.code()).isEqualTo(2);
    assertThat(annotator.err().strip())
        .isEqualTo(
            "earmark status: ann-a cannot read the project status: that needs the lead or"
                + " adjudicator role");
  }
}
