package dev.earmark.app.gui.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.normalize.GlmImporter;
import dev.earmark.engine.normalize.Rule;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.version.VersionedId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The editable text of a rule's parameters: every kind round-trips, bad text names its line. */
class RuleTextTest {

  static java.util.List<String> kinds() {
    return RuleText.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyKindsExampleRoundTripsThroughItsText(String kind) {
    Rule example = RuleText.example(kind);

    assertThat(example.kind()).isEqualTo(kind);
    assertThat(RuleText.parse(kind, RuleText.format(example))).isEqualTo(example);
  }

  @Test
  void theBuiltInRuleSetRoundTripsRuleByRule() {
    for (Rule rule : RuleSets.enAsr1().rules()) {
      assertThat(RuleText.parse(rule.kind(), RuleText.format(rule))).isEqualTo(rule);
    }
  }

  @Test
  void anImportedGlmRuleRoundTripsThroughItsGlmLines() {
    Rule glm =
        GlmImporter.importText(
                ";; rules\n* case_sensitive = 'F'\nain't => [{are not / have not}] / [ ] __ [ ]\n"
                    + "c'mon => [come on]\nfalkner => faulkner / [william ] __\n",
                "inline.glm",
                VersionedId.parse("glm@1"))
            .rules()
            .get(0);

    String text = RuleText.format(glm);

    assertThat(text).startsWith("* case_sensitive = 'F'").contains("[falkner] => [faulkner]");
    assertThat(RuleText.parse("glm", text)).isEqualTo(glm);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          fillers           | map %hesitation\\nuh\\num | map %hesitation\\nuh\\num
          fillers           | DROP\\n\\nuh           | drop\\nuh
          rewrite           | okay=>ok\\n  mr => mister | okay => ok\\nmr => mister
          alternations      | { uh / um / @ }        | uh / um / @
          regex             | \\bdr\\b\\ndoctor       | \\bdr\\b\\ndoctor
          numbers           | to-words               | to-words
          protected-phrases | Twenty One Pilots\\n\\nAC DC | Twenty One Pilots\\nAC DC
          """)
  void textIsReadLeniently(String kind, String text, String canonical) {
    Rule rule = RuleText.parse(kind, unescape(text));

    assertThat(RuleText.format(rule)).isEqualTo(unescape(canonical));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          rewrite      | okay => ok\\nmister     | line 2 ('mister') needs 'from => to'.
          rewrite      | a => b\\na => c         | line 2 repeats 'a'; keep one of them.
          alternations | uh / um\\nokay         | line 2 needs at least two spellings separated by '/', e.g. uh / um / @.
          numbers      | sideways                | Write 'to-digits' or 'to-words' as the direction.
          fillers      | keep\\nuh               | line 1 is 'keep'; write 'drop' or 'map' and the hesitation token there.
          regex        | (unclosed\\nx           | the pattern on line 1 is not a valid regular expression (Unclosed group); fix it.
          """)
  void badTextIsRefusedNamingTheLine(String kind, String text, String message) {
    assertThatThrownBy(() -> RuleText.parse(kind, unescape(text)))
        .isInstanceOf(EngineException.class)
        .hasMessage(message);
  }

  @Test
  void summariesAreOneShortLine() {
    assertThat(RuleText.summary(new Rule.CaseFold())).isEqualTo("case-fold");
    assertThat(RuleText.summary(RuleText.example("rewrite"))).isEqualTo("rewrite: okay => ok");
    String contractions = RuleText.summary(RuleSets.enAsr1().rules().get(3));
    assertThat(contractions).startsWith("contractions: ").endsWith("…").doesNotContain("\n");
  }

  private static String unescape(String text) {
    return text.replace("\\n", "\n").replace("\\\\", "\\");
  }
}
