package dev.earmark.engine.agreement;

/**
 * A minimal word-level Levenshtein comparator for tests (whitespace tokens, unit costs, no
 * normalization). The application wires the real normalizer and WER scorer instead.
 */
public final class WordLevenshteinComparator implements TranscriptComparator {
  @Override
  public WordErrors compare(String reference, String hypothesis) {
    String[] ref = words(reference);
    String[] hyp = words(hypothesis);
    int[] previous = new int[hyp.length + 1];
    int[] current = new int[hyp.length + 1];
    for (int j = 0; j <= hyp.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= ref.length; i++) {
      current[0] = i;
      for (int j = 1; j <= hyp.length; j++) {
        int substitution = previous[j - 1] + (ref[i - 1].equals(hyp[j - 1]) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return new WordErrors(previous[hyp.length], ref.length);
  }

  private static String[] words(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
  }
}
