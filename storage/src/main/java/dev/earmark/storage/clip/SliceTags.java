package dev.earmark.storage.clip;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.audit.AuditLog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one reading of a clip's stored {@code slices_json}. A manifest's slices are single values
 * (the importer refuses nested ones), but packs and older projects may hold a nested value; it is
 * kept as its compact JSON text rather than dropped or flattened, so no reader loses a tag another
 * one shows. A null tag is no tag. Stateless and thread-safe.
 */
public final class SliceTags {
  private SliceTags() {}

  /**
   * The tags of {@code json} in stored order (tag name to value); empty for null or blank input.
   *
   * @throws StorageException when the stored text is not a JSON object
   */
  public static Map<String, String> parse(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    JsonNode node;
    try {
      node = AuditLog.json().readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("the stored slice tags are not readable JSON: " + json, e);
    }
    if (!node.isObject()) {
      throw new StorageException("the stored slice tags are not a JSON object: " + json);
    }
    Map<String, String> slices = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            field -> {
              JsonNode value = field.getValue();
              if (!value.isNull()) {
                slices.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
              }
            });
    return Collections.unmodifiableMap(slices);
  }
}
