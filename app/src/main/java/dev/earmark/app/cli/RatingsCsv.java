package dev.earmark.app.cli;

import dev.earmark.engine.agreement.Rating;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code agreement} command's long CSV ({@code item_id,annotator_id,label}, RFC 4180 quoting
 * within a line) read into rating lines; rows with an empty label are missing ratings and left out.
 * Every problem is an {@link InputException} naming the file and line.
 *
 * <p>Streamed as bytes (issue 22): a row of plain ASCII without quotes or spaces, which is nearly
 * every row of a large file, is split at its two commas in the buffer and its texts are shared from
 * the bytes, so no line string is made; any other line (quotes, spaces, non-ASCII text, a lone
 * carriage return) is decoded and read as text, the same as before. Lines end at LF, CR LF or CR,
 * as {@link java.io.BufferedReader#readLine} counts them.
 */
final class RatingsCsv {
  private RatingsCsv() {}

  /** One rating line of the file, with its line number for messages. */
  record Line(int number, Rating rating) {
    String item() {
      return rating.itemId();
    }

    String annotator() {
      return rating.annotatorId();
    }

    String label() {
      return rating.label();
    }
  }

  /**
   * One shared copy of each annotator and label text read (a file has few of either), so that the
   * ratings of a large file do not hold a string apiece; stops sharing past {@link #SHARED_MAX}.
   */
  private static final class SharedText {
    static final int SHARED_MAX = 4096;
    private final Map<String, String> copies = new HashMap<>();

    String of(String text) {
      String shared = copies.get(text);
      if (shared != null) {
        return shared;
      }
      if (copies.size() < SHARED_MAX) {
        copies.put(text, text);
      }
      return text;
    }
  }

  /** Reads {@code file}. */
  static List<Line> read(Path file) {
    Reading reading = new Reading(file);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int start = 0; // the unread bytes are buffer[start, end)
      int end = 0;
      boolean eof = false;
      while (true) {
        int newline = indexOfNewline(buffer, start, end);
        if (newline >= 0) {
          reading.bytes(buffer, start, newline);
          start = newline + 1;
        } else if (eof) {
          if (start < end) {
            reading.bytes(buffer, start, end);
          }
          break;
        } else {
          System.arraycopy(buffer, start, buffer, 0, end - start);
          end -= start;
          start = 0;
          if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
          }
          int read = in.read(buffer, end, buffer.length - end);
          if (read < 0) {
            eof = true;
          } else {
            end += read;
          }
        }
      }
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + describe(e), e);
    }
    if (!reading.headerRead) {
      throw new InputException(file + " is empty: it needs the header " + AgreementCommand.HEADER);
    }
    return reading.lines;
  }

  private static int indexOfNewline(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The state of one file's reading: the line count, the header, the lines kept. */
  private static final class Reading {
    private final Path file;
    private final List<Line> lines = new ArrayList<>();
    private final ByteTexts items = new ByteTexts(Integer.MAX_VALUE);
    private final ByteTexts shortTexts = new ByteTexts(SharedText.SHARED_MAX);
    private final SharedText shared = new SharedText();
    private final List<String> fields = new ArrayList<>(4);
    private boolean headerRead;
    private int number;

    Reading(Path file) {
      this.file = file;
    }

    /** One line ended by LF (or the end of the file), without the LF. */
    void bytes(byte[] bytes, int from, int to) throws CharacterCodingException {
      if (to > from && bytes[to - 1] == '\r') {
        to--;
      }
      if (headerRead && plainRow(bytes, from, to)) {
        return;
      }
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, from, to - from))
              .toString();
      if (text.indexOf('\r') < 0) {
        textLine(text);
      } else {
        for (String piece : text.split("\r", -1)) {
          textLine(piece);
        }
      }
    }

    /**
     * Reads a data row of printable ASCII without quotes or spaces and with three non-empty key
     * fields from the bytes; false (nothing counted) for any other line, which is then read as
     * text.
     */
    private boolean plainRow(byte[] bytes, int from, int to) {
      int first = -1;
      int second = -1;
      for (int i = from; i < to; i++) {
        byte b = bytes[i];
        if (b == ',') {
          if (first < 0) {
            first = i;
          } else if (second < 0) {
            second = i;
          } else {
            return false;
          }
        } else if (b < 0x21 || b > 0x7e || b == '"') {
          return false;
        }
      }
      if (from == to) {
        number++; // a blank line
        return true;
      }
      if (second < 0 || first == from || second == first + 1) {
        return false;
      }
      number++;
      if (second + 1 == to) {
        return true; // an empty label: a missing rating
      }
      lines.add(
          new Line(
              number,
              new Rating(
                  items.of(bytes, from, first),
                  shortTexts.of(bytes, first + 1, second),
                  shortTexts.of(bytes, second + 1, to))));
      return true;
    }

    private void textLine(String text) {
      number++;
      if (!headerRead) {
        String header = text.replace("\uFEFF", "").strip();
        if (!Arrays.stream(header.split(",", -1))
            .map(String::strip)
            .toList()
            .equals(List.of("item_id", "annotator_id", "label"))) {
          throw new InputException(
              file
                  + " line 1: the header must be "
                  + AgreementCommand.HEADER
                  + ", not '"
                  + header
                  + "'");
        }
        headerRead = true;
        return;
      }
      if (text.isBlank()) {
        return;
      }
      fields.clear();
      fields(file, number, text, fields);
      Line line = line(file, number, fields, shared);
      if (line != null) {
        lines.add(line);
      }
    }
  }

  /**
   * One string per distinct ASCII byte sequence read, looked up by the bytes themselves (open
   * addressing), up to {@code max} kept; past that, new texts get a string of their own.
   */
  private static final class ByteTexts {
    private final int max;
    private byte[][] keys = new byte[1024][];
    private String[] values = new String[1024];
    private int size;

    ByteTexts(int max) {
      this.max = max;
    }

    String of(byte[] bytes, int from, int to) {
      int slot = slot(keys, bytes, from, to);
      if (keys[slot] != null) {
        return values[slot];
      }
      String text = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
      if (size < max) {
        keys[slot] = Arrays.copyOfRange(bytes, from, to);
        values[slot] = text;
        if (++size * 2 > keys.length) {
          grow();
        }
      }
      return text;
    }

    /** The slot holding these bytes, or the empty slot where they go. */
    private static int slot(byte[][] table, byte[] bytes, int from, int to) {
      int hash = 1;
      for (int i = from; i < to; i++) {
        hash = 31 * hash + bytes[i];
      }
      int mask = table.length - 1;
      int slot = (hash ^ (hash >>> 16)) & mask;
      while (table[slot] != null
          && !Arrays.equals(table[slot], 0, table[slot].length, bytes, from, to)) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }

    private void grow() {
      byte[][] oldKeys = keys;
      String[] oldValues = values;
      keys = new byte[oldKeys.length * 2][];
      values = new String[oldKeys.length * 2];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != null) {
          int slot = slot(keys, oldKeys[i], 0, oldKeys[i].length);
          keys[slot] = oldKeys[i];
          values[slot] = oldValues[i];
        }
      }
    }
  }

  /** The rating of one data row, or {@code null} when its label is empty (a missing rating). */
  private static Line line(Path file, int number, List<String> fields, SharedText shared) {
    if (fields.size() != 3) {
      throw new InputException(
          file
              + " line "
              + number
              + ": expected 3 fields ("
              + AgreementCommand.HEADER
              + ") but found "
              + fields.size());
    }
    String item = fields.get(0);
    String annotator = fields.get(1);
    if (item.isEmpty() || annotator.isEmpty()) {
      throw new InputException(
          file
              + " line "
              + number
              + ": the "
              + (item.isEmpty() ? "item_id" : "annotator_id")
              + " is empty");
    }
    if (fields.get(2).isEmpty()) {
      return null;
    }
    return new Line(number, new Rating(item, shared.of(annotator), shared.of(fields.get(2))));
  }

  /**
   * Splits one CSV line (RFC 4180 quoting within the line) into {@code fields}; unquoted fields are
   * stripped. A line without quotes is split at its commas directly.
   */
  private static void fields(Path file, int number, String line, List<String> fields) {
    if (line.indexOf('"') < 0) {
      int start = 0;
      int comma;
      while ((comma = line.indexOf(',', start)) >= 0) {
        fields.add(line.substring(start, comma).strip());
        start = comma + 1;
      }
      fields.add(line.substring(start).strip());
      return;
    }
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        field.setLength(0);
      } else if (c == ',') {
        fields.add(wasQuoted ? field.toString() : field.toString().strip());
        field.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted && !Character.isWhitespace(c)) {
        throw new InputException(
            file + " line " + number + ": text after a closing quote; quote the whole field");
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new InputException(file + " line " + number + ": a quoted field is not closed");
    }
    fields.add(wasQuoted ? field.toString() : field.toString().strip());
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.charset.MalformedInputException) {
      return "it is not UTF-8 text";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
