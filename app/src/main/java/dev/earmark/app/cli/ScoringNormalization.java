package dev.earmark.app.cli;

import dev.earmark.engine.score.ProtectedPhrases;
import dev.earmark.engine.score.Tokenizer;

/**
 * What {@code --normalization none|ID|PATH} resolves to for scoring: the name reported in the
 * output, the tokenizer that turns raw text into compared tokens, and the protected phrases the
 * entity error rate is measured on.
 */
record ScoringNormalization(String name, Tokenizer tokenizer, ProtectedPhrases protectedPhrases) {
  static final String NONE = "none";

  /**
   * The one place where a rule-set id or path becomes a tokenizer. Rule sets ({@code
   * dev.earmark.engine.normalize}) are not part of this build yet, so anything but {@code none} is
   * refused. Wiring them in replaces the {@code throw} below with:
   *
   * <pre>{@code
   * Normalizer normalizer = RuleSets.resolve(spec).compile();
   * return new ScoringNormalization(
   *     normalizer.ruleSet().map(ruleSet -> ruleSet.id().toString()).orElse(spec),
   *     normalizer::tokens,
   *     ProtectedPhrases.of(normalizer.protectedPhrases()));
   * }</pre>
   *
   * <p>and the test {@code onlyNoneNormalizationIsAcceptedUntilRuleSetsAreWiredIn} becomes one that
   * scores under {@code en-asr@1}.
   */
  static ScoringNormalization resolve(String spec) {
    if (spec == null || spec.strip().equals(NONE)) {
      return new ScoringNormalization(NONE, Tokenizer.WHITESPACE, ProtectedPhrases.NONE);
    }
    throw new InputException(
        "--normalization "
            + spec
            + ": only 'none' is available in this build (normalization rule sets are not wired"
            + " in yet)");
  }
}
