package dev.earmark.app.gui.waveform;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes real 16-bit PCM WAV files for the waveform and player tests. */
public final class TestClips {
  private TestClips() {}

  /** A sample value of a clip: frame, channel -> [-1, 1]. */
  @FunctionalInterface
  public interface Signal {
    double at(long frame, int channel);
  }

  /**
   * Speech-like test signal: syllable bursts of a few harmonics with a pitch glide and pauses,
   * channel 2 quieter and delayed, so lanes, spectrogram and silence all show something.
   */
  public static Signal speechLike(int sampleRate) {
    return (frame, channel) -> {
      double t = frame / (double) sampleRate - channel * 0.15;
      if (t < 0) {
        return 0;
      }
      double syllable = t % 0.9;
      double envelope = syllable < 0.6 ? Math.sin(Math.PI * syllable / 0.6) : 0;
      double pitch = 140 + 60 * Math.sin(2 * Math.PI * 0.3 * t);
      double phase = 2 * Math.PI * pitch * t;
      double voiced =
          0.6 * Math.sin(phase) + 0.25 * Math.sin(3 * phase) + 0.12 * Math.sin(7 * phase + 1);
      double gain = channel == 0 ? 0.8 : 0.45;
      return gain * envelope * voiced;
    };
  }

  /** Writes {@code frames} frames of {@code signal} as 16-bit PCM. */
  public static Path writeWav(Path file, int sampleRate, int channels, long frames, Signal signal)
      throws IOException {
    long dataBytes = frames * channels * 2;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
      header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
      header.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
      header.putShort((short) 1).putShort((short) channels).putInt(sampleRate);
      header
          .putInt(sampleRate * channels * 2)
          .putShort((short) (channels * 2))
          .putShort((short) 16);
      header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
      out.write(header.array());
      ByteBuffer block = ByteBuffer.allocate(4096 * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (long f = 0; f < frames; f++) {
        for (int c = 0; c < channels; c++) {
          double v = Math.max(-1, Math.min(1, signal.at(f, c)));
          block.putShort((short) Math.round(v * 32767));
        }
        if (!block.hasRemaining()) {
          out.write(block.array(), 0, block.position());
          block.clear();
        }
      }
      out.write(block.array(), 0, block.position());
    }
    return file;
  }
}
