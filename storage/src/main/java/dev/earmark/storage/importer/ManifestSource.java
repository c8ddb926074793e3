package dev.earmark.storage.importer;

import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where an import's clips come from: a manifest read line by line ({@link #manifest}), or another
 * format (a Label Studio export, TextGrid or EAF files) turned into the same {@link ManifestLine}s,
 * one per record, so every input gets the one import path with its checks, report and audit.
 */
public interface ManifestSource {
  /** The file (or folder) the import run records as its manifest. */
  Path path();

  /**
   * {@code sha256:} of the input, recorded with the run; called first, after the access check, so
   * it is also where an input of the wrong kind is refused.
   */
  String sha256();

  /** Lines or records, for progress; an estimate is fine. */
  long size();

  /**
   * Hands every line or record to {@code sink} in order; a bad one becomes a {@link
   * ManifestLine.Error} naming its line or record and the rest goes on.
   *
   * @throws StorageException when the input cannot be read at all
   */
  void read(DatasetContract contract, Consumer<ManifestLine> sink);

  /** A JSONL or CSV manifest (docs/formats/import-manifest.md). */
  static ManifestSource manifest(Path file) {
    return new ManifestSource() {
      @Override
      public Path path() {
        return file;
      }

      @Override
      public String sha256() {
        // the first read of the file, after the access check and before the run is recorded
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
          ManifestFormats.refuseOtherFormats(
              file, new com.fasterxml.jackson.databind.ObjectMapper());
        }
        try {
          return Checksums.sha256(file);
        } catch (IOException e) {
          throw new StorageException("cannot read the manifest " + file + ": " + e.getMessage(), e);
        }
      }

      @Override
      public long size() {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (var in = Files.newInputStream(file)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++) {
              lines += buffer[i] == '\n' ? 1 : 0;
            }
          }
          return lines;
        } catch (IOException e) {
          throw new StorageException("cannot read the manifest " + file + ": " + e.getMessage(), e);
        }
      }

      @Override
      public void read(DatasetContract contract, Consumer<ManifestLine> sink) {
        new ManifestReader(contract.allowsAudioOutsideManifestFolder()).read(file, sink);
      }
    };
  }
}
