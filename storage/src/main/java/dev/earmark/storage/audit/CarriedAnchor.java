package dev.earmark.storage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the audit anchor a batch directory ({@code manifest.json}: {@code batch.audit_anchor}) or a
 * pack file ({@code pack.json}: {@code audit_anchor}) carries, after checking that the manifest
 * still matches its own hash, so a forged anchor in an edited manifest is not believed. Stateless.
 */
public final class CarriedAnchor {
  private CarriedAnchor() {}

  /**
   * The anchor {@code path} carries for project {@code projectId}.
   *
   * @throws StorageException naming the path when it is unreadable, altered, carries no anchor
   *     (made before anchors existed) or carries the anchor of another project
   */
  public static AuditAnchor read(Path path, String projectId) {
    JsonNode manifest;
    JsonNode anchorNode;
    String owner;
    String source;
    if (Files.isDirectory(path)) {
      manifest = readJson(path.resolve("manifest.json"), path);
      checkHash(manifest, "manifest_sha256", path);
      anchorNode = manifest.path("batch").get("audit_anchor");
      owner = manifest.path("batch").path("project_id").asText("");
      source = "batch " + manifest.path("batch").path("name").asText("");
    } else {
      manifest = readPackManifest(path);
      checkHash(manifest, "pack_sha256", path);
      anchorNode = manifest.get("audit_anchor");
      owner = anchorNode == null ? "" : anchorNode.path("project_id").asText("");
      source = "pack " + manifest.path("pack_id").asText("");
    }
    if (anchorNode == null) {
      throw new StorageException(
          path + " carries no audit anchor (it was made before Earmark recorded anchors).");
    }
    if (!owner.equals(projectId)) {
      throw new StorageException(
          path
              + " carries the audit anchor of project "
              + owner
              + ", not of this project ("
              + projectId
              + "); check it against the project that made it.");
    }
    return AuditAnchors.fromJson(anchorNode, source)
        .orElseThrow(
            () -> new StorageException(path + " carries an audit anchor that cannot be read."));
  }

  private static void checkHash(JsonNode manifest, String member, Path path) {
    if (!manifest.path(member).asText("").equals(ContentHash.of(manifest, member))) {
      throw new StorageException(
          path + " was altered: its manifest does not match its " + member + ".");
    }
  }

  private static JsonNode readJson(Path file, Path shown) {
    try {
      return AuditLog.json().readTree(file.toFile());
    } catch (IOException e) {
      throw new StorageException(shown + " is neither a batch directory nor a pack file.", e);
    }
  }

  private static JsonNode readPackManifest(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry entry = zip.getEntry("pack.json");
      if (entry == null) {
        throw new StorageException(file + " is neither a batch directory nor a pack file.");
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return AuditLog.json().readTree(in);
      }
    } catch (IOException e) {
      throw new StorageException(file + " is neither a batch directory nor a pack file.", e);
    }
  }
}
