package dev.earmark.storage.assign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.Violation;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.audit.AuditLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a gold file: JSON Lines, one gold clip per line, {@code {"clip_id": "clip-0003", "fields":
 * {"transcript": "…"}}}, the fields in the shape of {@link LabelValueJson}. A line may name its
 * rubric version in {@code "rubric"}; it must then be the one assigned under. Every answer is
 * validated against the rubric; the first bad line is refused with its line number, so a lead fixes
 * the file rather than guesses. Blank lines are skipped. Stateless and thread-safe.
 */
public final class GoldFile {
  private GoldFile() {}

  /**
   * The answers of {@code file} under {@code rubric}, in file order.
   *
   * @throws StorageException naming the file and line of the first problem: unreadable file, a line
   *     that is not a JSON object, no clip id, a clip named twice, an answer the rubric refuses
   */
  public static List<GoldAnswer> read(Path file, Rubric rubric) {
    List<GoldAnswer> answers = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        GoldAnswer answer = parse(text, rubric, file.getFileName() + " line " + line, line);
        Integer before = seen.putIfAbsent(answer.clipKey(), line);
        if (before != null) {
          throw new StorageException(
              file.getFileName()
                  + " line "
                  + line
                  + ": clip "
                  + answer.clipKey()
                  + " already has a gold answer on line "
                  + before
                  + "; keep one line per clip");
        }
        answers.add(answer);
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot read the gold file " + file + ": " + e.getMessage() + "; check the path", e);
    }
    return answers;
  }

  private static GoldAnswer parse(String text, Rubric rubric, String where, int line) {
    JsonNode node;
    try {
      node = AuditLog.json().readTree(text);
    } catch (JsonProcessingException e) {
      throw new StorageException(
          where + " is not JSON: " + e.getOriginalMessage() + "; write one JSON object per line");
    }
    if (node == null || !node.isObject()) {
      throw new StorageException(where + " is not a JSON object such as {\"clip_id\": …}");
    }
    JsonNode clip = node.get("clip_id");
    if (clip == null || !clip.isTextual() || clip.asText().isBlank()) {
      throw new StorageException(where + " names no clip: give its manifest id in \"clip_id\"");
    }
    ObjectNode document = AuditLog.json().createObjectNode();
    document.put(
        "rubric",
        node.path("rubric").isTextual() ? node.get("rubric").asText() : rubric.id().toString());
    document.set("fields", node.get("fields"));
    LabelValue value;
    try {
      value = LabelValueJson.read(document, rubric);
    } catch (EngineException e) {
      throw new StorageException(where + " (clip " + clip.asText() + "): " + e.getMessage());
    }
    List<Violation> violations = rubric.validate(value);
    if (!violations.isEmpty()) {
      throw new StorageException(
          where
              + " (clip "
              + clip.asText()
              + "): the answer breaks rubric "
              + rubric.id()
              + ": "
              + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }
    return new GoldAnswer(clip.asText(), value, line);
  }
}
