package dev.earmark.storage.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * SHA-256 of files, streamed in constant memory, written {@code sha256:<hex>}. Each thread keeps
 * its digest and buffer (a batch hashes tens of thousands of small files, and a new digest and a 64
 * KiB buffer per file cost more than hashing most of them).
 */
public final class Checksums {
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
          });
  private static final ThreadLocal<byte[]> BUFFER =
      ThreadLocal.withInitial(() -> new byte[1 << 16]);

  private Checksums() {}

  public static String sha256(Path file) throws IOException {
    MessageDigest digest = DIGEST.get();
    digest.reset();
    byte[] buffer = BUFFER.get();
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  /** SHA-256 of {@code bytes}, written {@code sha256:<hex>}, with this thread's digest. */
  public static String sha256(byte[] bytes) {
    MessageDigest digest = DIGEST.get();
    digest.reset();
    return "sha256:" + HexFormat.of().formatHex(digest.digest(bytes));
  }

  /** The outcome of hashing one file: its checksum, or why it could not be read. */
  public record Hashed(String sha256, IOException failure) {}

  /**
   * Hashes {@code files} on every core; the result is in their order. {@code hashable} decides per
   * file, before it is opened, whether it is hashed at all (if not, its place is {@code null}: a
   * symbolic link a verifier must not follow, say).
   */
  public static List<Hashed> sha256All(List<Path> files, Predicate<Path> hashable) {
    Hashed[] hashed = new Hashed[files.size()];
    IntStream.range(0, files.size())
        .parallel()
        .forEach(
            i -> {
              Path file = files.get(i);
              if (!hashable.test(file)) {
                return;
              }
              try {
                hashed[i] = new Hashed(sha256(file), null);
              } catch (IOException e) {
                hashed[i] = new Hashed(null, e);
              }
            });
    return Arrays.asList(hashed);
  }
}
