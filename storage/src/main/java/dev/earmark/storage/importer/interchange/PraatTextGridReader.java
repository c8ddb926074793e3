package dev.earmark.storage.importer.interchange;

import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Praat TextGrid in the long or the short text format, UTF-8 or UTF-16 (Praat writes UTF-16
 * with a byte-order mark when a text is not ASCII). Like Praat, it reads the values in order and
 * ignores the labels between them ({@code xmin =}, {@code item [1]:}), so both formats parse alike.
 * Interval tiers become {@link TierDocument.Tier}s of their non-empty intervals; point tiers
 * ({@code TextTier}) are reported as skipped. Stateless and thread-safe.
 */
public final class PraatTextGridReader {
  private PraatTextGridReader() {}

  /**
   * Reads {@code file}.
   *
   * @throws StorageException naming the file, the tier and the interval when it is no TextGrid
   */
  public static TierDocument read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StorageException("cannot read the TextGrid " + file + ": " + e.getMessage(), e);
    }
    Tokens tokens = new Tokens(file, decode(bytes));
    if (!"ooTextFile".equals(tokens.string("the file type"))
        || !"TextGrid".equals(tokens.string("the object class"))) {
      throw new StorageException(
          file
              + " is not a Praat TextGrid text file (it must start with File type ="
              + " \"ooTextFile\" and Object class = \"TextGrid\")");
    }
    tokens.number("xmin");
    double xmax = tokens.number("xmax");
    if (!tokens.flag()) {
      return new TierDocument(xmax, List.of(), List.of(), List.of());
    }
    int size = (int) tokens.number("the number of tiers");
    List<TierDocument.Tier> tiers = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int t = 1; t <= size; t++) {
      String kind = tokens.string("tier " + t + "'s class");
      String name = tokens.string("tier " + t + "'s name");
      String where = "tier " + t + " (\"" + name + "\")";
      tokens.number(where + " xmin");
      tokens.number(where + " xmax");
      int count = (int) tokens.number(where + " size");
      if (kind.equals("IntervalTier")) {
        List<Segment> segments = new ArrayList<>();
        double previousEnd = Double.NEGATIVE_INFINITY;
        for (int i = 1; i <= count; i++) {
          String at = where + " interval " + i;
          double start = tokens.number(at + " xmin");
          double end = tokens.number(at + " xmax");
          String text = tokens.string(at + " text");
          if (!(end > start) || start < previousEnd - 1e-9) {
            throw new StorageException(
                file
                    + ": "
                    + at
                    + " runs from "
                    + start
                    + " to "
                    + end
                    + " s; intervals must be increasing and not overlap");
          }
          previousEnd = end;
          if (!text.isBlank()) {
            segments.add(new Segment(start, end, name, text.strip()));
          }
        }
        tiers.add(new TierDocument.Tier(name, null, segments));
      } else if (kind.equals("TextTier")) {
        for (int i = 1; i <= count; i++) {
          tokens.number(where + " point " + i + " time");
          tokens.string(where + " point " + i + " mark");
        }
        skipped.add(where + " is a point tier; only interval tiers become segments");
      } else {
        throw new StorageException(
            file
                + ": "
                + where
                + " has the class \""
                + kind
                + "\"; expected IntervalTier or"
                + " TextTier");
      }
    }
    return new TierDocument(xmax, List.of(), tiers, skipped);
  }

  private static String decode(byte[] bytes) {
    Charset charset = StandardCharsets.UTF_8;
    int skip = 0;
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      skip = 3;
    }
    return new String(bytes, skip, bytes.length - skip, charset);
  }

  /** The values of a Praat text file in order: quoted strings, numbers and {@code <flags>}. */
  private static final class Tokens {
    private final Path file;
    private final String text;
    private int at;

    Tokens(Path file, String text) {
      this.file = file;
      this.text = text;
    }

    String string(String what) {
      skipToValue();
      if (at >= text.length() || text.charAt(at) != '"') {
        throw expected("a quoted text", what);
      }
      StringBuilder value = new StringBuilder();
      at++;
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == '"') {
          if (at < text.length() && text.charAt(at) == '"') {
            value.append('"');
            at++;
          } else {
            return value.toString();
          }
        } else {
          value.append(c);
        }
      }
      throw new StorageException(file + ": " + what + " has no closing quote");
    }

    double number(String what) {
      skipToValue();
      int start = at;
      while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
        at++;
      }
      String token = text.substring(start, at);
      try {
        return Double.parseDouble(token);
      } catch (NumberFormatException e) {
        at = start;
        throw expected("a number", what);
      }
    }

    boolean flag() {
      skipToValue();
      if (text.startsWith("<exists>", at)) {
        at += "<exists>".length();
        return true;
      }
      if (text.startsWith("<absent>", at)) {
        at += "<absent>".length();
        return false;
      }
      throw expected("<exists> or <absent>", "the tiers flag");
    }

    /**
     * Moves to the next value: skips white space, {@code !} comments and labels (a word that is not
     * a number, such as {@code xmin}, {@code =}, {@code item}, {@code [1]:}).
     */
    private void skipToValue() {
      while (at < text.length()) {
        char c = text.charAt(at);
        if (Character.isWhitespace(c)) {
          at++;
        } else if (c == '!') {
          while (at < text.length() && text.charAt(at) != '\n') {
            at++;
          }
        } else if (c == '"'
            || c == '<'
            || c == '-'
            || c == '+'
            || c == '.'
            || Character.isDigit(c)) {
          return;
        } else {
          int start = at;
          while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
            at++;
          }
          char last = text.charAt(at - 1);
          if (last != ':' && last != '?' && restOfLineIsBlank()) {
            at = start; // a word alone at the end of its line is a bad value, not a label
            return;
          }
        }
      }
    }

    private boolean restOfLineIsBlank() {
      for (int i = at; i < text.length() && text.charAt(i) != '\n'; i++) {
        if (!Character.isWhitespace(text.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    private StorageException expected(String kind, String what) {
      int line = 1;
      for (int i = 0; i < Math.min(at, text.length()); i++) {
        line += text.charAt(i) == '\n' ? 1 : 0;
      }
      String found =
          at >= text.length()
              ? "the end of the file"
              : "'" + text.substring(at, Math.min(text.length(), at + 20)).split("\\s", 2)[0] + "'";
      return new StorageException(
          String.format(
              Locale.ROOT,
              "%s line %d: %s should be %s, not %s; is it a TextGrid saved as a text file?",
              file,
              line,
              what,
              kind,
              found));
    }
  }
}
