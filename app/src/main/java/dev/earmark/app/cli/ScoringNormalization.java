package dev.earmark.app.cli;

import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSets;
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
   * The one place where {@code --normalization} becomes a tokenizer: {@code none} splits on
   * whitespace; anything else is a built-in rule-set id (en-asr@1) or a rule-set JSON file, whose
   * protected phrases also give the entity error rate. An unknown id or a bad file is an {@code
   * EngineException} naming it (exit 2).
   */
  static ScoringNormalization resolve(String spec) {
    if (spec == null || spec.strip().equals(NONE)) {
      return new ScoringNormalization(NONE, Tokenizer.WHITESPACE, ProtectedPhrases.NONE);
    }
    RuleSet ruleSet = RuleSets.resolve(spec.strip());
    Normalizer normalizer = ruleSet.compile();
    return new ScoringNormalization(
        ruleSet.id().toString(),
        normalizer::tokens,
        ProtectedPhrases.of(normalizer.protectedPhrases()));
  }
}
