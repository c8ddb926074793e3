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
  void importsTheRulesInFileOrderAsOneGlmRuleFollowedByACaseFold() throws Exception {
    RuleSet imported = GlmImporter.importFile(sample(), ID);

    assertThat(imported.id()).isEqualTo(ID);
    assertThat(imported.description()).contains("earmark-sample.glm");
    assertThat(imported.rules()).hasSize(2).last().isEqualTo(new Rule.CaseFold());
    Rule.Glm glm = (Rule.Glm) imported.rules().get(0);
    assertThat(glm.caseSensitive()).isFalse();
    assertThat(glm.copyNoHit()).isTrue();
    assertThat(glm.rules())
        .startsWith(
            new Rule.Glm.Entry("UH", "%HESITATION", " ", " "),
            new Rule.Glm.Entry("UM", "%HESITATION", " ", " "))
        .contains(
            new Rule.Glm.Entry("ALRIGHT", "{ ALL RIGHT / ALRIGHT }", " ", " "),
            new Rule.Glm.Entry("UH", "UHH", " ", " "))
        .hasSize(10);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Uh I'M gonna go          | %hesitation i am going to go
          um ER uh                 | %hesitation %hesitation %hesitation
          alright okay             | { all right / alright } { ok / okay }
          all right OK             | all right ok
          huh what                 | { huh / @ } what
          uhm thumb                | uhm thumb
          """)
  void importedRuleSetNormalizesLikeSclitesFilter(String raw, String expected) throws Exception {
    Normalizer normalizer = GlmImporter.importFile(sample(), ID).compile();

    assertThat(String.join(" ", normalizer.tokens(raw))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          ain't => [{are not / have not}] / [ ] __ [ ]   | i ain't seen   | i {are not / have not} seen
          c'mon => [come on] / [ ] __ [ ]                | c'mon now      | come on now
          [down syndrome] => [down's syndrome]           | has down syndrome | has down's syndrome
          cancelled => canceled                          | uncancelledx   | uncanceledx
          falkner => faulkner / [william ] __            | falkner william falkner | falkner william faulkner
          binyamin => benjamin / __ [ netanyahu]         | binyamin netanyahu binyamin | benjamin netanyahu binyamin
          "o k" => okay                                  | so o k then    | so okay then
          uh => / [ ] __ [ ]                             | (uh) uh huh    | () huh
          """)
  void theWholeGlmSyntaxAppliesAsCsrfiltAppliesIt(String rule, String raw, String expected) {
    RuleSet imported = GlmImporter.importText(";; one rule\n" + rule + "\n", "inline.glm", ID);

    assertThat(String.join(" ", imported.compile().tokens(raw))).isEqualTo(expected);
  }

  @Test
  void aFileWithoutACaseHeaderIsCaseSensitiveAndKeepsCase() {
    RuleSet imported =
        GlmImporter.importText(
            ";; no header\nColour => Color / [ ] __ [ ]\nuh => %HESITATION / [ ] __ [ ]\n",
            "inline.glm", ID);

    assertThat(imported.rules()).hasSize(1).first().isInstanceOf(Rule.Glm.class);
    assertThat(imported.compile().tokens("Colour colour uh UH %HESITATION"))
        .containsExactly("Color", "colour", "%HESITATION", "UH", "%HESITATION");
  }

  @Test
  void aCaseSensitiveHeaderKeepsCaseAndCopyNoHitFalseDropsUnmatchedText() {
    RuleSet imported =
        GlmImporter.importText(
            ";;\n* case_sensitive = 'T'\n* copy_no_hit = \"F\"\n[a] => [A]\n[ ] => [ ]\n",
            "inline.glm",
            ID);

    assertThat(imported.compile().tokens("a b aa")).containsExactly("A", "AA");
  }

  @Test
  void sectionsForOtherInputTypesAreLeftOutAsCsrfiltLeavesThemOut() {
    RuleSet imported =
        GlmImporter.importText(
            """
            ;; input-dependent sections
            a => b
            ;; INPUT_DEPENDENT_APPLICATION = "ctm"
            c => d
            ;; INPUT_DEPENDENT_APPLICATION = "stm|trn"
            e => f
            """,
            "inline.glm",
            ID);

    assertThat(imported.compile().tokens("a c e")).containsExactly("b", "c", "f");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          ;; NL UH %HESITATION / [ ] __ [ ]         | line 2 has no '=>'
          UH => UM                                   | line 1 is a rule
          ;; NL * name = unquoted                   | line 2 is a header without a quoted value
          ;; NL * format = 'NIST2' NL A => B         | has format 'NIST2'
          ;; only a comment                          | has no rules
          """)
  void aBadFileIsRefusedWithItsLineNumber(String glm, String message) {
    assertThatThrownBy(() -> GlmImporter.importText(glm.replace(" NL ", "\n"), "bad.glm", ID))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("GLM file bad.glm")
        .hasMessageContaining(message);
  }

  @Test
  void theRuleEditorFormRoundTrips() throws Exception {
    Rule.Glm glm = (Rule.Glm) GlmImporter.importFile(sample(), ID).rules().get(0);
    Rule.Glm contextFree =
        new Rule.Glm(true, true, List.of(new Rule.Glm.Entry("x", "{a / b}", "", "")));

    assertThat(GlmImporter.parseRules(GlmImporter.format(glm), "edited")).isEqualTo(glm);
    assertThat(GlmImporter.parseRules(GlmImporter.format(contextFree), "edited"))
        .isEqualTo(contextFree);
  }

  @Test
  void filesAreReadAsUtf8OrElseLatin1(@TempDir Path dir) throws Exception {
    Path utf8 = dir.resolve("utf8.glm");
    Files.writeString(
        utf8, ";;\n* case_sensitive = 'F'\nCAFÉ => CAFE / [ ] __ [ ]\n", StandardCharsets.UTF_8);
    Path latin1 = dir.resolve("latin1.glm");
    Files.writeString(
        latin1,
        ";;\n* case_sensitive = 'F'\nNAÏVE => NAIVE / [ ] __ [ ]\n",
        StandardCharsets.ISO_8859_1);

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
