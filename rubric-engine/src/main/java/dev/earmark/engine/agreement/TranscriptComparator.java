package dev.earmark.engine.agreement;

/**
 * Compares two raw transcripts word by word after the project's normalization rule set. This is the
 * seam between agreement and dispute routing on one side and normalization and WER scoring on the
 * other: the application wires an implementation that normalizes both texts with the label policy's
 * rule set and aligns them with the WER scorer. Implementations must be thread-safe and
 * deterministic.
 */
@FunctionalInterface
public interface TranscriptComparator {
  /**
   * Word errors (substitutions + deletions + insertions) of {@code hypothesis} against {@code
   * reference}, and the number of reference words, both after normalization.
   */
  WordErrors compare(String reference, String hypothesis);

  /**
   * Errors of one directed comparison.
   *
   * @param errors substitutions + deletions + insertions, never negative
   * @param referenceWords words of the normalized reference, never negative
   */
  record WordErrors(int errors, int referenceWords) {
    public WordErrors {
      if (errors < 0 || referenceWords < 0) {
        throw new IllegalArgumentException(
            "errors and reference words cannot be negative: " + errors + ", " + referenceWords);
      }
    }
  }
}
