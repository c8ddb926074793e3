package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PolicyLabels;
import dev.earmark.storage.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDiffCommandTest {
  @TempDir Path dir;
  Path labels;
  Path v2;

  @BeforeEach
  void files() throws Exception {
    labels =
        Files.writeString(
            dir.resolve("labels.jsonl"),
            """
            {"id": "a", "slice": "music", "annotator": "ann-1", "reference": "I love twenty one pilots", "hypothesis": "I love 21 pilots"}
            {"id": "b", "slice": "general", "annotator": "ann-1", "reference": "twenty one people came", "hypothesis": "21 people came"}

            {"id": "c", "slice": "music", "annotator": "ann-1", "reference": "twenty one pilots rock", "hypothesis": "21 pilots rock"}
            {"id": "c", "slice": "music", "annotator": "ann-2", "reference": "21 pilots rock", "hypothesis": "21 pilots rock"}
            """);
    v2 = dir.resolve("en-asr@2.json");
    RuleSetJson.write(RuleSets.enAsr1().edit().protect("twenty one pilots").build(), v2);
  }

  @Test
  void jsonReportHasTheContractFields() throws Exception {
    var result =
        run(
            "policy-diff",
            "--labels",
            labels.toString(),
            "--from",
            "en-asr@1",
            "--to",
            v2.toString(),
            "--json");
    assertThat(result.code()).as(result.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(result.out());
    assertThat(report.get("from").asText()).isEqualTo("en-asr@1");
    assertThat(report.get("to").asText()).isEqualTo("en-asr@2");
    assertThat(report.get("items").asInt()).isEqualTo(3);
    assertThat(report.get("changed_normalized_text").asInt()).isEqualTo(2);
    assertThat(report.get("changed_wer").asInt()).isEqualTo(2);
    assertThat(report.get("changed_dispute").asInt()).isEqualTo(1);
    assertThat(report.at("/by_slice/music/changed_dispute").asInt()).isEqualTo(1);
    assertThat(report.at("/by_slice/general/changed_wer").asInt()).isZero();
    assertThat(report.get("examples")).hasSize(5);
    assertThat(report.at("/examples/4/change").asText()).isEqualTo("dispute");
    assertThat(report.at("/examples/0/rule").asText()).contains("(protected-phrases)");
  }

  @Test
  void humanReportSummarisesAndShowsExamples() {
    var result =
        run(
            "policy-diff",
            "--labels",
            labels.toString(),
            "--from",
            "en-asr@1",
            "--to",
            v2.toString());
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .startsWith(
            "en-asr@1 -> en-asr@2: of 3 items, 2 change normalized text, 2 change WER, 1 change"
                + " dispute status; corpus WER 0.0% -> 26.7%")
        .contains("c [music] dispute: \"agreed\" -> \"disputed\"");
  }

  @Test
  void badInputIsOneLineWithExitTwo() throws Exception {
    Files.writeString(labels, "{\"id\": \"a\", \"slice\": \"s\", \"reference\": \"x\"}\n");
    var missing =
        run("policy-diff", "--labels", labels.toString(), "--from", "en-asr@1", "--to", "en-asr@1");
    assertThat(missing.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(missing.err()).endsWith("line 1: 'hypothesis' is missing or not a string\n");

    var unknown =
        run("policy-diff", "--labels", labels.toString(), "--from", "en-asr@9", "--to", "en-asr@1");
    assertThat(unknown.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(unknown.err().strip().lines()).hasSize(1);
    assertThat(unknown.err()).contains("en-asr@9");
  }

  /** The demo project with en-asr@2 (en-asr@1 protecting "twenty one pilots") published. */
  private Path demoWithSecondRuleSet() {
    Path project = dir.resolve("demo");
    DemoCreation.create(project, "lead-demo", TestClocks.FIXED);
    try (Project opened = Project.openEmbedded(project, false, TestClocks.FIXED)) {
      new PolicyLabels(opened, new Policies(opened))
          .publish(
              opened.users().actor("lead-demo"),
              RuleSets.enAsr1().edit().protect("twenty one pilots").build());
    }
    return project;
  }

  @Test
  void aProjectDiffWritesMarkdownAndJsonNamingTheChangedItemsAndTheirRule() throws Exception {
    Path project = demoWithSecondRuleSet();
    Path reports = dir.resolve("reports");

    var result =
        run(
            "--project",
            project.toString(),
            "--user",
            "lead-demo",
            "policy-diff",
            "--from",
            "asr-transcript",
            "--to",
            "en-asr@2",
            "--out",
            reports.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .startsWith("en-asr@1 -> en-asr@2: of ")
        .contains("wrote " + reports.resolve("policy-diff.md"))
        .contains("wrote " + reports.resolve("policy-diff.json"));
    JsonNode report = new ObjectMapper().readTree(reports.resolve("policy-diff.json").toFile());
    assertThat(report.get("from").asText()).isEqualTo("en-asr@1");
    assertThat(report.get("to").asText()).isEqualTo("en-asr@2");
    // Only clip-002 and clip-011 (the band, both in the music domain) read differently under
    // en-asr@2; on clip-011 Cem's "twenty one pilots" no longer matches the others' "21 pilots".
    assertThat(report.get("changed_normalized_text").asInt()).isEqualTo(2);
    assertThat(report.get("changed_dispute").asInt()).isEqualTo(1);
    assertThat(report.at("/by_slice/music/changed_normalized_text").asInt()).isEqualTo(2);
    assertThat(report.at("/by_slice/banking/changed_normalized_text").asInt()).isZero();
    JsonNode example = report.at("/examples/0");
    assertThat(example.get("id").asText()).isEqualTo("clip-002");
    assertThat(example.get("slice").asText()).isEqualTo("music");
    assertThat(example.get("annotator").asText()).isEqualTo("ann-bea");
    assertThat(example.get("change").asText()).isEqualTo("normalized_text");
    assertThat(example.get("from").asText()).isEqualTo("i bought tickets to see 21 pilots in june");
    assertThat(example.get("to").asText())
        .isEqualTo("i bought tickets to see twenty one pilots in june");
    assertThat(example.get("rule").asText())
        .isEqualTo("added in en-asr@2: rule 3 (protected-phrases)");
    String markdown = Files.readString(reports.resolve("policy-diff.md"));
    assertThat(markdown)
        .startsWith("# Label-policy diff: en-asr@1 → en-asr@2")
        .contains("| music | ")
        .contains("| clip-002 | music | ")
        .contains("| clip-011 | music |  | dispute | agreed | disputed | ")
        .contains("added in en-asr@2: rule 3 (protected-phrases)");
  }

  @Test
  void aProjectDiffPrintsJsonAndRefusesUnknownPoliciesAndAnnotators() throws Exception {
    Path project = demoWithSecondRuleSet();
    Path reports = dir.resolve("json-reports");

    var result =
        run(
            "--project",
            project.toString(),
            "--user",
            "adj-demo",
            "policy-diff",
            "--from",
            "en-asr@1",
            "--to",
            "en-asr@2",
            "--out",
            reports.toString(),
            "--json");
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(new ObjectMapper().readTree(result.out()))
        .isEqualTo(new ObjectMapper().readTree(reports.resolve("policy-diff.json").toFile()));

    var unknown =
        run(
            "--project",
            project.toString(),
            "--user",
            "lead-demo",
            "policy-diff",
            "--from",
            "en-asr@1",
            "--to",
            "en-asr@9",
            "--out",
            reports.toString());
    assertThat(unknown.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(unknown.err())
        .contains(
            "'en-asr@9' is neither a published rule set (en-asr@1, en-asr@2) nor a task type");

    var annotator =
        run(
            "--project",
            project.toString(),
            "--user",
            "ann-alex",
            "policy-diff",
            "--from",
            "en-asr@1",
            "--to",
            "en-asr@2",
            "--out",
            reports.toString());
    assertThat(annotator.code()).isNotZero();
    assertThat(annotator.err()).contains("ann-alex cannot read every label for a policy diff");
  }
}
