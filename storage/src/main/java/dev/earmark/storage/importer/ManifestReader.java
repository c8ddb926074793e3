package dev.earmark.storage.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.storage.StorageException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a manifest line by line: JSONL (one object per line, a superset of the NeMo manifest) or
 * CSV (a header row naming the same fields; {@code slice.NAME} columns become slices). A malformed
 * line becomes a {@link ManifestLine.Error} with its line number and the reader goes on, so the
 * good lines can still import. Streaming: a large manifest is never held in memory whole. The
 * format is documented in docs/formats/import-manifest.md. Stateless and thread-safe.
 */
public final class ManifestReader {
  static final Set<String> TASK_TYPES =
      Set.of("asr-transcript", "tts-rating", "rag-stages", "tts-mushra", "tts-preference");
  static final Set<String> SPLITS = Set.of("train", "dev", "test");
  private static final Set<String> INTERPRETED =
      Set.of(
          "id",
          "audio_filepath",
          "duration",
          "task_type",
          "text",
          "reference",
          "hypothesis",
          "slices",
          "speaker_id",
          "consent_scope",
          "retention_until",
          "split",
          "source",
          "language",
          "pred_text",
          "lang");

  /** Refuses a line with anything after its JSON value ({@code {"a": 1} trailing words}). */
  private final ObjectMapper json =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final boolean audioOutsideManifestFolder;

  /** A reader that refuses audio paths leading outside the manifest's folder. */
  public ManifestReader() {
    this(false);
  }

  /**
   * @param audioOutsideManifestFolder whether {@code audio_filepath} may lead outside the
   *     manifest's folder (an absolute path, or {@code ../}); the dataset contract's {@value
   *     DatasetContract#AUDIO_OUTSIDE_MANIFEST_FOLDER} field decides it. When false such a line is
   *     an error and its file is never opened, so a manifest cannot make import read (and report
   *     on) any file the user can read, such as {@code ../../etc/passwd}.
   */
  public ManifestReader(boolean audioOutsideManifestFolder) {
    this.audioOutsideManifestFolder = audioOutsideManifestFolder;
  }

  /** Reads every line of {@code manifest}, handing each result to {@code sink} in order. */
  public void read(Path manifest, Consumer<ManifestLine> sink) {
    Path base = manifest.toAbsolutePath().normalize().getParent();
    boolean csv = manifest.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    if (!csv) {
      ManifestFormats.refuseOtherFormats(manifest, json);
    }
    EarmarkBatch batch = EarmarkBatch.around(base, json);
    Path root = batch == null ? base : batch.root();
    Map<String, Integer> seenIds = new HashMap<>();
    DefaultIds defaultIds = new DefaultIds(base);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(manifest), 1 << 16)) {
      Utf8Lines reader = new Utf8Lines(in);
      List<String> header = null;
      String text;
      int line = 0;
      while ((text = reader.next()) != null) {
        line++;
        if (text == Utf8Lines.MALFORMED) {
          sink.accept(
              new ManifestLine.Error(
                  line,
                  "is not UTF-8 text (byte 0x"
                      + String.format("%02X", reader.badByte() & 0xFF)
                      + " at byte "
                      + (reader.badOffset() + 1)
                      + " of the line): save the manifest as UTF-8"));
          continue;
        }
        if (line == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        if (text.isBlank()) {
          continue;
        }
        if (csv && header == null) {
          header = Csv.split(text, line);
          if (!header.contains("audio_filepath")) {
            throw new StorageException(
                manifest + " line " + line + ": the CSV header has no audio_filepath column");
          }
          continue;
        }
        ManifestLine result;
        try {
          ObjectNode object = csv ? Csv.toObject(header, text, line, json) : parseJson(text);
          ManifestEntry entry = toEntry(object, line, base, defaultIds);
          if (batch != null) {
            entry = batch.complete(entry);
          }
          if (!audioOutsideManifestFolder && !entry.audioPath().startsWith(root)) {
            throw new LineException(
                "audio_filepath '"
                    + object.get("audio_filepath").asText()
                    + "' leads outside the manifest's folder"
                    + (batch == null ? "" : " and its Earmark batch")
                    + "; move the audio under it, or set \""
                    + DatasetContract.AUDIO_OUTSIDE_MANIFEST_FOLDER
                    + "\": true in the dataset contract");
          }
          Integer first = seenIds.putIfAbsent(entry.id(), line);
          result =
              first == null
                  ? new ManifestLine.Entry(entry)
                  : new ManifestLine.Error(
                      line, "id '" + entry.id() + "' is already used on line " + first);
        } catch (LineException e) {
          result = new ManifestLine.Error(line, e.getMessage());
        }
        sink.accept(result);
      }
    } catch (IOException e) {
      throw new StorageException("cannot read the manifest " + manifest + ": " + e.getMessage(), e);
    }
  }

  /** Reads the whole manifest into a list (for small manifests and tests). */
  public List<ManifestLine> readAll(Path manifest) {
    List<ManifestLine> lines = new ArrayList<>();
    read(manifest, lines::add);
    return lines;
  }

  private ObjectNode parseJson(String text) {
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new LineException("is not valid JSON (" + firstClause(e.getOriginalMessage()) + ")");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new LineException("must be one JSON object, e.g. {\"audio_filepath\": \"a.wav\"}");
    }
    return object;
  }

  private static ManifestEntry toEntry(
      ObjectNode object, int line, Path base, DefaultIds defaultIds) {
    String audio = text(object, "audio_filepath");
    if (audio == null || audio.isBlank()) {
      throw new LineException("has no audio_filepath");
    }
    Path audioPath;
    try {
      audioPath = base.resolve(audio).normalize();
    } catch (InvalidPathException e) {
      throw new LineException("audio_filepath '" + audio + "' is not a usable path");
    }
    Double duration = seconds(object, "duration");
    Double offset = seconds(object, "offset");
    ManifestEntry.Segment segment = null;
    if (offset != null) {
      if (offset < 0) {
        throw new LineException("offset " + offset + " is negative: give seconds from 0");
      }
      if (duration == null || !(duration > 0)) {
        throw new LineException(
            "offset needs a duration above 0 (the segment's length in seconds, as NeMo reads it)");
      }
      segment = new ManifestEntry.Segment(offset, duration);
    }
    String id = text(object, "id");
    if (id == null || id.isBlank()) {
      id = defaultIds.idOf(audioPath, segment);
    }
    String taskType = text(object, "task_type");
    taskType = taskType == null || taskType.isBlank() ? "asr-transcript" : taskType;
    if (!TASK_TYPES.contains(taskType)) {
      throw new LineException(
          "task_type '"
              + taskType
              + "' is unknown: use asr-transcript, tts-rating, rag-stages, tts-mushra or"
              + " tts-preference");
    }
    String split = text(object, "split");
    if (split != null && !split.isBlank() && !SPLITS.contains(split)) {
      throw new LineException("split '" + split + "' is unknown: use train, dev or test");
    }
    LocalDate retention = null;
    String retentionText = text(object, "retention_until");
    if (retentionText != null && !retentionText.isBlank()) {
      try {
        retention = LocalDate.parse(retentionText);
      } catch (DateTimeParseException e) {
        throw new LineException(
            "retention_until '" + retentionText + "' is not a date like 2027-12-31");
      }
    }
    String reference = text(object, "reference");
    if (reference == null) {
      reference = text(object, "text");
    }
    String hypothesis = text(object, "hypothesis");
    if (hypothesis == null) {
      hypothesis = text(object, "pred_text");
    }
    String language = text(object, "language");
    if (language == null || language.isBlank()) {
      language = text(object, "lang");
    }
    Map<String, String> slices = slices(object.get("slices"));
    ListeningFields.check(object, taskType, slices);
    ObjectNode payload = object.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!INTERPRETED.contains(field.getKey())) {
        payload.set(field.getKey(), field.getValue());
      }
    }
    return new ManifestEntry(
        line,
        id.strip(),
        audioPath,
        duration,
        taskType,
        reference,
        hypothesis,
        slices,
        blankToNull(text(object, "speaker_id")),
        blankToNull(text(object, "consent_scope")),
        retention,
        blankToNull(split),
        blankToNull(text(object, "source")),
        blankToNull(language),
        payload,
        segment);
  }

  private static Double seconds(ObjectNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() && !isNumber(node.asText())) {
      throw new LineException(field + " '" + node.asText() + "' is not a number of seconds");
    }
    double value = node.asDouble();
    if (!Double.isFinite(value)) {
      throw new LineException(field + " '" + node.asText() + "' is not a number of seconds");
    }
    return value;
  }

  private static Map<String, String> slices(JsonNode node) {
    Map<String, String> slices = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return slices;
    }
    if (!node.isObject()) {
      throw new LineException("slices must be an object such as {\"noise\": \"street\"}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> slice = it.next();
      JsonNode value = slice.getValue();
      if (value.isNull()) {
        continue;
      }
      if (value.isContainerNode()) {
        throw new LineException("slice '" + slice.getKey() + "' must be a single value");
      }
      slices.put(slice.getKey(), value.asText());
    }
    return slices;
  }

  private static String text(ObjectNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isContainerNode()) {
      throw new LineException(field + " must be a single value, not " + node.getNodeType());
    }
    return node.asText();
  }

  /** Jackson's message up to its location details, which mean nothing to a user. */
  private static String firstClause(String message) {
    String first = message.lines().findFirst().orElse(message);
    for (String cut : new String[] {" (start marker", " at [Source", " (for "}) {
      int at = first.indexOf(cut);
      if (at > 0) {
        first = first.substring(0, at);
      }
    }
    return first.strip();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A problem with one line; becomes a {@link ManifestLine.Error}. */
  static final class LineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LineException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Lines of a byte stream split on LF (a CR before it is dropped), each decoded as strict UTF-8 on
   * its own: one bad byte spoils only its line, which {@link #next} reports as {@link #MALFORMED}.
   * Not thread-safe.
   */
  static final class Utf8Lines {
    /** Returned (by identity) for a line that is not valid UTF-8. */
    static final String MALFORMED = new String("\u0000malformed");

    private final InputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int badOffset;
    private byte badByte;

    Utf8Lines(InputStream in) {
      this.in = in;
    }

    /** The next line, {@link #MALFORMED}, or null at the end of the stream. */
    String next() throws IOException {
      bytes.reset();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        bytes.write(b);
      }
      if (b < 0 && bytes.size() == 0) {
        return null;
      }
      byte[] line = bytes.toByteArray();
      int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
      ByteBuffer buffer = ByteBuffer.wrap(line, 0, length);
      try {
        return decoder.reset().decode(buffer).toString();
      } catch (CharacterCodingException e) {
        badOffset = Math.min(buffer.position(), length - 1);
        badByte = line[Math.max(badOffset, 0)];
        return MALFORMED;
      }
    }

    int badOffset() {
      return badOffset;
    }

    byte badByte() {
      return badByte;
    }
  }

  /**
   * Minimal RFC 4180 fields within one line (quoted fields, doubled quotes; no embedded newlines).
   */
  static final class Csv {
    private Csv() {}

    static List<String> split(String text, int line) {
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"' && field.isEmpty()) {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else {
          field.append(c);
        }
      }
      if (quoted) {
        throw new LineException("has an unterminated quote");
      }
      fields.add(field.toString());
      return fields;
    }

    static ObjectNode toObject(List<String> header, String text, int line, ObjectMapper json) {
      List<String> fields = split(text, line);
      if (fields.size() != header.size()) {
        throw new LineException(
            "has " + fields.size() + " fields but the header names " + header.size());
      }
      ObjectNode object = json.createObjectNode();
      ObjectNode slices = object.putObject("slices");
      for (int i = 0; i < header.size(); i++) {
        String name = header.get(i).strip();
        String value = fields.get(i);
        if (value.isEmpty()) {
          continue;
        }
        if (name.startsWith("slice.") || name.startsWith("slices.")) {
          slices.put(name.substring(name.indexOf('.') + 1), value);
        } else {
          object.put(name, value);
        }
      }
      return object;
    }
  }
}
