package dev.earmark.engine.score;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw transcript text into the tokens the scorer compares. The scorer never looks at raw text
 * itself: {@link #WHITESPACE} is normalization {@code none}; a compiled normalization rule set
 * ({@code Normalizer::tokens}) is the other implementation. Implementations must be deterministic.
 */
@FunctionalInterface
public interface Tokenizer {
  /**
   * Normalization {@code none}: tokens are the text between runs of the ASCII whitespace that
   * sclite and jiwer split on (space, tab, line feed, carriage return, vertical tab, form feed),
   * compared as given (case and punctuation included). Other Unicode spaces (the no-break space,
   * U+3000 IDEOGRAPHIC SPACE, U+2003 ...) belong to a word, as in sclite. Stateless and
   * thread-safe.
   */
  Tokenizer WHITESPACE = Tokenizer::splitOnWhitespace;

  /** The tokens of {@code raw}, in order; an empty list for blank text. */
  List<String> tokens(String raw);

  private static List<String> splitOnWhitespace(String raw) {
    int length = raw.length();
    // A token takes at least two units (itself and a separator), so the list never grows.
    List<String> tokens = new ArrayList<>(length / 2 + 1);
    int start = -1;
    // A surrogate is never ASCII whitespace, so testing UTF-16 units is exact.
    for (int index = 0; index < length; index++) {
      if (isSeparator(raw.charAt(index))) {
        if (start >= 0) {
          tokens.add(raw.substring(start, index));
          start = -1;
        }
      } else if (start < 0) {
        start = index;
      }
    }
    if (start >= 0) {
      tokens.add(raw.substring(start));
    }
    return tokens;
  }

  /** C's {@code isspace} in the C locale, which sclite uses, and the separators jiwer sees. */
  private static boolean isSeparator(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
}
