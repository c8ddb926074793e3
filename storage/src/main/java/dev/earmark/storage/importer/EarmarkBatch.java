package dev.earmark.storage.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The Earmark batch a manifest sits in ({@code BATCH/earmark-jsonl/labels.jsonl} next to {@code
 * BATCH/manifest.json}), so that re-importing a batch's own {@code labels.jsonl} works: its audio
 * may be anywhere inside the batch ({@code ../audio/...}), and a line's consent scope, retention,
 * split and source, which {@code labels.jsonl} does not carry, come from the batch manifest's
 * {@code items[]}. A line's own values win.
 *
 * @param root the batch folder (holding {@code manifest.json})
 * @param items the manifest's {@code items[]} by {@code clip_id}
 */
public record EarmarkBatch(Path root, Map<String, JsonNode> items) {
  static final String FORMAT_PREFIX = "earmark-batch-manifest/";

  /** The batch holding {@code manifestFolder} (it or its parent), or null. */
  public static EarmarkBatch around(Path manifestFolder, ObjectMapper json) {
    for (Path candidate = manifestFolder, stop = manifestFolder.getParent();
        candidate != null;
        candidate = candidate.equals(stop) ? null : stop) {
      Path manifest = candidate.resolve("manifest.json");
      if (!Files.isRegularFile(manifest)) {
        continue;
      }
      JsonNode document;
      try {
        document = json.readTree(manifest.toFile());
      } catch (IOException e) {
        continue; // not a batch manifest this reader can use; the folder is then no batch
      }
      if (document == null || !document.path("format").asText("").startsWith(FORMAT_PREFIX)) {
        continue;
      }
      Map<String, JsonNode> items = new HashMap<>();
      for (JsonNode item : document.path("items")) {
        if (item.path("clip_id").isTextual()) {
          items.put(item.get("clip_id").asText(), item);
        }
      }
      return new EarmarkBatch(candidate, items);
    }
    return null;
  }

  /**
   * The audio of clip {@code clipId} in this batch: {@code audio/NAME} of the item's {@code
   * audio_path} when the batch holds it, else that path as recorded, or null for an unknown clip.
   */
  public Path audioOf(String clipId) {
    JsonNode item = items.get(clipId);
    if (item == null || !item.path("audio_path").isTextual()) {
      return null;
    }
    Path recorded = Path.of(item.get("audio_path").asText());
    Path copied = root.resolve("audio").resolve(recorded.getFileName().toString());
    return Files.isRegularFile(copied) ? copied : recorded;
  }

  /** {@code entry} with the batch item's consent scope, retention, split and source filled in. */
  public ManifestEntry complete(ManifestEntry entry) {
    JsonNode item = items.get(entry.id());
    if (item == null) {
      return entry;
    }
    return new ManifestEntry(
        entry.line(),
        entry.id(),
        entry.audioPath(),
        entry.declaredDuration(),
        entry.taskType(),
        entry.reference(),
        entry.hypothesis(),
        entry.slices(),
        entry.speakerId() != null ? entry.speakerId() : text(item, "speaker_id"),
        entry.consentScope() != null ? entry.consentScope() : text(item, "consent_scope"),
        entry.retentionUntil() != null ? entry.retentionUntil() : date(item),
        entry.split() != null ? entry.split() : split(item),
        entry.source() != null ? entry.source() : text(item, "source"),
        entry.language(),
        entry.payload(),
        entry.segment());
  }

  private static String text(JsonNode item, String field) {
    JsonNode value = item.get(field);
    return value == null || !value.isTextual() || value.asText().isBlank()
        ? null
        : value.asText().strip();
  }

  private static String split(JsonNode item) {
    String split = text(item, "split");
    return split != null && ManifestReader.SPLITS.contains(split) ? split : null;
  }

  private static LocalDate date(JsonNode item) {
    String text = text(item, "retention_until");
    try {
      return text == null ? null : LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
