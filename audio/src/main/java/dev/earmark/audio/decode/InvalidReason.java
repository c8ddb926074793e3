package dev.earmark.audio.decode;

/** Why a file is not usable audio (PRODUCT.md §8). Ids are stable: reports and tests use them. */
public enum InvalidReason {
  /** The file is missing, a directory, or cannot be read (permissions, I/O error). */
  UNREADABLE("unreadable"),
  /** The file has 0 bytes. */
  EMPTY_FILE("empty-file"),
  /** The bytes are not a known audio container (for example text renamed to .wav). */
  NOT_AUDIO("not-audio"),
  /** The file ends before the audio data its header announces (it was cut short). */
  TRUNCATED("truncated"),
  /** Header fields contradict each other or the file (sizes, channel counts, block alignment). */
  INCONSISTENT_HEADER("inconsistent-header"),
  /** A container we read holding a codec we do not decode (A-law, ADPCM, MPEG-in-WAV, Opus...). */
  UNSUPPORTED_CODEC("unsupported-codec"),
  /** Sample rate outside 1 kHz to 384 kHz. */
  SAMPLE_RATE_OUT_OF_RANGE("sample-rate-out-of-range"),
  /** The file is well formed but holds no sample frames. */
  ZERO_DURATION("zero-duration");

  private final String id;

  InvalidReason(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
