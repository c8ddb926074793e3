package dev.earmark.storage.pack;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.storage.FaultPoints;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.pack.PackRefusedException.Reason;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.project.Publications;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Handle;

/**
 * The container both pack kinds share: a zip file whose data entries are listed with their SHA-256
 * in {@code pack.json}, which is written last and carries {@code pack_sha256}, the content hash of
 * the manifest without that member. Since the manifest names every entry's checksum, {@code
 * pack_sha256} covers the whole pack.
 *
 * <p>Writing goes to a hidden temporary file next to the target that is renamed into place only
 * after the project recorded the pack ({@link #writeAndPublish}), so a killed export leaves either
 * no file under the target name or a recorded one; a hidden partial file is refused by name, and a
 * truncated file has no readable central directory or manifest and is refused. Reading ({@link
 * #open}) checks the format, the manifest checksum and every entry before anything is imported.
 * Stateless; thread-safe.
 */
public final class PackFile {
  /** The manifest's entry name. */
  public static final String MANIFEST = "pack.json";

  /** The {@code format} member of every pack manifest. */
  public static final String FORMAT = "earmark-pack/1";

  /** Part of the temporary file's name while a pack is written. */
  static final String PARTIAL_MARKER = ".pack-partial-";

  private static final Pattern ENTRY_NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    WRITER =
        JSON.writer(
            new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
  }

  private PackFile() {}

  /** One data entry to write: its name inside the pack and either bytes or a file to copy. */
  record Entry(String name, byte[] bytes, Path file) {
    static Entry json(String name, JsonNode document) {
      try {
        return new Entry(
            name,
            (WRITER.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8),
            null);
      } catch (IOException e) {
        throw new StorageException("the pack entry " + name + " could not be written", e);
      }
    }

    static Entry file(String name, Path file) {
      return new Entry(name, null, file);
    }
  }

  /** A pack written completely under its hidden temporary name, not yet at {@code target}. */
  record Written(Path temp, Path target, String sha256) {}

  /**
   * Writes a pack and records it, in the order that survives a crash (issue 19): step 1 writes the
   * whole pack under a hidden temporary name ({@link #writeTemp}); step 2 runs {@code record} (the
   * pack row and its audit event) and the publication intent in one transaction; step 3 renames the
   * file to {@code target} ({@link Publications#publish}). A crash before step 2 commits leaves a
   * hidden partial file that no import accepts and no record; a crash after it is finished when the
   * project is opened again.
   *
   * @return what {@code record} returned
   */
  static <T> T writeAndPublish(
      Project project,
      String packId,
      Path target,
      ObjectNode header,
      List<Entry> entries,
      Instant time,
      BiFunction<Handle, Written, T> record) {
    Written written = writeTemp(target, header, entries, time);
    FaultPoints.reach("pack-export.written");
    boolean committed = false;
    try {
      long[] publication = new long[1];
      T result =
          project
              .jdbi()
              .inTransaction(
                  handle -> {
                    publication[0] =
                        Publications.intend(
                            handle,
                            Publications.PACK,
                            packId,
                            written.temp(),
                            written.target(),
                            time);
                    return record.apply(handle, written);
                  });
      committed = true;
      FaultPoints.reach("pack-export.committed");
      Publications.publish(project.jdbi(), publication[0], written.temp(), written.target());
      return result;
    } finally {
      if (!committed) {
        try {
          Files.deleteIfExists(written.temp());
        } catch (IOException e) {
          // A left-over partial file is refused on import.
        }
      }
    }
  }

  /**
   * Writes a pack for {@code target} under a hidden temporary name next to it: the data entries,
   * then {@code pack.json} made of {@code header} plus {@code entries} (name → SHA-256) and {@code
   * pack_sha256}, forced to the disk.
   *
   * @throws StorageException when the target exists or cannot be written
   */
  static Written writeTemp(Path target, ObjectNode header, List<Entry> entries, Instant time) {
    Path file = target.toAbsolutePath().normalize();
    if (Files.exists(file)) {
      throw new StorageException(file + " already exists; choose a new --out file.");
    }
    if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
      throw new StorageException(
          "The directory "
              + file.getParent()
              + " does not exist; create it or choose another --out.");
    }
    Path temp =
        file.resolveSibling(
            "."
                + file.getFileName()
                + PARTIAL_MARKER
                + UUID.randomUUID().toString().substring(0, 8));
    boolean done = false;
    try {
      Map<String, String> hashes = new TreeMap<>();
      String packSha256;
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temp))) {
        for (Entry entry : entries) {
          if (!ENTRY_NAME.matcher(entry.name()).matches() || entry.name().equals(MANIFEST)) {
            throw new IllegalArgumentException("not a pack entry name: " + entry.name());
          }
          ZipEntry zipEntry = new ZipEntry(entry.name());
          zipEntry.setTime(time.toEpochMilli());
          zip.putNextEntry(zipEntry);
          MessageDigest digest = newDigest();
          if (entry.bytes() != null) {
            digest.update(entry.bytes());
            zip.write(entry.bytes());
          } else {
            try (InputStream in =
                new DigestInputStream(Files.newInputStream(entry.file()), digest)) {
              in.transferTo(zip);
            }
          }
          zip.closeEntry();
          hashes.put(entry.name(), hex(digest));
        }
        ObjectNode manifest = header.deepCopy();
        ObjectNode listed = manifest.putObject("entries");
        hashes.forEach(listed::put);
        packSha256 = ContentHash.of(manifest);
        manifest.put("pack_sha256", packSha256);
        ZipEntry manifestEntry = new ZipEntry(MANIFEST);
        manifestEntry.setTime(time.toEpochMilli());
        zip.putNextEntry(manifestEntry);
        zip.write((WRITER.writeValueAsString(manifest) + "\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
      } // closing writes the central directory
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      done = true;
      return new Written(temp, file, packSha256);
    } catch (IOException e) {
      throw new StorageException("Could not write the pack " + file + ": " + e.getMessage(), e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // A left-over partial file is refused on import.
        }
      }
    }
  }

  /**
   * Opens and checks the pack at {@code file}: a zip with a {@code pack.json} of this format whose
   * {@code pack_sha256} matches its content, whose every listed entry is present with its SHA-256,
   * and which holds no other entry.
   *
   * @throws PackRefusedException ({@link Reason#NOT_A_PACK} or {@link Reason#TAMPERED}) naming the
   *     first problem found
   */
  public static OpenedPack open(Path file) {
    Path path = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new PackRefusedException(Reason.NOT_A_PACK, path + " does not exist or is not a file.");
    }
    if (path.getFileName().toString().contains(PARTIAL_MARKER)) {
      throw new PackRefusedException(
          Reason.NOT_A_PACK,
          path
              + " is a pack Earmark was still writing when it stopped; it was never recorded."
              + " Export the pack again.");
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      ZipEntry manifestEntry = zip.getEntry(MANIFEST);
      if (manifestEntry == null) {
        throw new PackRefusedException(
            Reason.NOT_A_PACK, path + " is not an Earmark pack: it has no " + MANIFEST + ".");
      }
      JsonNode manifest;
      try (InputStream in = zip.getInputStream(manifestEntry)) {
        manifest = JSON.readTree(in);
      } catch (IOException e) {
        throw new PackRefusedException(
            Reason.TAMPERED,
            path + ": " + MANIFEST + " is not readable JSON, so the pack was altered.");
      }
      if (manifest == null
          || !manifest.isObject()
          || !FORMAT.equals(manifest.path("format").asText())) {
        throw new PackRefusedException(
            Reason.NOT_A_PACK,
            path + " is not an Earmark pack of format " + FORMAT + " (pack.json names another).");
      }
      Optional<PackKind> kind = PackKind.fromCode(manifest.path("kind").asText());
      if (kind.isEmpty()) {
        throw new PackRefusedException(
            Reason.NOT_A_PACK,
            path
                + ": pack.json names kind '"
                + manifest.path("kind").asText()
                + "', not assignment or label.");
      }
      String recorded = manifest.path("pack_sha256").asText("");
      if (!recorded.equals(ContentHash.of(manifest, "pack_sha256"))) {
        throw new PackRefusedException(
            Reason.TAMPERED,
            path + " was altered: pack.json does not match its pack_sha256; ask for a fresh pack.");
      }
      Map<String, String> listed = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("entries").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        listed.put(entry.getKey(), entry.getValue().asText());
      }
      Set<String> seen = new HashSet<>();
      List<String> present = new ArrayList<>();
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        if (entry.getName().equals(MANIFEST) && seen.contains(MANIFEST)) {
          throw tampered(path, "it holds pack.json twice");
        }
        if (!seen.add(entry.getName())) {
          throw tampered(path, "it holds the entry " + entry.getName() + " twice");
        }
        if (!entry.getName().equals(MANIFEST)) {
          present.add(entry.getName());
        }
      }
      for (String name : present) {
        if (!listed.containsKey(name)) {
          throw tampered(path, "its entry " + name + " is not listed in pack.json");
        }
      }
      for (Map.Entry<String, String> entry : listed.entrySet()) {
        if (!ENTRY_NAME.matcher(entry.getKey()).matches()) {
          throw tampered(
              path, "pack.json lists " + entry.getKey() + ", which is not an entry name");
        }
        ZipEntry zipEntry = zip.getEntry(entry.getKey());
        if (zipEntry == null) {
          throw tampered(
              path, "its entry " + entry.getKey() + " is listed in pack.json but missing");
        }
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(zip.getInputStream(zipEntry), digest)) {
          in.transferTo(OutputStream.nullOutputStream());
        }
        String actual = hex(digest);
        if (!actual.equals(entry.getValue())) {
          throw tampered(
              path,
              "its entry "
                  + entry.getKey()
                  + " has SHA-256 "
                  + actual
                  + " but pack.json says "
                  + entry.getValue());
        }
      }
      return new OpenedPack(path, manifest, kind.get(), recorded, listed);
    } catch (ZipException e) {
      throw new PackRefusedException(
          Reason.NOT_A_PACK,
          path + " is not a readable pack (not a complete zip file: " + e.getMessage() + ").");
    } catch (IOException e) {
      throw new PackRefusedException(
          Reason.NOT_A_PACK, path + " cannot be read as a pack: " + e.getMessage() + ".");
    }
  }

  /**
   * The kind {@code pack.json} declares, read without checking anything else, so that a caller can
   * choose which import runs the full checks (and records a refusal where it belongs). Empty when
   * the file is not a zip with a readable {@code pack.json} naming a kind.
   */
  public static Optional<PackKind> declaredKind(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry manifestEntry = zip.getEntry(MANIFEST);
      if (manifestEntry == null) {
        return Optional.empty();
      }
      try (InputStream in = zip.getInputStream(manifestEntry)) {
        return PackKind.fromCode(JSON.readTree(in).path("kind").asText());
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static PackRefusedException tampered(Path path, String what) {
    return new PackRefusedException(
        Reason.TAMPERED, path + " was altered: " + what + "; ask for a fresh pack.");
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String hex(MessageDigest digest) {
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A pack whose checksums were verified by {@link #open}: its manifest, kind, id and entries.
   * Entries are read again from the file on demand and checked against the manifest once more, so a
   * file swapped after opening is still caught. Immutable.
   */
  public record OpenedPack(
      Path file, JsonNode manifest, PackKind kind, String sha256, Map<String, String> entries) {
    public OpenedPack {
      entries = Map.copyOf(entries);
    }

    /** The pack's own id (a UUID). */
    public String packId() {
      return manifest.path("pack_id").asText();
    }

    /** The id of the project the pack belongs to. */
    public String projectId() {
      return manifest.path("project").path("id").asText();
    }

    /** The annotator whose work the pack carries. */
    public String annotator() {
      return manifest.path("annotator").asText();
    }

    /** The JSON entry {@code name}. */
    JsonNode json(String name) {
      byte[] bytes = bytes(name);
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        throw new PackRefusedException(
            Reason.TAMPERED, file + ": its entry " + name + " is not readable JSON.");
      }
    }

    /** The bytes of entry {@code name}, checked against its SHA-256 in the manifest. */
    byte[] bytes(String name) {
      String expected = entries.get(name);
      if (expected == null) {
        throw new PackRefusedException(
            Reason.TAMPERED, file + " was altered: it has no entry " + name + ".");
      }
      try (ZipFile zip = new ZipFile(file.toFile())) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
          throw tampered(file, "its entry " + name + " is missing");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        MessageDigest digest = newDigest();
        digest.update(bytes);
        if (!hex(digest).equals(expected)) {
          throw tampered(file, "its entry " + name + " changed after it was checked");
        }
        return bytes;
      } catch (IOException e) {
        throw new PackRefusedException(
            Reason.NOT_A_PACK, file + " cannot be read as a pack: " + e.getMessage() + ".");
      }
    }

    /** Copies entry {@code name} to {@code target}, checked against its SHA-256. */
    void copy(String name, Path target) {
      String expected = entries.get(name);
      if (expected == null) {
        throw new PackRefusedException(
            Reason.TAMPERED, file + " was altered: it has no entry " + name + ".");
      }
      try (ZipFile zip = new ZipFile(file.toFile())) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
          throw tampered(file, "its entry " + name + " is missing");
        }
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry), digest)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!hex(digest).equals(expected)) {
          Files.deleteIfExists(target);
          throw tampered(file, "its entry " + name + " changed after it was checked");
        }
      } catch (IOException e) {
        throw new StorageException(
            "Could not copy "
                + name
                + " from the pack "
                + file
                + " to "
                + target
                + ": "
                + e.getMessage(),
            e);
      }
    }
  }
}
