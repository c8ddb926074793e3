package dev.earmark.audio.decode;

import dev.earmark.audio.AudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Streams PCM or float samples of a WAV file straight from its data chunk with large reads. */
final class WavSource implements AudioSource {
  private final Path file;
  private final FileChannel channel;
  private final WavHeader header;
  private final long endFrame;
  private long frame;
  private byte[] bytes = new byte[0];

  WavSource(Path file, FileChannel channel, WavHeader header) {
    this.file = file;
    this.channel = channel;
    this.header = header;
    this.endFrame = header.info.frames();
  }

  @Override
  public AudioInfo info() {
    return header.info;
  }

  @Override
  public int read(float[][] block) {
    int frames = readBytes(block[0].length);
    if (frames <= 0) {
      return -1;
    }
    header.encoding.decode(bytes, 0, frames, header.info.channels(), block);
    return frames;
  }

  @Override
  public boolean hasPcm16() {
    return header.encoding == PcmEncoding.S16;
  }

  @Override
  public int readPcm16(short[] samples) {
    if (!hasPcm16()) {
      throw new UnsupportedOperationException(file + " does not hold 16-bit PCM");
    }
    int channels = header.info.channels();
    int frames = readBytes(samples.length / channels);
    if (frames <= 0) {
      return -1;
    }
    // One bulk copy: little-endian int16 as stored (a memory copy on little-endian machines).
    ByteBuffer.wrap(bytes, 0, frames * header.blockAlign)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer()
        .get(samples, 0, frames * channels);
    return frames;
  }

  /**
   * Reads up to {@code wanted} whole frames' bytes into {@link #bytes} and advances; returns the
   * frames read, 0 or less at the end (or when the file shrank after validation).
   */
  private int readBytes(int wanted) {
    long remaining = endFrame - frame;
    if (remaining <= 0 || wanted <= 0) {
      return -1;
    }
    int frames = (int) Math.min(wanted, remaining);
    int need = frames * header.blockAlign;
    if (bytes.length < need) {
      bytes = new byte[need];
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, need);
    long position = header.dataOffset + frame * header.blockAlign;
    try {
      int got = 0;
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, position + got);
        if (n < 0) {
          break;
        }
        got += n;
      }
      frames = got / header.blockAlign;
    } catch (IOException e) {
      throw new AudioException(file + ": reading audio failed: " + e.getMessage(), e);
    }
    frame += frames;
    return frames;
  }

  @Override
  public void seek(long target) {
    frame = Math.max(0, Math.min(target, endFrame));
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written; a failed close of a read-only channel loses nothing
    }
  }
}
