package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.RubricJson;
import dev.earmark.engine.version.VersionedId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RubricCommandTest {
  private final ObjectMapper json = new ObjectMapper();

  private static EarmarkCommandTest.Result run(String... args) {
    return EarmarkCommandTest.run(args);
  }

  @Test
  void listNamesEveryBuiltInWithItsHash() throws Exception {
    EarmarkCommandTest.Result human = run("rubric", "list");
    assertThat(human.code()).isZero();
    assertThat(human.out())
        .contains(
            "asr-transcript@1", "tts-rating@1", "rag-stages@1", "tts-mushra@1", "tts-preference@1");

    JsonNode listed = json.readTree(run("rubric", "list", "--json").out());
    assertThat(listed.get("rubrics")).hasSize(5);
    Rubric tts = RubricCatalog.builtIn().get(VersionedId.parse("tts-rating@1"));
    assertThat(listed.findValuesAsText("hash")).contains(tts.hash());
  }

  @Test
  void showPrintsAnchorsAndTheJsonFormReloadsToTheSameHash(@TempDir Path dir) throws Exception {
    EarmarkCommandTest.Result human = run("rubric", "show", "tts-rating@1");
    assertThat(human.code()).isZero();
    assertThat(human.out())
        .contains("naturalness (scale 1–5, required)")
        .contains("5  Indistinguishable from a good human recording.")
        .contains("listen to 80% of the clip");

    EarmarkCommandTest.Result asJson = run("rubric", "show", "asr-transcript@1", "--json");
    Path file = dir.resolve("asr.json");
    Files.writeString(file, asJson.out());
    assertThat(RubricJson.read(file).hash())
        .isEqualTo(RubricCatalog.builtIn().get(VersionedId.parse("asr-transcript@1")).hash());
    assertThat(run("rubric", "show", file.toString()).out()).contains("event tags: [noise]");
  }

  @Test
  void diffBetweenABuiltInAndAnEditedFile(@TempDir Path dir) throws Exception {
    Rubric v1 = RubricCatalog.builtIn().get(VersionedId.parse("rag-stages@1"));
    Rubric v2 =
        v1.edit()
            .removeField("unsure")
            .addField(
                new FieldSpec.FlagField("needs_expert", "A domain expert should check.", "stages"))
            .build();
    Path file = dir.resolve("rag-stages-2.json");
    Files.writeString(file, RubricJson.write(v2));

    EarmarkCommandTest.Result human = run("rubric", "diff", "rag-stages@1", file.toString());
    assertThat(human.code()).isZero();
    assertThat(human.out())
        .startsWith("rubric rag-stages@1 → rag-stages@2")
        .contains("- unsure (flag)")
        .contains("+ needs_expert (flag)");

    JsonNode diff =
        json.readTree(run("rubric", "diff", "rag-stages@1", file.toString(), "--json").out());
    assertThat(diff.at("/fields/removed/0/field").asText()).isEqualTo("unsure");
    assertThat(diff.at("/to_hash").asText()).isEqualTo(v2.hash());
  }

  @Test
  void unknownIdsAndMissingFilesAreBadInputOnOneLine() {
    EarmarkCommandTest.Result unknown = run("rubric", "show", "tts-rating@9");
    assertThat(unknown.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(unknown.err().strip().lines()).hasSize(1);
    assertThat(unknown.err()).contains("tts-rating@9 is not known");

    EarmarkCommandTest.Result missing = run("rubric", "diff", "tts-rating@1", "no/such.json");
    assertThat(missing.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(missing.err())
        .contains("'no/such.json' is neither a built-in rubric id nor a rubric file");
  }

  @Test
  void aBrokenRubricFileNamesTheFileAndField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(
        file,
        RubricJson.write(RubricCatalog.builtIn().get(VersionedId.parse("tts-rating@1")))
            .replace("\"max\" : 5", "\"max\" : 4"));
    EarmarkCommandTest.Result result = run("rubric", "show", file.toString());
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(result.err()).contains("broken.json").contains("field intelligibility");
    assertThat(result.err().strip().lines()).hasSize(1);
  }

  @Test
  void rubricWithoutASubcommandIsBadUsage() {
    EarmarkCommandTest.Result result = run("rubric");
    assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
  }
}
