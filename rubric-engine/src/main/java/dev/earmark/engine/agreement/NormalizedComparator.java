package dev.earmark.engine.agreement;

import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.score.ErrorCounts;
import dev.earmark.engine.score.Scorer;
import dev.earmark.engine.score.Tokenizer;
import dev.earmark.engine.score.UtteranceScore;
import java.util.List;

/**
 * The real {@link TranscriptComparator}: both transcripts normalized by a rule set, then aligned by
 * the WER scorer, so agreement and dispute routing count errors exactly as {@code earmark wer}
 * does. Not thread-safe (it owns a {@link Scorer}); make one per thread.
 */
public final class NormalizedComparator implements TranscriptComparator {
  private final Scorer scorer;
  private final Tokenizer tokenizer;

  public NormalizedComparator(Normalizer normalizer) {
    this.tokenizer = normalizer::tokens;
    this.scorer = new Scorer(tokenizer, dev.earmark.engine.score.ProtectedPhrases.NONE);
  }

  @Override
  public WordErrors compare(String reference, String hypothesis) {
    List<String> ref = tokenizer.tokens(reference);
    UtteranceScore score = scorer.scoreTokens("", "", ref, tokenizer.tokens(hypothesis));
    ErrorCounts words = score.words();
    return new WordErrors(
        Math.toIntExact(words.errors()), Math.toIntExact(words.referenceLength()));
  }
}
