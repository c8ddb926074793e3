package dev.earmark.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a clip manifest for {@code earmark qe train|drift}: JSONL (NeMo-style), one object per line
 * with a string {@code id} and {@code audio_filepath} (relative to the manifest's folder, or
 * absolute) and, for training, string {@code reference} and {@code hypothesis} and an optional
 * cross-validation {@code group} (docs/qe.md); other fields are ignored. Blank lines are skipped. A
 * line that is not a JSON object, lacks id or audio_filepath, or repeats an id is an {@link
 * InputException} naming the file and line; a missing reference or hypothesis is not an error here
 * (the trainer counts such clips as not usable).
 */
final class QeManifest {
  /** One manifest line. */
  record Entry(
      int line,
      String id,
      Path audio,
      Optional<String> reference,
      Optional<String> hypothesis,
      Optional<String> group) {}

  private QeManifest() {}

  static List<Entry> read(Path manifest) {
    List<String> lines;
    try {
      lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(manifest + ": cannot read the manifest (" + e.getMessage() + ")");
    }
    Path folder = manifest.toAbsolutePath().getParent();
    List<Entry> entries = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int index = 0; index < lines.size(); index++) {
      String text = lines.get(index).strip();
      if (index == 0 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isEmpty()) {
        continue;
      }
      int line = index + 1;
      JsonNode node;
      try {
        node = JsonOutput.mapper().readTree(text);
      } catch (JsonProcessingException e) {
        throw new InputException(manifest + ":" + line + ": not a JSON object");
      }
      if (node == null || !node.isObject()) {
        throw new InputException(manifest + ":" + line + ": not a JSON object");
      }
      String id = requiredText(node, "id", manifest, line);
      String audio = requiredText(node, "audio_filepath", manifest, line);
      if (!ids.add(id)) {
        throw new InputException(manifest + ":" + line + ": clip id " + id + " appears twice");
      }
      entries.add(
          new Entry(
              line,
              id,
              folder.resolve(audio),
              optionalText(node, "reference"),
              optionalText(node, "hypothesis"),
              optionalText(node, "group").filter(group -> !group.isBlank())));
    }
    return entries;
  }

  private static String requiredText(JsonNode node, String field, Path manifest, int line) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new InputException(
          manifest + ":" + line + ": field \"" + field + "\" must be a non-empty string");
    }
    return value.asText();
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }
}
