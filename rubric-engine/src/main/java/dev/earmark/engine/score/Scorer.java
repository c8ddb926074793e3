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
 * <p>Alternations: a token list may hold sclite alternation markup, as a GLM rule set writes it
 * ({@code i {are not / have not} seen it}). Each alternation is a set of choices the other side may
 * match, as in sclite: the alignment takes the choice that aligns best, and only the words of the
 * chosen path count (an {@code @} choice is no word). Nothing is rewritten on the other side, so
 * {@code i have not seen it} against {@code i are not seen it} is one substitution unless the
 * reference itself holds the alternation. CER is then counted on the chosen words.
 *
 * <p>Alignment: {@link AlignmentMode#MINIMUM_EDIT} (the default) or {@link AlignmentMode#SCLITE},
 * which reproduces sclite's alignment and counts.
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
  private final AlignmentMode mode;
  private final NetworkAligner networkAligner;
  private final NetworkAligner alternationAligner;

  /** A scorer with the minimum-edit alignment. */
  public Scorer(Tokenizer tokenizer, ProtectedPhrases protectedPhrases) {
    this(tokenizer, protectedPhrases, AlignmentMode.MINIMUM_EDIT);
  }

  /** A scorer counting errors on the alignment {@code mode} gives. */
  public Scorer(Tokenizer tokenizer, ProtectedPhrases protectedPhrases, AlignmentMode mode) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.protectedPhrases = Objects.requireNonNull(protectedPhrases, "protectedPhrases");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.networkAligner = mode == AlignmentMode.SCLITE ? new NetworkAligner(mode) : null;
    this.alternationAligner = new NetworkAligner(mode);
  }

  /** The alignment this scorer counts errors on. */
  public AlignmentMode mode() {
    return mode;
  }

  /** Normalization {@code none}: whitespace tokens compared as given, no protected phrases. */
  public static Scorer withoutNormalization() {
    return new Scorer(Tokenizer.WHITESPACE, ProtectedPhrases.NONE);
  }

  /** Tokenizes both texts with this scorer's tokenizer, then scores the tokens. */
  public UtteranceScore score(String id, String slice, String reference, String hypothesis) {
    if (tokenizer == Tokenizer.WHITESPACE && networkAligner == null && protectedPhrases.isEmpty()) {
      // Normalization none: the aligner splits the raw texts itself, with no string per token.
      Aligner.UtteranceCounts counts = aligner.countWhitespaceTokens(reference, hypothesis);
      if (counts != null) {
        return new UtteranceScore(
            id, slice, counts.words(), counts.characters(), EntityCounts.ZERO);
      }
    }
    return scoreTokens(id, slice, tokenizer.tokens(reference), tokenizer.tokens(hypothesis));
  }

  /** Scores token lists that are already normalized. */
  public UtteranceScore scoreTokens(
      String id, String slice, List<String> reference, List<String> hypothesis) {
    if (networkAligner != null
        || WordNetwork.hasAlternations(reference)
        || WordNetwork.hasAlternations(hypothesis)) {
      Alignment alignment = alignTokens(reference, hypothesis);
      EntityCounts entities =
          protectedPhrases.isEmpty() ? EntityCounts.ZERO : protectedPhrases.score(alignment);
      CharacterErrors characters =
          aligner.characterErrors(chosenReference(alignment), chosenHypothesis(alignment));
      return new UtteranceScore(id, slice, alignment.counts(), characters, entities);
    }
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
    CharacterErrors characters = aligner.characterErrors(reference, hypothesis);
    return new UtteranceScore(id, slice, words, characters, entities);
  }

  /** The word alignment of two raw texts, for display. */
  public Alignment align(String reference, String hypothesis) {
    return alignTokens(tokenizer.tokens(reference), tokenizer.tokens(hypothesis));
  }

  private Alignment alignTokens(List<String> reference, List<String> hypothesis) {
    if (networkAligner != null) {
      return networkAligner.align(reference, hypothesis);
    }
    if (WordNetwork.hasAlternations(reference) || WordNetwork.hasAlternations(hypothesis)) {
      return alternationAligner.align(reference, hypothesis);
    }
    return aligner.align(reference, hypothesis);
  }

  private static List<String> chosenReference(Alignment alignment) {
    List<String> words = new ArrayList<>();
    for (AlignmentOp op : alignment.ops()) {
      if (op instanceof AlignmentOp.Hit hit) {
        words.add(hit.token());
      } else if (op instanceof AlignmentOp.Substitution substitution) {
        words.add(substitution.reference());
      } else if (op instanceof AlignmentOp.Deletion deletion) {
        words.add(deletion.reference());
      }
    }
    return words;
  }

  private static List<String> chosenHypothesis(Alignment alignment) {
    List<String> words = new ArrayList<>();
    for (AlignmentOp op : alignment.ops()) {
      if (op instanceof AlignmentOp.Hit hit) {
        words.add(hit.token());
      } else if (op instanceof AlignmentOp.Substitution substitution) {
        words.add(substitution.hypothesis());
      } else if (op instanceof AlignmentOp.Insertion insertion) {
        words.add(insertion.hypothesis());
      }
    }
    return words;
  }

  /** Scores a list of pairs and sums them per slice and for the corpus. */
  public CorpusScore scoreCorpus(List<TranscriptPair> pairs) {
    return CorpusScore.of(scoreRange(pairs, 0, pairs.size()));
  }

  private List<UtteranceScore> scoreRange(List<TranscriptPair> pairs, int from, int to) {
    List<UtteranceScore> scores = new ArrayList<>(to - from);
    for (int index = from; index < to; index++) {
      TranscriptPair pair = pairs.get(index);
      scores.add(score(pair.id(), pair.slice(), pair.reference(), pair.hypothesis()));
    }
    return scores;
  }
}
