package dev.earmark.app.cli;

import static dev.earmark.app.cli.UsersCommandTest.at;
import static dev.earmark.app.cli.UsersCommandTest.teamProject;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.app.TestClocks;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.RubricJson;
import dev.earmark.engine.version.VersionedId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earmark policy set|show|history}, and what setting a policy says about the labels. */
class PolicyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void movingTheDemoToANewRuleSetReportsWhatChangesForItsLabels() throws Exception {
    Path project = dir.resolve("demo");
    DemoCommand.createDemo(project, "lead-demo", TestClocks.FIXED);
    Path rules = dir.resolve("en-asr-2.json");
    RuleSetJson.write(RuleSets.enAsr1().edit().protect("twenty one pilots").build(), rules);
    assertThat(at(project, "lead-demo", "rules", "publish", rules.toString()).code()).isZero();

    JsonNode shown =
        JSON.readTree(
            at(project, "ann-alex", "policy", "show", "--task", "asr-transcript", "--json").out());
    assertThat(shown.at("/policies/0/rule_set").asText()).isEqualTo("en-asr@1");

    var set =
        at(
            project,
            "lead-demo",
            "policy",
            "set",
            "--task",
            "asr-transcript",
            "--rubric",
            "asr-transcript@1",
            "--rules",
            "en-asr@2",
            "--json");
    assertThat(set.code()).as(set.err()).isZero();
    JsonNode report = JSON.readTree(set.out());
    assertThat(report.get("changed").asBoolean()).isTrue();
    assertThat(report.at("/previous/rule_set").asText()).isEqualTo("en-asr@1");
    assertThat(report.at("/policy/rule_set").asText()).isEqualTo("en-asr@2");
    JsonNode diff = report.get("policy_diff");
    assertThat(diff.get("changed_normalized_text").asInt()).isPositive();
    assertThat(diff.get("details").asText())
        .isEqualTo("earmark policy-diff --from en-asr@1 --to en-asr@2");

    // The same figures as the policy-diff command shows.
    var full =
        at(
            project,
            "lead-demo",
            "policy-diff",
            "--from",
            "en-asr@1",
            "--to",
            "en-asr@2",
            "--out",
            dir.resolve("diff").toString(),
            "--json");
    JsonNode totals = JSON.readTree(full.out());
    assertThat(diff.get("changed_normalized_text").asInt())
        .isEqualTo(totals.get("changed_normalized_text").asInt());
    assertThat(diff.get("changed_dispute").asInt())
        .isEqualTo(totals.get("changed_dispute").asInt());
    assertThat(diff.get("items").asInt()).isEqualTo(totals.get("items").asInt());

    var repeat =
        at(
            project,
            "lead-demo",
            "policy",
            "set",
            "--task",
            "asr-transcript",
            "--rubric",
            "asr-transcript@1",
            "--rules",
            "en-asr@2");
    assertThat(repeat.out())
        .isEqualTo(
            "asr-transcript already has the policy asr-transcript@1 + en-asr@2; no change\n");

    Path rubric = dir.resolve("asr2.json");
    Files.writeString(
        rubric,
        JSON.writeValueAsString(
            RubricJson.toJson(
                RubricCatalog.builtIn()
                    .get(VersionedId.parse("asr-transcript@1"))
                    .edit()
                    .title("Transcript v2")
                    .build())));
    assertThat(at(project, "lead-demo", "rubric", "publish", rubric.toString()).code()).isZero();
    var newRubric =
        at(
            project,
            "lead-demo",
            "policy",
            "set",
            "--task",
            "asr-transcript",
            "--rubric",
            "asr-transcript@2",
            "--rules",
            "en-asr@2");
    assertThat(newRubric.code()).as(newRubric.err()).isZero();
    assertThat(newRubric.out())
        .startsWith("asr-transcript: asr-transcript@1 + en-asr@2 -> asr-transcript@2 + en-asr@2\n")
        .containsPattern(
            "\\d+ submitted labels are under other rubric versions \\(asr-transcript@1: \\d+\\); a"
                + " batch under asr-transcript@2 refuses them");

    JsonNode history = JSON.readTree(at(project, "lead-demo", "policy", "history", "--json").out());
    JsonNode last = history.get("changes").get(history.get("changes").size() - 1);
    assertThat(last.get("previous_rubric").asText()).isEqualTo("asr-transcript@1");
    assertThat(last.get("rubric").asText()).isEqualTo("asr-transcript@2");
    assertThat(last.get("changed_by").asText()).isEqualTo("lead-demo");
    assertThat(at(project, "lead-demo", "policy", "history").out())
        .contains("asr-transcript  asr-transcript@1 + en-asr@1 -> asr-transcript@1 + en-asr@2");
  }

  @Test
  void aNewProjectGetsItsPolicyFromBuiltInsAndUnknownVersionsAreRefused() throws Exception {
    Path project = teamProject(dir);
    assertThat(at(project, "lea", "policy", "show").out())
        .contains("asr-transcript  not set: earmark policy set --task asr-transcript --rubric ID");

    var unknown =
        at(
            project,
            "lea",
            "policy",
            "set",
            "--task",
            "asr-transcript",
            "--rubric",
            "asr-transcript@2",
            "--rules",
            "en-asr@1");
    assertThat(unknown.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(unknown.err())
        .isEqualTo(
            "earmark policy set: rubric asr-transcript@2 is neither published in this project"
                + " (none) nor built in (asr-transcript@1, rag-stages@1, tts-mushra@1,"
                + " tts-preference@1, tts-rating@1); publish it first\n");
    var wrongTask =
        at(project, "lea", "policy", "set", "--task", "tts-rating", "--rubric", "asr-transcript@1");
    assertThat(wrongTask.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(wrongTask.err()).contains("is for asr-transcript, not tts-rating");
    var badTask = at(project, "lea", "policy", "set", "--task", "asr", "--rubric", "x@1");
    assertThat(badTask.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(badTask.err()).contains("'asr' is not a task type");

    var set =
        at(
            project,
            "lea",
            "policy",
            "set",
            "--task",
            "asr-transcript",
            "--rubric",
            "asr-transcript@1",
            "--rules",
            "en-asr@1");
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.out()).isEqualTo("asr-transcript: no policy -> asr-transcript@1 + en-asr@1\n");
    assertThat(at(project, "lea", "rules", "list").out())
        .contains("en-asr@1")
        .contains("built-in, published");
  }
}
