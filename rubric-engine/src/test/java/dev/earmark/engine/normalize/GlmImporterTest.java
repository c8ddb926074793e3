package dev.earmark.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlmImporterTest {
  private static final VersionedId ID = VersionedId.parse("hub5-sample@1");

  private static Path sample() throws URISyntaxException {
    return Path.of(GlmImporterTest.class.getResource("sample-hub5-style.glm").toURI());
  }

  @Test
  void importsRewritesAndAlternationsInFileOrderAfterACaseFold() throws Exception {
    RuleSet imported = GlmImporter.importFile(sample(), ID);

    assertThat(imported.id()).isEqualTo(ID);
    assertThat(imported.description()).contains("earmark-sample.glm");
    assertThat(imported.rules())
        .containsExactly(
            new Rule.CaseFold(),
            new Rule.Rewrite(
                Map.of(
                    "uh", "%hesitation",
                    "um", "%hesitation",
                    "er", "%hesitation",
                    "i'm", "i am",
                    "wanna", "want to",
                    "gonna", "going to")),
            new Rule.Alternations(
                List.of(
                    List.of("all right", "alright"), List.of("ok", "okay"), List.of("huh", "@"))));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Uh I'M gonna go          | %hesitation i am going to go
          um ER uh                 | %hesitation %hesitation %hesitation
          alright okay             | all right ok
          all right OK             | all right ok
          huh what                 | what
          """)
  void importedRuleSetNormalizesLikeSclitesFilter(String raw, String expected) throws Exception {
    Normalizer normalizer = GlmImporter.importFile(sample(), ID).compile();

    assertThat(String.join(" ", normalizer.tokens(raw))).isEqualTo(expected);
  }

  @Test
  void aCaseSensitiveFileKeepsCaseAndGetsNoCaseFold() {
    RuleSet imported =
        GlmImporter.importText(
            "* case_sensitive = 'T'\nColour => Color / [ ] __ [ ]\n", "inline.glm", ID);

    assertThat(imported.rules()).containsExactly(new Rule.Rewrite(Map.of("Colour", "Color")));
    assertThat(imported.compile().tokens("Colour colour")).containsExactly("Color", "colour");
  }

  @Test
  void anAtSignOnTheRightDeletesTheWord() {
    RuleSet imported = GlmImporter.importText("HMM => @ / [ ] __ [ ]\n", "inline.glm", ID);

    assertThat(imported.compile().tokens("hmm yes")).containsExactly("yes");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          UH %HESITATION / [ ] __ [ ]                | line 1 has no '=>'
          => HELLO / [ ] __ [ ]                      | line 1 needs plain words before '=>'
          UH => UM / [ ] __ [ X ]                    | line 1 has the context '[ ] __ [ X ]'
          UH => { A / B } C / [ ] __ [ ]             | line 1 needs one alternation
          UH => A { B / C } / [ ] __ [ ]             | line 1 needs one alternation
          UH => { A /  / C } / [ ] __ [ ]            | line 1 has an empty alternative
          ;; only a comment                          | has no rules
          """)
  void aBadLineIsRefusedWithItsLineNumber(String glm, String message) {
    assertThatThrownBy(() -> GlmImporter.importText(glm, "bad.glm", ID))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("GLM file bad.glm")
        .hasMessageContaining(message);
  }

  @Test
  void filesAreReadAsUtf8OrElseLatin1(@TempDir Path dir) throws Exception {
    Path utf8 = dir.resolve("utf8.glm");
    Files.writeString(utf8, "CAFÉ => CAFE / [ ] __ [ ]\n", StandardCharsets.UTF_8);
    Path latin1 = dir.resolve("latin1.glm");
    Files.writeString(latin1, "NAÏVE => NAIVE / [ ] __ [ ]\n", StandardCharsets.ISO_8859_1);

    assertThat(GlmImporter.importFile(utf8, ID).compile().tokens("Café")).containsExactly("cafe");
    assertThat(GlmImporter.importFile(latin1, ID).compile().tokens("naïve"))
        .containsExactly("naive");
  }

  @Test
  void aMissingFileIsNamedInTheError() {
    Path missing = Path.of("does-not-exist.glm");

    assertThatThrownBy(() -> GlmImporter.importFile(missing, ID))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("does-not-exist.glm");
  }

  @Test
  void theImportedSetRoundTripsThroughTheJsonFormat() throws Exception {
    RuleSet imported = GlmImporter.importFile(sample(), ID);

    RuleSet reread = RuleSetJson.parse(RuleSetJson.write(imported), "round-trip");

    assertThat(reread).isEqualTo(imported);
    assertThat(reread.rules()).isEqualTo(imported.rules());
  }
}
