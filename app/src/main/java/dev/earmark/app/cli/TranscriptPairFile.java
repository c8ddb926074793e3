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

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  enum Format {
    JSONL,
    TSV
  }

  /** The pairs of one file, in file order, and whether any line carried a slice. */
  record Contents(Format format, List<TranscriptPair> pairs, boolean sliced) {}

  private TranscriptPairFile() {}

  static Contents read(Path file) {
    List<String> lines = readLines(file);
    Format format = formatOf(file, lines);
    List<ParsedLine> pairs = new ArrayList<>();
    Map<String, Integer> lineOfId = new HashMap<>();
    boolean sliced = false;
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index);
      int lineNumber = index + 1;
      if (line.isBlank() && (format == Format.JSONL || line.isEmpty())) {
        continue;
      }
      if (format == Format.TSV && pairs.isEmpty() && line.equals(TSV_HEADER)) {
        continue;
      }
      ParsedLine pair =
          format == Format.JSONL
              ? parseJson(file, lineNumber, line)
              : parseTsv(file, lineNumber, line);
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

  private static List<String> readLines(Path file) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while (true) {
        try {
          line = reader.readLine();
        } catch (CharacterCodingException e) {
          throw atLine(file, lines.size() + 1, "is not valid UTF-8; save the file as UTF-8");
        }
        if (line == null) {
          break;
        }
        if (lines.isEmpty() && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      }
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file");
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    return lines;
  }

  private static Format formatOf(Path file, List<String> lines) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
      return Format.JSONL;
    }
    if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
      return Format.TSV;
    }
    for (String line : lines) {
      if (!line.isBlank()) {
        return line.stripLeading().startsWith("{") ? Format.JSONL : Format.TSV;
      }
    }
    return Format.TSV;
  }

  private static ParsedLine parseJson(Path file, int lineNumber, String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
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

  private static ParsedLine parseTsv(Path file, int lineNumber, String line) {
    String[] columns = line.split("\t", -1);
    if (columns.length != 3) {
      throw atLine(
          file,
          lineNumber,
          "has "
              + columns.length
              + " tab-separated column"
              + (columns.length == 1 ? "" : "s")
              + " but needs exactly 3: id, reference, hypothesis");
    }
    if (columns[0].isBlank()) {
      throw atLine(file, lineNumber, "has an empty id; give every utterance an id");
    }
    return new ParsedLine(columns[0], null, columns[1], columns[2]);
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
