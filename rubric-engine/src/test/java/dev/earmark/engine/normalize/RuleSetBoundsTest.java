package dev.earmark.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule sets travel to annotators inside packs, so a hostile or careless one must be refused with a
 * sentence, never hang a WER run or crash it: JSON nested beyond Jackson's bound, and a regex rule
 * that backtracks catastrophically.
 */
class RuleSetBoundsTest {
  private static final VersionedId TEST = VersionedId.parse("bounds@1");

  /** 800 words of "a", with no "z" anywhere: the worst case for (.*a){3}z. */
  private static final String REFERENCE =
      IntStream.range(0, 800).mapToObj(i -> "a").collect(Collectors.joining(" "));

  @ParameterizedTest
  @ValueSource(ints = {1_001, 5_000})
  void aRuleSetNestedOverAThousandLevelsIsRefusedWithASentence(int depth) {
    String json =
        "{\"format\":\"earmark-rule-set/1\",\"id\":\"x@1\",\"rules\":["
            + "[".repeat(depth)
            + "]".repeat(depth)
            + "]}";
    assertThatThrownBy(() -> RuleSetJson.parse(json, "deep.json"))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("Rule-set file deep.json is refused")
        .hasMessageContaining("nesting");
  }

  @Test
  void aCatastrophicallyBacktrackingRegexIsRefusedNamingTheRule() {
    Normalizer normalizer =
        RuleSet.of(
                TEST, "", List.of(new Rule.CaseFold(), new Rule.RegexRewrite("(.*a){3}z", "found")))
            .compile();

    EngineException refused =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> {
              try {
                normalizer.tokens(REFERENCE);
                return null;
              } catch (EngineException e) {
                return e;
              }
            });

    assertThat(refused).isNotNull();
    assertThat(refused.getMessage())
        .startsWith("Rule 1 (regex) of bounds@1")
        .contains("(.*a){3}z")
        .contains("catastrophic backtracking");
  }

  @Test
  void anOrdinaryRegexOnTheSameLongTextStaysWithinItsBudget() {
    Normalizer normalizer =
        RuleSet.of(TEST, "", List.of(new Rule.RegexRewrite("\\ba\\b(?= a\\b)", "b"))).compile();

    List<String> tokens = normalizer.tokens(REFERENCE);

    assertThat(tokens).hasSize(800).startsWith("b", "b").endsWith("a");
  }
}
