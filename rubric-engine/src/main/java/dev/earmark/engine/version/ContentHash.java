package dev.earmark.engine.version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over a canonical JSON form: object keys sorted at every depth, no insignificant
 * whitespace, numbers as Jackson writes them. Two documents that differ only in key order or
 * formatting hash alike; any change of content changes the hash. Written {@code sha256:<64 hex>}.
 * Thread-safe.
 */
public final class ContentHash {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private ContentHash() {}

  /** The hash of {@code document}, ignoring the top-level fields named in {@code excluded}. */
  public static String of(JsonNode document, String... excluded) {
    JsonNode canonical = sorted(document);
    if (canonical instanceof ObjectNode object && excluded.length > 0) {
      ObjectNode copy = object.deepCopy();
      for (String field : excluded) {
        copy.remove(field);
      }
      canonical = copy;
    }
    try {
      return ofBytes(CANONICAL.writeValueAsBytes(canonical));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be serialised", e);
    }
  }

  /**
   * The canonical text of {@code document}: keys sorted at every depth, no insignificant
   * whitespace. Equal content always gives equal text, so the text can itself be hashed or stored.
   */
  public static String canonicalJson(JsonNode document) {
    try {
      return CANONICAL.writeValueAsString(sorted(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be serialised", e);
    }
  }

  /** {@code sha256:} followed by the lower-case hex SHA-256 of {@code bytes}. */
  public static String ofBytes(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /** {@code sha256:} hash of the UTF-8 bytes of {@code text}. */
  public static String ofText(String text) {
    return ofBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        fields.put(field.getKey(), sorted(field.getValue()));
      }
      ObjectNode result = CANONICAL.createObjectNode();
      fields.forEach(result::set);
      return result;
    }
    if (node.isArray()) {
      var result = CANONICAL.createArrayNode();
      node.forEach(element -> result.add(sorted(element)));
      return result;
    }
    return node;
  }
}
