package dev.earmark.app.cli;

import static dev.earmark.app.cli.EarmarkCommandTest.run;
import static dev.earmark.app.cli.UsersCommandTest.at;
import static dev.earmark.app.cli.UsersCommandTest.teamProject;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.RubricJson;
import dev.earmark.engine.version.VersionedId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earmark rubric publish} and {@code earmark rules list|show|diff|publish}. */
class PublishCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path rubricFile(String name, Rubric rubric) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, JSON.writeValueAsString(RubricJson.toJson(rubric)));
    return file;
  }

  private Path rulesFile(String name, RuleSet ruleSet) {
    Path file = dir.resolve(name);
    RuleSetJson.write(ruleSet, file);
    return file;
  }

  @Test
  void aRubricFileBecomesTheNextVersionOnceAndIsListedBesideTheBuiltIns() throws Exception {
    Path project = teamProject(dir);
    Rubric asr1 = RubricCatalog.builtIn().get(VersionedId.parse("asr-transcript@1"));
    Rubric asr2 = asr1.edit().title("Transcript with our conventions").build();
    Path file = rubricFile("asr2.json", asr2);

    var published = at(project, "lea", "rubric", "publish", file.toString());
    assertThat(published.code()).as(published.err()).isZero();
    assertThat(published.out())
        .isEqualTo("published rubric asr-transcript@2 " + asr2.hash() + "\n");
    var again = at(project, "lea", "rubric", "publish", file.toString(), "--json");
    assertThat(JSON.readTree(again.out()).get("published").asBoolean()).isFalse();

    Path other = rubricFile("other.json", asr1.edit().title("Somebody else's conventions").build());
    var refused = at(project, "lea", "rubric", "publish", other.toString());
    assertThat(refused.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(refused.err())
        .startsWith(
            "earmark rubric publish: rubric asr-transcript@2 is already published with different"
                + " content")
        .endsWith("published versions never change: publish the edit as asr-transcript@3\n");

    JsonNode listed = JSON.readTree(at(project, "lea", "rubric", "list", "--json").out());
    assertThat(listed.get("rubrics").findValuesAsText("id"))
        .containsExactly(
            "asr-transcript@1",
            "rag-stages@1",
            "tts-mushra@1",
            "tts-preference@1",
            "tts-rating@1",
            "asr-transcript@2");
    assertThat(listed.at("/rubrics/5/built_in").asBoolean()).isFalse();
    assertThat(listed.at("/rubrics/5/published_in_project").asBoolean()).isTrue();
    assertThat(run("rubric", "list").out()).doesNotContain("asr-transcript@2");

    assertThat(at(project, "lea", "rubric", "show", "asr-transcript@2").out())
        .startsWith("asr-transcript@2  Transcript with our conventions");
    var diff = at(project, "lea", "rubric", "diff", "asr-transcript@1", "asr-transcript@2");
    assertThat(diff.code()).as(diff.err()).isZero();
    assertThat(diff.out()).contains("Transcript with our conventions");
    var unknown = at(project, "lea", "rubric", "show", "asr-transcript@7");
    assertThat(unknown.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(unknown.err()).contains("known ids are asr-transcript@1, asr-transcript@2");
  }

  @Test
  void ruleSetsArePublishedShownAndComparedLikeRubrics() throws Exception {
    Path project = teamProject(dir);
    RuleSet v2 = RuleSets.enAsr1().edit().protect("twenty one pilots").build();
    Path file = rulesFile("en-asr-2.json", v2);

    var published = at(project, "lea", "rules", "publish", file.toString(), "--json");
    assertThat(published.code()).as(published.err()).isZero();
    JsonNode report = JSON.readTree(published.out());
    assertThat(report.get("id").asText()).isEqualTo("en-asr@2");
    assertThat(report.get("hash").asText()).isEqualTo(v2.hash());
    assertThat(report.get("published").asBoolean()).isTrue();

    RuleSet clash = RuleSets.enAsr1().edit().protect("red hot chili peppers").build();
    var refused = at(project, "lea", "rules", "publish", rulesFile("clash.json", clash).toString());
    assertThat(refused.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(refused.err()).endsWith("publish the edit as en-asr@3\n");

    RuleSet forged = RuleSet.of(RuleSets.EN_ASR_1, "mine", v2.rules());
    var builtIn = at(project, "lea", "rules", "publish", rulesFile("f.json", forged).toString());
    assertThat(builtIn.err())
        .contains("rule set en-asr@1 is built into Earmark with different content")
        .endsWith("publish the edit as en-asr@3\n");

    assertThat(at(project, "lea", "rules", "list").out())
        .contains("en-asr@1")
        .containsPattern("en-asr@2 +\\d+ rules  project");
    assertThat(run("rules", "list", "--json").out()).doesNotContain("en-asr@2");
    assertThat(at(project, "lea", "rules", "show", "en-asr@2").out())
        .startsWith("en-asr@2")
        .contains("protected-phrases {\"phrases\":[\"twenty one pilots\"]}");

    var diff = at(project, "lea", "rules", "diff", "en-asr@1", "en-asr@2");
    assertThat(diff.code()).as(diff.err()).isZero();
    assertThat(diff.out())
        .startsWith("en-asr@1 -> en-asr@2\n")
        .contains("protected-phrases {\"phrases\":[\"twenty one pilots\"]}")
        .endsWith("1 added, " + RuleSets.enAsr1().rules().size() + " kept\n");
    JsonNode diffJson =
        JSON.readTree(
            at(project, "lea", "rules", "diff", "en-asr@1", file.toString(), "--json").out());
    assertThat(diffJson.get("added")).hasSize(1);
    assertThat(diffJson.get("removed")).isEmpty();
  }
}
