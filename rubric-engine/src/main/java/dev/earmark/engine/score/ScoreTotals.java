package dev.earmark.engine.score;

import java.util.OptionalDouble;

/**
 * Summed counts over a group of utterances (a slice or the whole corpus). Rates are ratios of sums
 * ({@code total errors / total reference words}), never means of per-utterance rates, so long
 * utterances weigh more than short ones, as they do in sclite. Immutable and thread-safe.
 */
public record ScoreTotals(
    long utterances, ErrorCounts words, CharacterErrors characters, EntityCounts entities) {
  /** No utterances; the neutral element of {@link #plus}. */
  public static final ScoreTotals EMPTY =
      new ScoreTotals(0, ErrorCounts.ZERO, CharacterErrors.ZERO, EntityCounts.ZERO);

  /** These totals with one more utterance added. */
  public ScoreTotals plus(UtteranceScore score) {
    return new ScoreTotals(
        utterances + 1,
        words.plus(score.words()),
        characters.plus(score.characters()),
        entities.plus(score.entities()));
  }

  /** The sum of two groups' totals. */
  public ScoreTotals plus(ScoreTotals other) {
    return new ScoreTotals(
        utterances + other.utterances,
        words.plus(other.words),
        characters.plus(other.characters),
        entities.plus(other.entities));
  }

  /** Total word errors over total reference words; empty when there are no reference words. */
  public OptionalDouble wer() {
    return words.errorRate();
  }

  /** Total character errors over total reference characters; empty when there are none. */
  public OptionalDouble cer() {
    return characters.errorRate();
  }

  /** Missed protected-phrase occurrences over occurrences; empty when there are none. */
  public OptionalDouble entityErrorRate() {
    return entities.errorRate();
  }
}
