package dev.earmark.engine.listening;

import dev.earmark.engine.EngineException;

/**
 * One screened rating as it enters the system-level results: who rated, which item (the prompt or
 * trial, the unit the bootstrap resamples beside raters), which clip (the unit Krippendorff's alpha
 * compares raters on), which system made it (for MUSHRA the hidden reference and the anchors under
 * their role names), which dimension, the value and the item's prompt-type slice ({@code ""} when
 * none). Immutable.
 */
public record ListeningScore(
    String rater,
    String item,
    String clip,
    String system,
    String dimension,
    double value,
    String slice) {
  public ListeningScore {
    for (String part : new String[] {rater, item, clip, system, dimension}) {
      if (part == null || part.isBlank()) {
        throw new EngineException(
            "a listening score needs its rater, item, clip, system and dimension");
      }
    }
    if (!Double.isFinite(value)) {
      throw new EngineException("the score of clip " + clip + " by " + rater + " is not a number");
    }
    slice = slice == null ? "" : slice;
  }
}
