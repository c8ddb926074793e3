package dev.earmark.audio.decode;

/**
 * A source whose frame count is only known after decoding it once (FLAC, MP3, Vorbis). {@link
 * AudioDecoder} counts the frames during validation and then hands the counted info in.
 */
interface DecodedSource extends AudioSource {
  float sampleRate();

  int channels();

  /** Bits per decoded sample (the stored depth for FLAC). */
  int bitsPerSample();

  void setInfo(AudioInfo counted);
}
