package dev.earmark.storage.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest's own checksum, {@code manifest_sha256}, taken without copying the manifest: the
 * same SHA-256 over the same canonical JSON (keys sorted at every depth, no whitespace, numbers as
 * Jackson writes them) as {@link dev.earmark.engine.version.ContentHash#of}, which copied the whole
 * document into sorted maps first and needed more than 4 GB for a batch of 800k items (issue 22).
 * Members are written into the digest in sorted order from their own canonical bytes, which a large
 * member (a verifier's {@code items}) may stream into a {@link Spill} as it reads it. {@code
 * ManifestHashTest} holds the two equal. Not thread-safe; one per manifest.
 */
final class ManifestHash {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.INDENT_OUTPUT)
          // Members are written into spills that outlive their generator.
          .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  /** Canonical bytes by top-level member; a later member of the same name replaces the first. */
  private final TreeMap<String, Spill> members = new TreeMap<>();

  /** The hash of {@code manifest} without its top-level members named in {@code excluded}. */
  static String of(JsonNode manifest, String... excluded) {
    if (!manifest.isObject()) {
      throw new IllegalArgumentException("A manifest is one JSON object.");
    }
    ManifestHash hash = new ManifestHash();
    List<String> skip = Arrays.asList(excluded);
    for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      if (!skip.contains(member.getKey())) {
        hash.member(member.getKey(), member.getValue());
      }
    }
    return hash.digest();
  }

  /** Adds a member from its tree. */
  void member(String name, JsonNode value) {
    Spill spill = new Spill();
    try (JsonGenerator out = CANONICAL.createGenerator(spill)) {
      write(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    put(name, spill);
  }

  /** Adds a member whose canonical bytes the caller wrote into {@code spill}. */
  void put(String name, Spill spill) {
    Spill previous = members.put(name, spill);
    if (previous != null) {
      previous.close();
    }
  }

  /** Removes a member (the manifest's own hash is not part of what it hashes). */
  void remove(String name) {
    Spill previous = members.remove(name);
    if (previous != null) {
      previous.close();
    }
  }

  /** {@code sha256:<hex>} of the canonical manifest; releases every spill. */
  String digest() {
    MessageDigest digest = sha256();
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      out.write('{');
      boolean first = true;
      for (Map.Entry<String, Spill> member : members.entrySet()) {
        if (!first) {
          out.write(',');
        }
        first = false;
        out.write(CANONICAL.writeValueAsBytes(member.getKey()));
        out.write(':');
        member.getValue().copyTo(out);
      }
      out.write('}');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      members.values().forEach(Spill::close);
      members.clear();
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  /** A generator that writes canonical JSON, for a member streamed by the caller. */
  static JsonGenerator generator(OutputStream out) throws IOException {
    return CANONICAL.createGenerator(out);
  }

  /** Writes {@code node} canonically: object keys sorted (UTF-16 order) at every depth. */
  static void write(JsonGenerator out, JsonNode node) throws IOException {
    if (node.isObject()) {
      List<String> names = new ArrayList<>(node.size());
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.writeStartObject();
      for (String name : names) {
        out.writeFieldName(name);
        write(out, node.get(name));
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (JsonNode element : node) {
        write(out, element);
      }
      out.writeEndArray();
    } else {
      out.writeTree(node);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Bytes held in memory up to {@link #IN_MEMORY} and in a temporary file beyond (deleted on
   * close), so a verifier's canonical {@code items} never sits in the heap whole. Where no
   * temporary file can be made the bytes stay in memory.
   */
  static final class Spill extends OutputStream {
    static final int IN_MEMORY = 16 << 20;

    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (fileOut == null && memory.size() + length > IN_MEMORY) {
        try {
          file = Files.createTempFile("earmark-manifest-", ".json");
          fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
          memory.writeTo(fileOut);
          memory = null;
        } catch (IOException | SecurityException e) {
          file = null; // no temporary file here: keep the bytes in memory
        }
      }
      if (fileOut != null) {
        fileOut.write(bytes, offset, length);
      } else {
        memory.write(bytes, offset, length);
      }
    }

    void copyTo(OutputStream out) throws IOException {
      if (fileOut == null) {
        memory.writeTo(out);
        return;
      }
      fileOut.flush();
      try (InputStream in = Files.newInputStream(file)) {
        in.transferTo(out);
      }
    }

    @Override
    public void close() {
      try {
        if (fileOut != null) {
          fileOut.close();
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        // A temporary file left behind holds only a copy of the manifest's own content.
      } finally {
        fileOut = null;
        memory = new ByteArrayOutputStream();
      }
    }
  }
}
