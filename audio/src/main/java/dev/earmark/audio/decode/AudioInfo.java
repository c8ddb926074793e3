package dev.earmark.audio.decode;

import java.time.Duration;

/**
 * What a valid audio file holds.
 *
 * @param codec how the samples are encoded
 * @param sampleRate frames per second
 * @param channels number of channels, at least 1
 * @param bitsPerSample bits per sample as stored (0 for lossy codecs)
 * @param frames number of sample frames (one sample per channel); exact for every codec (for MP3
 *     and Vorbis it is counted by decoding the stream once)
 */
public record AudioInfo(Codec codec, int sampleRate, int channels, int bitsPerSample, long frames) {

  /** Length in seconds. */
  public double durationSeconds() {
    return frames / (double) sampleRate;
  }

  /** Length, rounded to the nanosecond. */
  public Duration duration() {
    return Duration.ofNanos(Math.round(frames * 1e9 / sampleRate));
  }
}
