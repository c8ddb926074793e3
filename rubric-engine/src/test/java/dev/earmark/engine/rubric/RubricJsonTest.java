package dev.earmark.engine.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RubricJsonTest {
  private static final String MINIMAL =
      """
      {"id": "accent-check@1", "task_type": "asr-transcript", "title": "Accent check",
       "listening_requirement": 0.5,
       "fields": [
         {"name": "clarity", "type": "scale", "definition": "How clear", "required": true,
          "min": 1, "max": 3, "anchors": {"1": "unclear", "2": "mostly clear", "3": "clear"}},
         {"name": "accent", "type": "categorical", "definition": "Which accent",
          "options": [{"value": "a", "definition": "A"}, {"value": "b", "definition": "B"}]}
       ]}
      """;

  private final ObjectMapper json = new ObjectMapper();

  private static Rubric parse(String text) {
    return RubricJson.read(
        "test.json", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void builtInsRoundTripToTheSameHash() {
    for (Rubric rubric : RubricCatalog.builtIn().all()) {
      Rubric again = parse(RubricJson.write(rubric));
      assertThat(again).isEqualTo(rubric);
      assertThat(again.hash()).isEqualTo(rubric.hash());
      assertThat(again.fields()).isEqualTo(rubric.fields());
    }
  }

  @Test
  void aMinimalRubricReadsWithDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("accent-check.json");
    Files.writeString(file, MINIMAL);
    Rubric rubric = RubricJson.read(file);
    assertThat(rubric.id()).isEqualTo(VersionedId.parse("accent-check@1"));
    assertThat(rubric.description()).isEmpty();
    assertThat(rubric.conventions()).isEmpty();
    assertThat(rubric.field("accent")).get().extracting(FieldSpec::required).isEqualTo(false);
  }

  @Test
  void formattingDoesNotChangeTheHash() throws Exception {
    Rubric compact = parse(json.readTree(MINIMAL).toString());
    assertThat(compact.hash()).isEqualTo(parse(MINIMAL).hash());
  }

  @Test
  void aStatedHashThatDoesNotMatchTheContentIsRefused() throws Exception {
    ObjectNode document = RubricJson.toJson(RubricCatalog.builtIn().all().get(0));
    ((ObjectNode) document.get("fields").get(0)).put("definition", "quietly edited");
    assertThatThrownBy(() -> RubricJson.fromJson("edited.json", document))
        .isInstanceOf(RubricFormatException.class)
        .hasMessageContaining("edited.json")
        .hasMessageContaining("does not match the content")
        .hasMessageContaining("asr-transcript@2");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "max": 3                       | "max": 2                       | anchor 3 is outside the 1–2 scale
          "3": "clear"                   | "3": ""                        | 3 has none
          "type": "scale"                | "type": "slider"               | 'slider' is not a field type
          "type": "scale"                | "typ": "scale"                 | 'type' is missing
          "listening_requirement": 0.5   | "listening_requirement": 1.5   | between 0 and 1
          "task_type": "asr-transcript"  | "task_type": "asr"             | 'asr' is not a task type
          "id": "accent-check@1"         | "id": "accent-check"           | not a versioned id
          "min": 1                       | "min": 1.5                     | 'min' must be a whole number
          "name": "clarity"              | "name": "Clarity"              | field name 'Clarity' is not valid
          "definition": "Which accent"   | "definition": "Which accent", "colour": 1 | field accent: 'colour' is not a known key
          {"value": "b", "definition": "B"} | {"value": "a", "definition": "B"} | option 'a' is defined twice
          "required": true               | "required": "yes"              | 'required' must be true or false
          "1": "unclear"                 | "one": "unclear"               | anchor 'one' is not a whole number
          """)
  void badRubricsNameTheFileAndTheField(String from, String to, String message) {
    String broken = MINIMAL.replace(from, to);
    assertThat(broken).isNotEqualTo(MINIMAL);
    assertThatThrownBy(() -> parse(broken))
        .isInstanceOf(RubricFormatException.class)
        .hasMessageStartingWith("rubric file test.json")
        .hasMessageContaining(message);
  }

  @Test
  void malformedJsonNamesTheLine() {
    assertThatThrownBy(() -> parse("{\n\"id\": \n}"))
        .isInstanceOf(RubricFormatException.class)
        .hasMessageContaining("test.json is not valid JSON at line 3");
  }

  @Test
  void aMissingFileIsAnEngineErrorNamingThePath(@TempDir Path dir) {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> RubricJson.read(missing))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("nope.json");
  }

  @Test
  void aDocumentThatIsNotAnObjectOrHasNoFieldsIsRefused() {
    assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("must hold one JSON object");
    assertThatThrownBy(
            () ->
                parse(
                    MINIMAL
                        .replace("\"fields\": [", "\"fields\": {\"x\": [")
                        .replace("]}\n", "]}}\n")))
        .isInstanceOf(RubricFormatException.class);
    String noFields =
        "{\"id\": \"x@1\", \"task_type\": \"tts-rating\", \"title\": \"t\","
            + " \"listening_requirement\": 0, \"fields\": []}";
    assertThatThrownBy(() -> parse(noFields)).hasMessageContaining("needs at least one field");
  }

  @Test
  void everyFieldTypeSurvivesTheRoundTrip() {
    Rubric rubric =
        RubricBuilder.create(VersionedId.parse("all-types@1"), TaskType.ASR_TRANSCRIPT)
            .title("All types")
            .listeningRequirement(0.25)
            .addField(new FieldSpec.TextField("text", "t", "g", true, java.util.List.of("noise")))
            .addField(new FieldSpec.FlagField("flag", "f", "g"))
            .addField(
                new FieldSpec.TagsField(
                    "tags", "t", "g", false, java.util.List.of(new Option("x", "X"))))
            .addField(new FieldSpec.WordMarksField("marks", "m", "g", false))
            .addField(new FieldSpec.SegmentsField("segments", "s", "g", false, false))
            .build();
    Rubric again = parse(RubricJson.write(rubric));
    assertThat(again.fields()).isEqualTo(rubric.fields());
    assertThat(again.hash()).isEqualTo(rubric.hash());
  }
}
