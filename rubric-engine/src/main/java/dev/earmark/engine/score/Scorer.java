package dev.earmark.engine.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores hypotheses against references: WER, CER and entity error rate per utterance, and their
 * sums per slice and for the corpus.
 *
 * <p>Definitions (see also {@code docs/decisions/0003-alignment-tie-break.md}):
 *
 * <ul>
 *   <li>WER: word errors of a minimal alignment ({@link Aligner}) over reference words.
 *   <li>CER: the same on Unicode code points of the tokens joined by single spaces, so the spaces
 *       between words count as characters (a split or merged word costs one character, as in
 *       jiwer's {@code cer}); leading, trailing and repeated whitespace of the raw text never
 *       counts because tokens carry none.
 *   <li>Entity error rate: see {@link ProtectedPhrases}.
 *   <li>An empty reference makes the utterance's rates undefined (empty {@link
 *       java.util.OptionalDouble}); its insertions still count in slice and corpus sums. An empty
 *       hypothesis is all deletions.
 * </ul>
 *
 * <p>Raw text becomes tokens through the {@link Tokenizer} given at construction; {@link
 * #scoreTokens} skips that step for callers that already hold tokens.
 *
 * <p>Not thread-safe (it owns an {@link Aligner}); use one scorer per thread.
 */
public final class Scorer {
  private final Tokenizer tokenizer;
  private final ProtectedPhrases protectedPhrases;
  private final Aligner aligner = new Aligner();

  public Scorer(Tokenizer tokenizer, ProtectedPhrases protectedPhrases) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.protectedPhrases = Objects.requireNonNull(protectedPhrases, "protectedPhrases");
  }

  /** Normalization {@code none}: whitespace tokens compared as given, no protected phrases. */
  public static Scorer withoutNormalization() {
    return new Scorer(Tokenizer.WHITESPACE, ProtectedPhrases.NONE);
  }

  /** Tokenizes both texts with this scorer's tokenizer, then scores the tokens. */
  public UtteranceScore score(String id, String slice, String reference, String hypothesis) {
    return scoreTokens(id, slice, tokenizer.tokens(reference), tokenizer.tokens(hypothesis));
  }

  /** Scores token lists that are already normalized. */
  public UtteranceScore scoreTokens(
      String id, String slice, List<String> reference, List<String> hypothesis) {
    ErrorCounts words;
    EntityCounts entities;
    if (protectedPhrases.isEmpty()) {
      words = aligner.count(reference, hypothesis);
      entities = EntityCounts.ZERO;
    } else {
      Alignment alignment = aligner.align(reference, hypothesis);
      words = alignment.counts();
      entities = protectedPhrases.score(alignment);
    }
    ErrorCounts characters = aligner.countCharacters(reference, hypothesis);
    return new UtteranceScore(id, slice, words, characters, entities);
  }

  /** The word alignment of two raw texts, for display. */
  public Alignment align(String reference, String hypothesis) {
    return aligner.align(tokenizer.tokens(reference), tokenizer.tokens(hypothesis));
  }

  /** Scores a list of pairs and sums them per slice and for the corpus. */
  public CorpusScore scoreCorpus(List<TranscriptPair> pairs) {
    List<UtteranceScore> scores = new ArrayList<>(pairs.size());
    for (TranscriptPair pair : pairs) {
      scores.add(score(pair.id(), pair.slice(), pair.reference(), pair.hypothesis()));
    }
    return CorpusScore.of(scores);
  }
}
