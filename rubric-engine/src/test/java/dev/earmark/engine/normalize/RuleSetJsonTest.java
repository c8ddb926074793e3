package dev.earmark.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSetJsonTest {
  private static final RuleSet EVERY_KIND =
      RuleSet.builder(VersionedId.parse("every-kind@3"))
          .description("one rule of each kind")
          .add(new Rule.CaseFold())
          .add(new Rule.StripPunctuation())
          .add(new Rule.ProtectedPhrases(List.of("twenty one pilots")))
          .add(Rule.Fillers.map("%hesitation", List.of("uh", "um")))
          .add(new Rule.Contractions(Map.of("i'm", "i am")))
          .add(new Rule.SpellingVariants(Map.of("colour", "color")))
          .add(new Rule.Alternations(List.of(List.of("ok", "okay"), List.of("uh huh", "@"))))
          .add(new Rule.Numbers(Rule.NumberDirection.TO_WORDS))
          .add(new Rule.Rewrite(Map.of("mister", "mr")))
          .add(new Rule.RegexRewrite("\\b(\\w+) \\1\\b", "$1"))
          .build();

  @Test
  void everyRuleKindRoundTripsWithItsHash(@TempDir Path dir) {
    Path file = dir.resolve("every-kind.json");

    RuleSetJson.write(EVERY_KIND, file);
    RuleSet reread = RuleSetJson.read(file);

    assertThat(reread).isEqualTo(EVERY_KIND);
    assertThat(reread.rules()).isEqualTo(EVERY_KIND.rules());
    assertThat(reread.description()).isEqualTo("one rule of each kind");
    assertThat(RuleSetJson.write(reread)).isEqualTo(RuleSetJson.write(EVERY_KIND));
  }

  @Test
  void theDocumentedExampleLoadsAndMatchesItsHash() throws Exception {
    Path example = Path.of("..", "docs", "formats", "rule-set.example.json");

    RuleSet loaded = RuleSetJson.read(example);

    assertThat(loaded.id()).hasToString("my-project@2");
    assertThat(RuleSetJson.write(loaded)).isEqualTo(Files.readString(example));
  }

  @Test
  void aFileWithoutAHashLoadsAndGetsOneComputed() {
    RuleSet loaded =
        RuleSetJson.parse(
            "{\"format\":\"earmark-rule-set/1\",\"id\":\"x@1\",\"rules\":[{\"kind\":\"case-fold\"}]}",
            "inline");

    assertThat(loaded.hash()).isEqualTo(RuleSet.of(loaded.id(), "", loaded.rules()).hash());
  }

  @Test
  void aPublishedFileEditedInPlaceIsRefused() {
    String published = RuleSetJson.write(EVERY_KIND);
    String tampered = published.replace("\"colour\"", "\"colours\"");

    assertThatThrownBy(() -> RuleSetJson.parse(tampered, "tampered.json"))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("Rule-set file tampered.json")
        .hasMessageContaining("field 'hash' does not match")
        .hasMessageContaining("every-kind@4");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          {"format":"earmark-rule-set/1","id":"x@1","rules":[               | is not valid JSON at line 1
          []                                                                 | the top level must be a JSON object
          {"id":"x@1","rules":[]}                                            | field 'format' is missing
          {"format":"earmark-rule-set/9","id":"x@1","rules":[]}              | is 'earmark-rule-set/9' but this Earmark reads
          {"format":"earmark-rule-set/1","id":"X 1","rules":[]}              | field 'id' is 'X 1'; write name@N
          {"format":"earmark-rule-set/1","id":"x@1"}                         | field 'rules' is missing
          {"format":"earmark-rule-set/1","id":"x@1","rules":[1]}             | rules[0] must be an object
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{}]}            | rules[0] field 'kind' is missing
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"case-fold"},{"kind":"shout"}]} | rules[1] field 'kind' is 'shout', which is not a rule kind
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"fillers","action":"keep","words":["uh"]}]} | rules[0] (fillers) field 'action' is 'keep'; use drop or map
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"fillers","action":"map","words":["uh"]}]} | rules[0] (fillers) field 'token' is missing
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"fillers","action":"drop","words":[]}]} | rules[0] (fillers) a fillers rule needs a non-empty 'words' list
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"fillers","action":"drop","words":[1]}]} | rules[0] (fillers) field 'words' must contain only strings
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"fillers","action":"drop"}]} | rules[0] (fillers) field 'words' is missing
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"numbers","direction":"sideways"}]} | rules[0] (numbers) field 'direction' is 'sideways'
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"contractions"}]} | rules[0] (contractions) field 'map' is missing or empty
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"rewrite","map":{"a":1}}]} | rules[0] (rewrite) field 'map' entry 'a' must map to a string
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"regex","pattern":"(","replacement":""}]} | rules[0] (regex) field 'pattern' is not a valid Java regular expression
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"regex","pattern":"a"}]} | rules[0] (regex) field 'replacement' is missing
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"alternations","sets":[]}]} | rules[0] (alternations) field 'sets' is missing or empty
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"alternations","sets":["ok"]}]} | rules[0] (alternations) field 'sets'[0] must be a list of strings
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"alternations","sets":[["ok",2]]}]} | rules[0] (alternations) field 'sets'[0] must contain only strings
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"alternations","sets":[["ok"]]}]} | rules[0] (alternations) the alternation set [ok] needs at least two members
          {"format":"earmark-rule-set/1","id":"x@1","rules":[{"kind":"protected-phrases","phrases":[""]}]} | rules[0] (protected-phrases) the 'phrases' list of a protected-phrases rule has an empty entry
          """)
  void aBadFileIsRefusedNamingTheFileTheRuleAndTheField(String json, String message) {
    assertThatThrownBy(() -> RuleSetJson.parse(json, "bad.json"))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("Rule-set file bad.json")
        .hasMessageContaining(message);
  }

  @Test
  void anUnreadableFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("missing.json");

    assertThatThrownBy(() -> RuleSetJson.read(missing))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("missing.json");
    assertThatThrownBy(() -> RuleSetJson.write(EVERY_KIND, dir.resolve("no/such/dir/x.json")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("x.json");
  }
}
