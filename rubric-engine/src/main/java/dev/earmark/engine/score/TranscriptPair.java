package dev.earmark.engine.score;

import java.util.Objects;

/**
 * One utterance to score: a reference and a hypothesis transcript as raw text, with the caller's id
 * and slice key. Immutable and thread-safe.
 */
public record TranscriptPair(String id, String slice, String reference, String hypothesis) {
  public TranscriptPair {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(slice, "slice");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(hypothesis, "hypothesis");
  }
}
