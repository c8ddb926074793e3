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
    List<String> tokens = new ArrayList<>();
    int length = raw.length();
    int start = -1;
    int index = 0;
    while (index < length) {
      int codePoint = raw.codePointAt(index);
      if (Character.isWhitespace(codePoint)) {
        if (start >= 0) {
          tokens.add(raw.substring(start, index));
          start = -1;
        }
      } else if (start < 0) {
        start = index;
      }
      index += Character.charCount(codePoint);
    }
    if (start >= 0) {
      tokens.add(raw.substring(start));
    }
    return tokens;
  }
}
