package dev.earmark.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetTest {
  private static final VersionedId DEMO = VersionedId.parse("demo@1");

  @Test
  void theBuiltInEnAsr1IsPublishedAndNeverChanges() {
    RuleSet enAsr = RuleSets.enAsr1();

    assertThat(enAsr.id()).hasToString("en-asr@1");
    // Pinned: changing en-asr-1.json must be published as en-asr@2, not edited in place.
    assertThat(enAsr.hash())
        .isEqualTo("sha256:bdfd6cd606190bb1147fa7ece98dd6d79c86ebce1400759e15d74ab7f9d40ade");
  }

  @Test
  void anEditPublishesTheNextVersionWithANewHashAndLeavesTheOriginalAlone() {
    RuleSet original = RuleSets.enAsr1();
    int rulesBefore = original.rules().size();

    RuleSet edited = original.edit().protect("twenty one pilots").build();

    assertThat(edited.id()).hasToString("en-asr@2");
    assertThat(edited.hash()).isNotEqualTo(original.hash());
    assertThat(original.rules()).hasSize(rulesBefore);
    assertThat(edited.rules()).hasSize(rulesBefore + 1);
    assertThat(edited.rules().get(2))
        .isEqualTo(new Rule.ProtectedPhrases(List.of("twenty one pilots")));
    assertThat(original).isNotEqualTo(edited);
  }

  @Test
  void protectingAgainAddsToTheExistingProtectedPhrasesRule() {
    RuleSet once = RuleSets.enAsr1().edit().protect("twenty one pilots").build();

    RuleSet twice = once.edit().protect("Blink-182", "twenty one pilots").build();

    assertThat(twice.id()).hasToString("en-asr@3");
    assertThat(twice.rules()).hasSize(once.rules().size());
    assertThat(twice.rules().get(2))
        .isEqualTo(new Rule.ProtectedPhrases(List.of("twenty one pilots", "Blink-182")));
    assertThat(twice.compile().protectedPhrases())
        .containsExactly(List.of("twenty", "one", "pilots"), List.of("blink", "182"));
  }

  @Test
  void theHashDependsOnContentOnly() {
    RuleSet a = RuleSet.builder(DEMO).add(new Rule.CaseFold()).build();
    RuleSet b = RuleSet.of(DEMO, "", List.of(new Rule.CaseFold()));
    RuleSet c = RuleSet.builder(DEMO).add(new Rule.StripPunctuation()).build();

    assertThat(a.hash()).isEqualTo(b.hash()).startsWith("sha256:");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(c.hash()).isNotEqualTo(a.hash());
    assertThat(a.toString()).contains("demo@1").contains(a.hash());
  }

  @Test
  void theBuilderInsertsReplacesAndRemovesRules() {
    RuleSet built =
        RuleSet.builder(DEMO)
            .description("demo")
            .add(new Rule.CaseFold())
            .add(new Rule.Numbers(Rule.NumberDirection.TO_DIGITS))
            .insert(1, new Rule.StripPunctuation())
            .replace(2, new Rule.Numbers(Rule.NumberDirection.TO_WORDS))
            .add(new Rule.Rewrite(Map.of("a", "b")))
            .remove(3)
            .id(VersionedId.parse("renamed@4"))
            .build();

    assertThat(built.id()).hasToString("renamed@4");
    assertThat(built.description()).isEqualTo("demo");
    assertThat(built.rules())
        .containsExactly(
            new Rule.CaseFold(),
            new Rule.StripPunctuation(),
            new Rule.Numbers(Rule.NumberDirection.TO_WORDS));
    assertThatThrownBy(() -> built.rules().add(new Rule.CaseFold()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aRuleIndexOutsideTheSetIsRefused() {
    RuleSet.Builder builder = RuleSet.builder(DEMO).add(new Rule.CaseFold());

    assertThatThrownBy(() -> builder.remove(1))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("rule index 1 is outside the rule set demo@1");
    assertThatThrownBy(() -> builder.insert(-1, new Rule.CaseFold()))
        .isInstanceOf(EngineException.class);
  }

  @Test
  void protectingASetWithoutProtectedPhrasesPutsTheRuleAfterCaseAndPunctuation() {
    RuleSet built =
        RuleSet.builder(DEMO)
            .add(new Rule.CaseFold())
            .add(new Rule.StripPunctuation())
            .add(new Rule.Numbers(Rule.NumberDirection.TO_DIGITS))
            .protect("Twenty-One Pilots")
            .build();

    assertThat(built.rules().get(2)).isInstanceOf(Rule.ProtectedPhrases.class);
    assertThat(built.compile().tokens("TWENTY-ONE PILOTS and twenty-one people"))
        .containsExactly("twenty", "one", "pilots", "and", "21", "people");
  }

  @Test
  void rulesRefuseEmptyOrInconsistentContent() {
    assertThatThrownBy(() -> Rule.Fillers.map(" ", List.of("uh")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("hesitation token");
    assertThatThrownBy(() -> Rule.Fillers.map("two words", List.of("uh")))
        .hasMessageContaining("single word");
    assertThatThrownBy(() -> new Rule.Fillers(null, null, List.of("uh")))
        .hasMessageContaining("action");
    assertThatThrownBy(() -> Rule.Fillers.drop(List.of()))
        .hasMessageContaining("non-empty 'words'");
    assertThatThrownBy(() -> Rule.Fillers.drop(List.of("uh", " ")))
        .hasMessageContaining("empty entry");
    assertThatThrownBy(() -> new Rule.Numbers(null)).hasMessageContaining("direction");
    assertThatThrownBy(() -> new Rule.Contractions(Map.of())).hasMessageContaining("'map'");
    assertThatThrownBy(() -> new Rule.SpellingVariants(Map.of(" ", "x")))
        .hasMessageContaining("empty key");
    assertThatThrownBy(() -> new Rule.RegexRewrite("", "x")).hasMessageContaining("pattern");
    assertThatThrownBy(() -> new Rule.Alternations(List.of()))
        .hasMessageContaining("at least one set");
    assertThatThrownBy(() -> new Rule.Alternations(List.of(List.of("ok"))))
        .hasMessageContaining("at least two members");
    assertThat(Rule.Fillers.map(" %hesitation ", List.of("uh")).hesitationToken())
        .isEqualTo("%hesitation");
    assertThat(new Rule.Fillers(Rule.FillerAction.DROP, "ignored", List.of("uh")).hesitationToken())
        .isNull();
    assertThat(new Rule.RegexRewrite("x", null).replacement()).isEmpty();
  }
}
