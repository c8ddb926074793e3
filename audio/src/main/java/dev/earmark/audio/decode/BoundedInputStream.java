package dev.earmark.audio.decode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The file stream a third-party decoder reads, with a bound on its work: at most {@link
 * #MAX_READS_AT_END} reads once the end of the file is reached, and at most {@link #MAX_PASSES}
 * times the file's size (plus 1 MiB) in all. Every decoder loop that reads is thereby finite; past
 * the bound the next read throws {@link DecodeLimitException} (unchecked, so a decoder that
 * swallows {@code IOException}s cannot retry it away). Not thread-safe.
 */
final class BoundedInputStream extends FilterInputStream {
  /** Reads in a row allowed to return no byte. */
  static final int MAX_READS_AT_END = 1_000;

  /** How many times over a decoder may read the file's bytes (decoders read each byte once). */
  static final int MAX_PASSES = 4;

  private final Path file;
  private final long maxBytes;
  private long bytes;
  private int readsAtEnd;

  BoundedInputStream(InputStream in, Path file, long fileSize) {
    super(in);
    this.file = file;
    this.maxBytes = MAX_PASSES * fileSize + (1 << 20);
  }

  @Override
  public int read() throws IOException {
    check();
    int value = super.read();
    count(value < 0 ? -1 : 1);
    return value;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    check();
    int n = super.read(buffer, offset, length);
    count(n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    check();
    long skipped = super.skip(n);
    count((int) Math.min(Integer.MAX_VALUE, Math.max(skipped, 0)));
    return skipped;
  }

  private void check() {
    if (readsAtEnd > MAX_READS_AT_END) {
      throw new DecodeLimitException(
          file,
          "the decoder kept reading at the end of the file ("
              + MAX_READS_AT_END
              + " reads in a row got no byte): a frame is damaged");
    }
    if (bytes > maxBytes) {
      throw new DecodeLimitException(
          file,
          "the decoder read "
              + bytes
              + " bytes from a file of "
              + (maxBytes - (1 << 20)) / MAX_PASSES
              + ": the stream makes it loop");
    }
  }

  private void count(int n) {
    if (n <= 0) {
      readsAtEnd++;
    } else {
      readsAtEnd = 0;
      bytes += n;
    }
  }
}
