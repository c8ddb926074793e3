package dev.earmark.audio.playback;

import dev.earmark.audio.AudioException;
import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioInfo;
import dev.earmark.audio.decode.AudioSource;
import java.nio.file.Path;

/**
 * A clip's samples in memory, one float array per channel in [-1, 1], plus a mono guide (the mean
 * of the channels) that the time stretcher aligns on. Speech clips are seconds to minutes long, so
 * holding them whole keeps seeking, looping and stretching exact and simple. Immutable once built
 * (the arrays are not copied: callers must not change them).
 *
 * @param sampleRate frames per second
 * @param channels samples per channel, all the same length
 */
public record PcmClip(int sampleRate, float[][] channels) {
  /** Longest clip held in memory: one hour at 48 kHz (about 170 million samples per channel). */
  public static final long MAX_FRAMES = 48_000L * 3600;

  public PcmClip {
    if (sampleRate <= 0 || channels.length == 0) {
      throw new IllegalArgumentException("a clip needs a sample rate and at least one channel");
    }
    for (float[] channel : channels) {
      if (channel.length != channels[0].length) {
        throw new IllegalArgumentException("all channels of a clip have the same length");
      }
    }
  }

  /** Decodes {@code file} (any format the audio module reads) into memory. */
  public static PcmClip load(Path file) {
    try (AudioSource source = AudioDecoder.open(file)) {
      AudioInfo info = source.info();
      if (info.frames() > MAX_FRAMES) {
        throw new AudioException(
            file.getFileName() + " is too long to play here (more than an hour of audio)");
      }
      int frames = (int) info.frames();
      float[][] samples = new float[info.channels()][frames];
      float[][] block = source.newBlock(8192);
      int written = 0;
      int n;
      while (written < frames && (n = source.read(block)) > 0) {
        n = Math.min(n, frames - written);
        for (int c = 0; c < samples.length; c++) {
          System.arraycopy(block[c], 0, samples[c], written, n);
        }
        written += n;
      }
      return new PcmClip(info.sampleRate(), samples);
    }
  }

  public int channelCount() {
    return channels.length;
  }

  public int frames() {
    return channels[0].length;
  }

  public double durationSeconds() {
    return frames() / (double) sampleRate;
  }

  /** The sample of {@code channel} at {@code frame}; silence outside the clip. */
  float sample(int channel, long frame) {
    return frame < 0 || frame >= frames() ? 0f : channels[channel][(int) frame];
  }
}
