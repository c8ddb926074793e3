package dev.earmark.storage.export.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Text and ids as NIST sclite reads them in STM and CTM files. sclite gives {@code (…)} (optionally
 * deletable), <code>{…}</code> (alternations), {@code ;;} (comments) and a leading {@code <…>}
 * (segment labels) a meaning of their own, so those characters are written as {@code %HH} (and
 * {@code %} itself as {@code %25}). The escape is the same in references and hypotheses and maps
 * different words to different words, so word error counts do not change. Stateless.
 */
final class SclText {
  private static final String SPECIAL = "%(){};<>";

  private SclText() {}

  /** The whitespace-separated words of {@code text}, each escaped. */
  static List<String> words(String text) {
    return words(text, false);
  }

  /**
   * The words of a reference: as {@link #words(String)}, except that a well-formed alternation
   * ({@code {are not / have not}}, as a GLM rule set writes it: a word opening with a brace, one
   * closing with a brace, no brace between) keeps its braces, as words of their own ({@code { are
   * not / have not }}), so sclite reads the same choices Earmark's scorer reads (sclite accepts
   * alternations in STM, not in CTM).
   */
  static List<String> referenceWords(String text) {
    return words(text, true);
  }

  private static List<String> words(String text, boolean keepAlternations) {
    List<String> words = new ArrayList<>();
    String line = FormatFiles.oneLine(text);
    if (line.isEmpty()) {
      return words;
    }
    String[] tokens = line.split(" ");
    int alternationEnd = -1;
    for (int i = 0; i < tokens.length; i++) {
      if (keepAlternations && i > alternationEnd && tokens[i].startsWith("{")) {
        alternationEnd = closingToken(tokens, i);
      }
      if (i <= alternationEnd) {
        addAlternationWord(tokens[i], words);
      } else {
        words.add(escape(tokens[i]));
      }
    }
    return words;
  }

  /** The index of the token closing the alternation opened at {@code open}, or -1. */
  private static int closingToken(String[] tokens, int open) {
    for (int j = open; j < tokens.length; j++) {
      String token = tokens[j];
      int from = j == open ? 1 : 0;
      if (token.indexOf('{', from) >= 0) {
        return -1;
      }
      int close = token.indexOf('}');
      if (close >= 0) {
        return close == token.length() - 1 && (j != open || close > 1) ? j : -1;
      }
    }
    return -1;
  }

  /**
   * Adds a word of an alternation with its braces as words of their own, as NIST's {@code
   * stmValidator.pl} requires ({@code {are} becomes <code>{</code> and {@code are}).
   */
  private static void addAlternationWord(String word, List<String> words) {
    boolean open = word.startsWith("{");
    boolean close = word.length() > (open ? 1 : 0) && word.endsWith("}");
    String inside = word.substring(open ? 1 : 0, word.length() - (close ? 1 : 0));
    if (open) {
      words.add("{");
    }
    if (!inside.isEmpty()) {
      words.add(escape(inside));
    }
    if (close) {
      words.add("}");
    }
  }

  /** Escapes the characters sclite treats specially. */
  static String escape(String word) {
    StringBuilder out = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (SPECIAL.indexOf(c) >= 0) {
        out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The STM/CTM file id of a clip: its id in the characters NIST's {@code stmValidator.pl} and
   * {@code ctmValidator.pl} accept, {@code [A-Za-z0-9_-]}. ASCII letters, digits and {@code -}
   * stay; every other byte of the id's UTF-8 form, {@code _} included, becomes {@code _HH}, so the
   * mapping is injective ({@code clip.001} becomes {@code clip_2E001}, {@code a_b} becomes {@code
   * a_5Fb}).
   */
  static String fileId(ExportClip clip) {
    return nistId(clip.clipId());
  }

  /** An STM speaker id, mapped as {@link #fileId}. */
  static String speaker(String speaker) {
    return nistId(speaker);
  }

  static String nistId(String id) {
    StringBuilder out = new StringBuilder(id.length());
    for (byte b : id.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
        out.append(c);
      } else {
        out.append('_').append(String.format(java.util.Locale.ROOT, "%02X", (int) c));
      }
    }
    return out.toString();
  }
}
