package dev.earmark.audio.decode;

import java.io.Closeable;

/**
 * A streaming reader of one audio file's samples, as floats in [-1, 1] per channel. Memory use is
 * bounded by the block the caller passes in, never by the file's length. Not thread-safe: one
 * reader per thread.
 */
public interface AudioSource extends Closeable {

  /** Format of the file; {@link AudioInfo#frames()} is exact. */
  AudioInfo info();

  /**
   * Reads the next frames into {@code block[channel][0..n)}, where {@code block.length} is at least
   * the channel count and {@code n <= block[0].length}.
   *
   * @return frames read, or -1 at the end of the stream
   */
  int read(float[][] block);

  /**
   * Moves the read position to {@code frame} (0 is the start; past the end means end of stream).
   * WAV seeks directly; compressed sources reopen and decode forward.
   */
  void seek(long frame);

  /** Closes the file; never throws. */
  @Override
  void close();

  /** A block array sized for this source. */
  default float[][] newBlock(int frames) {
    return new float[info().channels()][frames];
  }
}
