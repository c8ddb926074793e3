package dev.earmark.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.earmark.engine.score.TranscriptPair;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the reference/hypothesis pairs of {@code earmark wer --input FILE} (PRODUCT.md §5).
 *
 * <ul>
 *   <li>JSONL: one object per line with string fields {@code id}, {@code reference}, {@code
 *       hypothesis} and an optional string {@code slice}; other fields are ignored (a NeMo manifest
 *       line with extra fields is fine).
 *   <li>TSV: {@code id<TAB>reference<TAB>hypothesis}, exactly three columns; an optional first line
 *       {@code id<TAB>reference<TAB>hypothesis} is a header.
 * </ul>
 *
 * <p>The format comes from the extension ({@code .jsonl}, {@code .ndjson}, {@code .json} / {@code
 * .tsv}, {@code .tab}), otherwise from the content (the first non-blank line starts with <code>{
 * </code>). Blank lines are skipped. Anything else is refused, never repaired: a line that is not
 * JSON, lacks a field, has the wrong number of columns, or repeats an id is an {@link
 * InputException} naming the file and line. Files are UTF-8 (a leading byte-order mark is ignored).
 */
final class TranscriptPairFile {
  /** The slice of pairs whose line names none, in a file where other lines do. */
  static final String NO_SLICE = "(none)";

  private static final String TSV_HEADER = "id\treference\thypothesis";

  /** The JSONL reader, made on first use: a TSV file never loads Jackson's object mapper. */
  private static final class Jsonl {
    static final ObjectMapper JSON =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
  }

  enum Format {
    JSONL,
    TSV
  }

  /** The pairs of one file, in file order, and whether any line carried a slice. */
  record Contents(Format format, List<TranscriptPair> pairs, boolean sliced) {}

  private TranscriptPairFile() {}

  static Contents read(Path file) {
    String text = readText(file);
    int[] lines = lineBounds(text);
    int lineCount = lines[0];
    Format format = formatOf(file, text, lines);
    List<ParsedLine> pairs = new ArrayList<>(lineCount);
    Map<String, Integer> lineOfId = new HashMap<>(lineCount * 4 / 3 + 1);
    boolean sliced = false;
    for (int index = 0; index < lineCount; index++) {
      int from = lines[1 + 2 * index];
      int to = lines[2 + 2 * index];
      int lineNumber = index + 1;
      if (from == to || (format == Format.JSONL && isBlank(text, from, to))) {
        continue;
      }
      if (format == Format.TSV
          && pairs.isEmpty()
          && to - from == TSV_HEADER.length()
          && text.startsWith(TSV_HEADER, from)) {
        continue;
      }
      ParsedLine pair =
          format == Format.JSONL
              ? parseJson(file, lineNumber, text.substring(from, to))
              : parseTsv(file, lineNumber, text, from, to);
      Integer earlier = lineOfId.putIfAbsent(pair.id(), lineNumber);
      if (earlier != null) {
        throw atLine(
            file,
            lineNumber,
            "id '" + pair.id() + "' was already used on line " + earlier + "; ids must be unique");
      }
      sliced |= pair.slice() != null;
      pairs.add(pair);
    }
    if (pairs.isEmpty()) {
      throw new InputException(file + ": no utterances to score (the file is empty)");
    }
    List<TranscriptPair> withSlices = new ArrayList<>(pairs.size());
    for (ParsedLine pair : pairs) {
      withSlices.add(
          new TranscriptPair(
              pair.id(),
              pair.slice() == null ? NO_SLICE : pair.slice(),
              pair.reference(),
              pair.hypothesis()));
    }
    return new Contents(format, withSlices, sliced);
  }

  /**
   * The whole file as one string, its byte-order mark dropped. Decoded in one piece (a 43 MB file
   * of 200k pairs took a string and a line-reader step per line before); only a file that holds a
   * replacement character after decoding (malformed UTF-8, or a U+FFFD of its own) is read again
   * line by line with a strict decoder, which names the first bad line.
   */
  private static String readText(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file");
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0) {
      requireUtf8(file);
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Reads {@code file} line by line with a strict decoder; the first malformed line is refused. */
  private static void requireUtf8(Path file) {
    int lineNumber = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      while (true) {
        lineNumber++;
        try {
          if (reader.readLine() == null) {
            return;
          }
        } catch (CharacterCodingException e) {
          throw atLine(file, lineNumber, "is not valid UTF-8; save the file as UTF-8");
        }
      }
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Where the lines of {@code text} start and end, as {@link BufferedReader#readLine} splits them
   * (at a line feed, a carriage return, or both together; no empty line after a final terminator):
   * {@code [count, start0, end0, start1, end1, ...]}.
   */
  private static int[] lineBounds(String text) {
    int length = text.length();
    int[] bounds = new int[1 + 2 * Math.max(16, length / 64)];
    int count = 0;
    int position = 0;
    int carriageReturn = text.indexOf('\r');
    while (position < length) {
      int lineFeed = text.indexOf('\n', position);
      if (lineFeed < 0) {
        lineFeed = length;
      }
      if (carriageReturn >= 0 && carriageReturn < position) {
        carriageReturn = text.indexOf('\r', position);
      }
      int end = lineFeed;
      int next = lineFeed + 1;
      if (carriageReturn >= 0 && carriageReturn < lineFeed) {
        end = carriageReturn;
        next = carriageReturn + 1 == lineFeed ? lineFeed + 1 : carriageReturn + 1;
      }
      if (bounds.length < 3 + 2 * count) {
        bounds = Arrays.copyOf(bounds, bounds.length * 2);
      }
      bounds[1 + 2 * count] = position;
      bounds[2 + 2 * count] = end;
      count++;
      position = next;
    }
    bounds[0] = count;
    return bounds;
  }

  /** {@link String#isBlank} of {@code text[from, to)}. */
  private static boolean isBlank(String text, int from, int to) {
    for (int index = from; index < to; ) {
      int codePoint = text.codePointAt(index);
      if (!Character.isWhitespace(codePoint)) {
        return false;
      }
      index += Character.charCount(codePoint);
    }
    return true;
  }

  private static Format formatOf(Path file, String text, int[] lines) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
      return Format.JSONL;
    }
    if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
      return Format.TSV;
    }
    for (int index = 0; index < lines[0]; index++) {
      int from = lines[1 + 2 * index];
      int to = lines[2 + 2 * index];
      if (!isBlank(text, from, to)) {
        return text.substring(from, to).stripLeading().startsWith("{") ? Format.JSONL : Format.TSV;
      }
    }
    return Format.TSV;
  }

  private static ParsedLine parseJson(Path file, int lineNumber, String line) {
    JsonNode node;
    try {
      node = Jsonl.JSON.readTree(line);
    } catch (JsonProcessingException e) {
      String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      throw atLine(
          file,
          lineNumber,
          "is not valid JSON" + column + " (" + jacksonProblem(e.getOriginalMessage()) + ")");
    }
    if (node == null || !node.isObject()) {
      throw atLine(
          file, lineNumber, "is not a JSON object with id, reference and hypothesis fields");
    }
    String id = requiredString(file, lineNumber, node, "id");
    if (id.isBlank()) {
      throw atLine(file, lineNumber, "field 'id' is empty; give every utterance an id");
    }
    String reference = requiredString(file, lineNumber, node, "reference");
    String hypothesis = requiredString(file, lineNumber, node, "hypothesis");
    String slice = null;
    if (node.has("slice")) {
      slice = requiredString(file, lineNumber, node, "slice");
    }
    return new ParsedLine(id, slice, reference, hypothesis);
  }

  private static String requiredString(Path file, int lineNumber, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw atLine(file, lineNumber, "has no '" + field + "' field");
    }
    if (!value.isTextual()) {
      throw atLine(
          file,
          lineNumber,
          "field '"
              + field
              + "' must be a string, not "
              + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return value.textValue();
  }

  /** One TSV line, {@code text[from, to)}: exactly three tab-separated columns. */
  private static ParsedLine parseTsv(Path file, int lineNumber, String text, int from, int to) {
    int firstTab = text.indexOf('\t', from);
    int secondTab = firstTab < 0 || firstTab >= to ? -1 : text.indexOf('\t', firstTab + 1);
    int thirdTab = secondTab < 0 || secondTab >= to ? -1 : text.indexOf('\t', secondTab + 1);
    if (secondTab < 0 || secondTab >= to || (thirdTab >= 0 && thirdTab < to)) {
      int columns = 1;
      for (int index = from; index < to; index++) {
        if (text.charAt(index) == '\t') {
          columns++;
        }
      }
      throw atLine(
          file,
          lineNumber,
          "has "
              + columns
              + " tab-separated column"
              + (columns == 1 ? "" : "s")
              + " but needs exactly 3: id, reference, hypothesis");
    }
    if (isBlank(text, from, firstTab)) {
      throw atLine(file, lineNumber, "has an empty id; give every utterance an id");
    }
    return new ParsedLine(
        text.substring(from, firstTab),
        null,
        text.substring(firstTab + 1, secondTab),
        text.substring(secondTab + 1, to));
  }

  private static InputException atLine(Path file, int lineNumber, String problem) {
    return new InputException(file + " line " + lineNumber + ": " + problem);
  }

  /** Jackson's problem description without its source-location clutter, on one line. */
  private static String jacksonProblem(String message) {
    if (message == null) {
      return "unreadable";
    }
    if (message.startsWith("Trailing token")) {
      return "more than one JSON value on the line; write one object per line";
    }
    String problem = message.replaceAll("\\s+", " ");
    int clutter = problem.indexOf(" (start marker at");
    return (clutter >= 0 ? problem.substring(0, clutter) : problem).strip();
  }

  /** One parsed line; {@code slice} is {@code null} when the line names none. */
  private record ParsedLine(String id, String slice, String reference, String hypothesis) {}
}
