package dev.earmark.storage.export.format;

import java.nio.file.Path;

/**
 * A file a format wrote, with the SHA-256 of the bytes it wrote when the writer took it on the way
 * (per-clip formats hash each document before writing it, so an export need not read a million
 * small files back); {@code null} when the file must be read back to be hashed. Immutable.
 *
 * @param path the file written
 * @param sha256 {@code sha256:<hex>} of its content, or {@code null}
 */
public record WrittenFile(Path path, String sha256) {}
