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

  /**
   * Whether {@link #readPcm16} can deliver this source's samples as the signed 16-bit integers they
   * are stored as (16-bit PCM WAV). For such a source {@link #read} gives each sample divided by
   * 32768, so the two are interchangeable; integer readers skip the conversion.
   */
  default boolean hasPcm16() {
    return false;
  }

  /**
   * Reads the next frames as signed 16-bit samples interleaved by channel into {@code samples}
   * (frame {@code i}, channel {@code c} at {@code i * channels + c}), at most {@code samples.length
   * / channels} frames. Only for sources whose {@link #hasPcm16} is true.
   *
   * @return frames read, or -1 at the end of the stream
   * @throws UnsupportedOperationException if {@link #hasPcm16} is false
   */
  default int readPcm16(short[] samples) {
    throw new UnsupportedOperationException("this source does not hold 16-bit PCM");
  }

  /** A block array sized for this source. */
  default float[][] newBlock(int frames) {
    return new float[info().channels()][frames];
  }
}
