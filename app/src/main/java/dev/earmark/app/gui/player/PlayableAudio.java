package dev.earmark.app.gui.player;

import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioInfo;
import dev.earmark.audio.decode.AudioSource;
import dev.earmark.audio.decode.AudioValidation;
import dev.earmark.audio.decode.Codec;
import dev.earmark.audio.decode.InvalidAudioException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Finds a file JavaFX Media can play for a clip: the clip itself when JavaFX reads its format
 * (16-bit PCM WAV, AAC), otherwise the clip decoded once into a 16-bit PCM WAV in a cache directory
 * (MP3, FLAC, Ogg Vorbis, 8/24/32-bit and float WAV). MP3 is decoded too: JavaFX plays it only
 * through the system's libavcodec on Linux, which many machines lack (the player then reports the
 * clip unavailable), while our own decoder reads every MP3 the audio module accepts. The cache file
 * is named after the clip's path, size and modification time, so an edited clip is decoded again.
 * Thread-safe; never call it on the JavaFX thread (decoding a long clip takes seconds).
 */
public final class PlayableAudio {
  private final Path cacheDirectory;

  public PlayableAudio(Path cacheDirectory) {
    this.cacheDirectory = cacheDirectory;
  }

  /**
   * A file JavaFX can play with the same samples as {@code clip} (up to 16-bit rounding).
   *
   * @throws InvalidAudioException if the clip is neither valid audio nor an AAC file
   * @throws UncheckedIOException if the cache cannot be written
   */
  public Path playableFile(Path clip) {
    AudioValidation validation = AudioDecoder.validate(clip);
    if (validation instanceof AudioValidation.Invalid invalid) {
      if (isAac(clip)) {
        return clip; // the audio module does not decode AAC; JavaFX does
      }
      throw new InvalidAudioException(clip, invalid);
    }
    AudioInfo info = ((AudioValidation.Valid) validation).info();
    if (playsDirectly(info)) {
      return clip;
    }
    try {
      Path target = cacheDirectory.resolve(cacheKey(clip) + ".wav");
      if (Files.isRegularFile(target)) {
        return target;
      }
      Files.createDirectories(cacheDirectory);
      Path partial = Files.createTempFile(cacheDirectory, "decode-", ".part");
      try {
        writePcm16Wav(clip, partial);
        Files.move(
            partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the playback copy of " + clip + " into " + cacheDirectory, e);
    }
  }

  /** True if JavaFX Media plays files of this format as they are. */
  static boolean playsDirectly(AudioInfo info) {
    return info.codec() == Codec.WAV_PCM && info.bitsPerSample() == 16;
  }

  private static boolean isAac(Path clip) {
    String name = clip.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".m4a") || name.endsWith(".aac") || name.endsWith(".mp4");
  }

  private static String cacheKey(Path clip) throws IOException {
    String identity =
        clip.toAbsolutePath().normalize()
            + "|"
            + Files.size(clip)
            + "|"
            + Files.getLastModifiedTime(clip).toMillis();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Decodes {@code clip} into a canonical 44-byte-header 16-bit PCM WAV at {@code target}. */
  static void writePcm16Wav(Path clip, Path target) throws IOException {
    try (AudioSource source = AudioDecoder.open(clip);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
      AudioInfo info = source.info();
      int channels = info.channels();
      long dataBytes = info.frames() * channels * 2L;
      if (dataBytes > 0xFFFF_FFFFL - 36) {
        throw new IOException("the clip is too long for a WAV playback copy");
      }
      out.write(header(info.sampleRate(), channels, dataBytes));
      float[][] block = source.newBlock(8192);
      ByteBuffer bytes = ByteBuffer.allocate(8192 * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
      long written = 0;
      int n;
      while ((n = source.read(block)) > 0 && written < info.frames()) {
        n = (int) Math.min(n, info.frames() - written);
        bytes.clear();
        for (int i = 0; i < n; i++) {
          for (int c = 0; c < channels; c++) {
            bytes.putShort(toPcm16(block[c][i]));
          }
        }
        out.write(bytes.array(), 0, bytes.position());
        written += n;
      }
      for (; written < info.frames(); written++) { // a stream shorter than counted: pad silence
        out.write(new byte[channels * 2]);
      }
    }
  }

  static short toPcm16(float sample) {
    long value = Math.round(sample * 32768.0);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
  }

  private static byte[] header(int sampleRate, int channels, long dataBytes) {
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
    header.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    header.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    header.putShort((short) 1).putShort((short) channels).putInt(sampleRate);
    header.putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
    header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
    return header.array();
  }
}
