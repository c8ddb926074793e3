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
   * Normalization {@code none}: tokens are the text between runs of whitespace ({@link
   * Character#isWhitespace(int)}: spaces, tabs, line breaks; a no-break space belongs to a word),
   * compared as given (case and punctuation included). Stateless and thread-safe.
   */
  Tokenizer WHITESPACE = Tokenizer::splitOnWhitespace;

  /** The tokens of {@code raw}, in order; an empty list for blank text. */
  List<String> tokens(String raw);

  private static List<String> splitOnWhitespace(String raw) {
    int length = raw.length();
    List<String> tokens = new ArrayList<>(length / 6 + 2);
    int start = -1;
    // No supplementary code point is whitespace, so testing UTF-16 units is exact: a surrogate
    // is never whitespace and always stays inside its word.
    for (int index = 0; index < length; index++) {
      if (Character.isWhitespace(raw.charAt(index))) {
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
}
