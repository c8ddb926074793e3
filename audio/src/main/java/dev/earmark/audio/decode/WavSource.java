package dev.earmark.audio.decode;

import dev.earmark.audio.AudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
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
    long remaining = endFrame - frame;
    if (remaining <= 0) {
      return -1;
    }
    int frames = (int) Math.min(block[0].length, remaining);
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
    if (frames == 0) {
      return -1; // the file shrank after validation
    }
    header.encoding.decode(bytes, 0, frames, header.info.channels(), block);
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
