package dev.earmark.audio.decode;

/** The codecs Earmark decodes. */
public enum Codec {
  /** Linear PCM in a RIFF/WAVE container (8-bit unsigned, 16/24/32-bit signed). */
  WAV_PCM("wav-pcm"),
  /** IEEE float in a RIFF/WAVE container (32 or 64 bit). */
  WAV_FLOAT("wav-float"),
  FLAC("flac"),
  MP3("mp3"),
  VORBIS("ogg-vorbis");

  private final String id;

  Codec(String id) {
    this.id = id;
  }

  /** Stable lower-case name used in JSON output and caches. */
  public String id() {
    return id;
  }

  /** Lossy codecs have no meaningful bit depth. */
  public boolean lossy() {
    return this == MP3 || this == VORBIS;
  }
}
