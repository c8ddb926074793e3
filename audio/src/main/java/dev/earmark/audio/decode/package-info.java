/**
 * Reading audio files: {@link dev.earmark.audio.decode.AudioDecoder} validates a file (naming the
 * exact problem as an {@link dev.earmark.audio.decode.AudioValidation}) and opens it as a streaming
 * {@link dev.earmark.audio.decode.AudioSource} of float sample blocks. WAV goes through our own
 * RIFF parser; FLAC, MP3 and OGG Vorbis through their Java Sound SPI decoders (ADR 0005).
 */
package dev.earmark.audio.decode;
