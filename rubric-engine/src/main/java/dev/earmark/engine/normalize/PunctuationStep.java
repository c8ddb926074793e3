package dev.earmark.engine.normalize;

/**
 * Compiled {@link Rule.StripPunctuation}. Works character by character inside each token; a kept
 * piece keeps its exact raw span when the token still has its raw length.
 */
final class PunctuationStep implements Step {
  @Override
  public void apply(TokenBuffer in, TokenBuffer out, Tracer tracer) {
    for (int i = 0; i < in.size; i++) {
      String text = in.text[i];
      if (in.protect[i] || isPlain(text)) {
        out.copy(in, i);
        continue;
      }
      int outFrom = out.size;
      boolean exact = text.length() == in.end[i] - in.start[i];
      StringBuilder piece = new StringBuilder(text.length());
      int pieceFrom = -1;
      int pieceTo = -1;
      int length = text.length();
      for (int k = 0; k < length; k++) {
        char c = text.charAt(k);
        char kept = keep(text, k, c);
        if (kept != 0) {
          if (pieceFrom < 0) {
            pieceFrom = k;
          }
          piece.append(kept);
          pieceTo = k + 1;
        } else if (!joins(text, k, c) && piece.length() > 0) {
          emit(in, i, exact, piece, pieceFrom, pieceTo, out);
          pieceFrom = -1;
        }
      }
      if (piece.length() > 0) {
        emit(in, i, exact, piece, pieceFrom, pieceTo, out);
      }
      if (out.size == outFrom + 1 && out.text[outFrom].equals(text)) {
        continue;
      }
      if (tracer != null) {
        tracer.changed(in, i, i + 1, out, outFrom);
      }
    }
  }

  private static void emit(
      TokenBuffer in,
      int index,
      boolean exact,
      StringBuilder piece,
      int from,
      int to,
      TokenBuffer out) {
    int start = exact ? in.start[index] + from : in.start[index];
    int end = exact ? in.start[index] + to : in.end[index];
    out.add(piece.toString(), start, end, false);
    piece.setLength(0);
  }

  private static boolean isPlain(String text) {
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
        if (c < 128 || !Character.isLetterOrDigit(c)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The character to keep for position {@code k}, or 0 to drop it. */
  private static char keep(String text, int k, char c) {
    if (Character.isLetterOrDigit(c) || isMark(c)) {
      return c;
    }
    char previous = k > 0 ? text.charAt(k - 1) : 0;
    char next = k + 1 < text.length() ? text.charAt(k + 1) : 0;
    switch (c) {
      case '\'', '\u2019', '\u2018', '\u02bc':
        return Character.isLetter(previous) && Character.isLetter(next) ? '\'' : 0;
      case ',', ':':
        return isDigit(previous) && isDigit(next) ? c : 0;
      case '.':
        if (isDigit(next) && (isDigit(previous) || !Character.isLetterOrDigit(previous))) {
          return c;
        }
        return 0;
      case '-', '\u2212':
        return !Character.isLetterOrDigit(previous) && (isDigit(next) || isCurrency(next))
            ? '-'
            : 0;
      case '%':
        if (isDigit(previous) || text.length() == 1 || (k == 0 && Character.isLetter(next))) {
          return c;
        }
        return 0;
      default:
        if (isCurrency(c)) {
          boolean digitFollows =
              isDigit(next)
                  || (next == '.' && k + 2 < text.length() && isDigit(text.charAt(k + 2)));
          return digitFollows ? c : 0;
        }
        return 0;
    }
  }

  /** True when dropping position {@code k} joins its neighbours: the dots of {@code a.m.}. */
  private static boolean joins(String text, int k, char c) {
    if (c != '.' || k == 0) {
      return false;
    }
    boolean singleLetterBefore =
        Character.isLetter(text.charAt(k - 1))
            && (k < 2 || !Character.isLetter(text.charAt(k - 2)));
    boolean letterAfter = k + 1 < text.length() && Character.isLetter(text.charAt(k + 1));
    return singleLetterBefore && letterAfter;
  }

  static boolean isCurrency(char c) {
    return c == '$' || c == '\u00a3' || c == '\u20ac' || c == '\u00a5';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isMark(char c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }
}
