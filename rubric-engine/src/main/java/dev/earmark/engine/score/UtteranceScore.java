package dev.earmark.engine.score;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The score of one utterance: word counts (WER), character counts (CER) and protected-phrase counts
 * (entity error rate), with the caller's id and slice key. Immutable and thread-safe.
 *
 * @param id the caller's utterance id
 * @param slice the caller's grouping key (accent, device, ...); totals per slice group by it
 * @param words counts of the word alignment
 * @param characters character edit distance and reference length of the tokens joined by single
 *     spaces
 * @param entities protected-phrase occurrences in the reference and how many were missed
 */
public record UtteranceScore(
    String id, String slice, ErrorCounts words, CharacterErrors characters, EntityCounts entities) {
  public UtteranceScore {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(slice, "slice");
    Objects.requireNonNull(words, "words");
    Objects.requireNonNull(characters, "characters");
    Objects.requireNonNull(entities, "entities");
  }

  /** Word error rate; empty when the reference has no words. */
  public OptionalDouble wer() {
    return words.errorRate();
  }

  /** Character error rate; empty when the reference has no characters. */
  public OptionalDouble cer() {
    return characters.errorRate();
  }

  /** Entity error rate; empty when the reference contains no protected phrase. */
  public OptionalDouble entityErrorRate() {
    return entities.errorRate();
  }
}
