package dev.earmark.engine.normalize;

import java.util.Arrays;

/**
 * The working form of a text between rules: parallel arrays of token text, raw span and protection
 * flag. One buffer per call and per side of a rule; never shared between threads.
 */
final class TokenBuffer {
  String[] text;
  int[] start;
  int[] end;
  boolean[] protect;
  int size;

  TokenBuffer(int capacity) {
    int cap = Math.max(capacity, 8);
    text = new String[cap];
    start = new int[cap];
    end = new int[cap];
    protect = new boolean[cap];
  }

  void clear() {
    size = 0;
  }

  void add(String token, int from, int to, boolean isProtected) {
    if (size == text.length) {
      int cap = size * 2;
      text = Arrays.copyOf(text, cap);
      start = Arrays.copyOf(start, cap);
      end = Arrays.copyOf(end, cap);
      protect = Arrays.copyOf(protect, cap);
    }
    text[size] = token;
    start[size] = from;
    end[size] = to;
    protect[size] = isProtected;
    size++;
  }

  /** Appends token {@code index} of {@code other} unchanged. */
  void copy(TokenBuffer other, int index) {
    add(other.text[index], other.start[index], other.end[index], other.protect[index]);
  }

  /** The text of tokens {@code [from, to)} joined by single spaces. */
  String joined(int from, int to) {
    if (to - from == 1) {
      return text[from];
    }
    StringBuilder joined = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (i > from) {
        joined.append(' ');
      }
      joined.append(text[i]);
    }
    return joined.toString();
  }

  /** Splits {@code raw} on whitespace, recording each token's character span. */
  static TokenBuffer tokenize(String raw) {
    TokenBuffer buffer = new TokenBuffer(raw.length() / 5 + 4);
    int length = raw.length();
    int i = 0;
    while (i < length) {
      while (i < length && isSpace(raw.charAt(i))) {
        i++;
      }
      int from = i;
      while (i < length && !isSpace(raw.charAt(i))) {
        i++;
      }
      if (i > from) {
        buffer.add(raw.substring(from, i), from, i, false);
      }
    }
    return buffer;
  }

  static boolean isSpace(char c) {
    return c == ' '
        || c == '\t'
        || c == '\n'
        || c == '\r'
        || Character.isWhitespace(c)
        || Character.isSpaceChar(c);
  }
}
