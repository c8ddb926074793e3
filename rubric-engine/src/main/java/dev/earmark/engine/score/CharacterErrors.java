package dev.earmark.engine.score;

import java.util.OptionalDouble;

/**
 * What CER is made of: the character edit distance and the reference length in characters (Unicode
 * code points) of one utterance or a sum of utterances. CER needs no more than these two, so
 * scoring takes the distance alone (bit-parallel) and no per-character alignment; {@link
 * Aligner#countCharacters} gives the hits, substitutions, deletions and insertions when they are
 * wanted. Immutable and thread-safe.
 *
 * @param errors the minimum number of character insertions, deletions and substitutions
 * @param referenceLength characters in the reference
 */
public record CharacterErrors(long errors, long referenceLength) {
  /** Nothing compared yet; the neutral element of {@link #plus}. */
  public static final CharacterErrors ZERO = new CharacterErrors(0, 0);

  public CharacterErrors {
    if (errors < 0 || referenceLength < 0) {
      throw new IllegalArgumentException(
          "counts cannot be negative: errors=" + errors + " reference=" + referenceLength);
    }
  }

  /** Errors over reference length (CER); empty when the reference is empty. May exceed 1. */
  public OptionalDouble errorRate() {
    return referenceLength == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) errors / referenceLength);
  }

  /** Sum: how corpus and slice totals are formed (never a mean of rates). */
  public CharacterErrors plus(CharacterErrors other) {
    return new CharacterErrors(errors + other.errors, referenceLength + other.referenceLength);
  }
}
