package dev.earmark.storage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of {@link AuditAnchor}s kept outside the database (by default {@value
 * #FILE_NAME} beside an embedded project's database): one JSON object per line with {@code seq},
 * {@code hash}, {@code recorded_at} and {@code source}. Someone who edits the database with SQL can
 * rewind {@code audit_head}, but the anchors still name the events the chain had. Appends are one
 * short write each, flushed to disk; a line that cannot be read (a torn last write) is skipped.
 * Thread-safe for appends within one process.
 */
public final class AuditAnchors {
  /** The anchors file's name inside an embedded project's directory. */
  public static final String FILE_NAME = "audit-anchors.jsonl";

  private final Path file;

  public AuditAnchors(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  /** The file the anchors are kept in. */
  public Path file() {
    return file;
  }

  /** Appends {@code anchor}; a failure to write is an error naming the file. */
  public synchronized void record(AuditAnchor anchor) {
    ObjectNode line = AuditLog.json().createObjectNode();
    line.put("seq", anchor.seq());
    line.put("hash", anchor.hash());
    line.put("recorded_at", anchor.recordedAt().toString());
    line.put("source", anchor.source());
    try {
      Files.createDirectories(file.getParent());
      Files.write(
          file,
          (line + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new StorageException(
          "cannot record the audit head in " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every anchor recorded so far, oldest first; an absent file holds none. */
  public List<AuditAnchor> read() {
    List<AuditAnchor> anchors = new ArrayList<>();
    if (!Files.exists(file)) {
      return anchors;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageException(
          "cannot read the audit anchors " + file + ": " + e.getMessage(), e);
    }
    for (String text : lines) {
      fromJson(text).ifPresent(anchors::add);
    }
    return anchors;
  }

  /** The anchor in {@code node} ({@code seq}, {@code hash}), if it holds one. */
  public static java.util.Optional<AuditAnchor> fromJson(JsonNode node, String source) {
    if (node == null || !node.path("seq").canConvertToLong() || !node.path("hash").isTextual()) {
      return java.util.Optional.empty();
    }
    Instant at;
    try {
      at = Instant.parse(node.path("recorded_at").asText(""));
    } catch (RuntimeException e) {
      at = Instant.EPOCH;
    }
    long seq = node.path("seq").asLong();
    return seq < 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(new AuditAnchor(seq, node.path("hash").asText(), at, source));
  }

  /** The anchor as carried in a manifest or pack: {@code {seq, hash, recorded_at, source}}. */
  public static ObjectNode toJson(AuditAnchor anchor) {
    ObjectNode node = AuditLog.json().createObjectNode();
    node.put("seq", anchor.seq());
    node.put("hash", anchor.hash());
    node.put("recorded_at", anchor.recordedAt().toString());
    node.put("source", anchor.source());
    return node;
  }

  private static java.util.Optional<AuditAnchor> fromJson(String text) {
    if (text.isBlank()) {
      return java.util.Optional.empty();
    }
    try {
      JsonNode node = AuditLog.json().readTree(text);
      return fromJson(node, node.path("source").asText(FILE_NAME));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
