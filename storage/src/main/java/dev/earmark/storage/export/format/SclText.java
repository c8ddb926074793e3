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
    List<String> words = new ArrayList<>();
    String line = FormatFiles.oneLine(text);
    if (line.isEmpty()) {
      return words;
    }
    for (String word : line.split(" ")) {
      words.add(escape(word));
    }
    return words;
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

  /** The STM/CTM file id of a clip: its id with no whitespace ({@code =HH} encoding). */
  static String fileId(ExportClip clip) {
    return FormatFiles.encodeId(clip.clipId(), "._-");
  }

  /** An STM speaker id. */
  static String speaker(String speaker) {
    return FormatFiles.encodeId(speaker, "._-");
  }
}
