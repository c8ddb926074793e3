package dev.earmark.audio.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The one way into an audio file: {@link #validate} names the exact problem or describes the file;
 * {@link #open} returns a streaming {@link AudioSource}. The codec is chosen from the file's
 * leading bytes, never from its name. Stateless and thread-safe.
 *
 * <p>WAV validation reads only headers. FLAC, MP3 and Vorbis are decoded once from start to end (in
 * constant memory) to count frames exactly and to catch damaged streams.
 */
public final class AudioDecoder {
  /** Lowest sample rate accepted, in Hz. */
  public static final int MIN_SAMPLE_RATE = 1_000;

  /** Highest sample rate accepted, in Hz. */
  public static final int MAX_SAMPLE_RATE = 384_000;

  private static final int SNIFF_BYTES = 64;

  private AudioDecoder() {}

  /** Checks a file; never throws, whatever the file holds. */
  public static AudioValidation validate(Path file) {
    Probe probe = probe(file);
    if (probe.problem != null) {
      return probe.problem;
    }
    return new AudioValidation.Valid(probe.info);
  }

  /**
   * Opens a file for streaming.
   *
   * @throws InvalidAudioException if {@link #validate} would report it invalid
   */
  public static AudioSource open(Path file) {
    Probe probe = probe(file);
    if (probe.problem != null) {
      throw new InvalidAudioException(file, probe.problem);
    }
    try {
      if (probe.wav != null) {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new WavSource(file, channel, probe.wav);
      }
      DecodedSource source = decoder(file, probe.info.codec());
      source.setInfo(probe.info);
      return source;
    } catch (IOException | UnsupportedAudioFileException | RuntimeException e) {
      throw new InvalidAudioException(
          file,
          new AudioValidation.Invalid(
              InvalidReason.UNREADABLE, "the file could not be reopened: " + e.getMessage()));
    }
  }

  private record Probe(AudioInfo info, WavHeader wav, AudioValidation.Invalid problem) {
    static Probe invalid(InvalidReason reason, String message) {
      return new Probe(null, null, new AudioValidation.Invalid(reason, message));
    }
  }

  private static Probe probe(Path file) {
    if (!Files.exists(file)) {
      return Probe.invalid(InvalidReason.UNREADABLE, "the file does not exist");
    }
    if (Files.isDirectory(file)) {
      return Probe.invalid(InvalidReason.UNREADABLE, "this is a directory, not a file");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        return Probe.invalid(InvalidReason.EMPTY_FILE, "the file is empty (0 bytes)");
      }
      ByteBuffer head = ByteBuffer.allocate((int) Math.min(SNIFF_BYTES, size));
      WavHeader.readFully(channel, head, 0);
      byte[] magic = new byte[head.remaining()];
      head.get(magic);
      if (startsWith(magic, "RIFF")) {
        WavHeader.Parsed parsed = WavHeader.parse(channel);
        return parsed.problem() != null
            ? new Probe(null, null, parsed.problem())
            : new Probe(parsed.header().info, parsed.header(), null);
      }
      if (startsWith(magic, "RF64")) {
        return Probe.invalid(
            InvalidReason.UNSUPPORTED_CODEC, "RF64 (WAV over 4 GB) is not supported");
      }
      if (startsWith(magic, "fLaC")) {
        return probeFlac(file, magic);
      }
      if (startsWith(magic, "OggS")) {
        String text = new String(magic, StandardCharsets.ISO_8859_1);
        if (text.contains("\u0001vorbis")) {
          return probeDecoded(file, Codec.VORBIS, -1);
        }
        return Probe.invalid(
            InvalidReason.UNSUPPORTED_CODEC,
            text.contains("OpusHead")
                ? "Ogg Opus is not supported (use Ogg Vorbis, FLAC, MP3 or WAV)"
                : "this Ogg stream does not hold Vorbis audio");
      }
      if (startsWith(magic, "ID3") || isMpegFrameSync(magic)) {
        return probeDecoded(file, Codec.MP3, -1);
      }
      if (startsWith(magic, "FORM")) {
        return Probe.invalid(InvalidReason.UNSUPPORTED_CODEC, "AIFF is not supported");
      }
      if (magic.length >= 8
          && new String(magic, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
        return Probe.invalid(InvalidReason.UNSUPPORTED_CODEC, "MP4/M4A audio is not supported");
      }
      return Probe.invalid(
          InvalidReason.NOT_AUDIO,
          "not an audio file: no RIFF/WAVE, FLAC, Ogg or MP3 signature (it starts with '"
              + preview(magic)
              + "')");
    } catch (NoSuchFileException e) {
      return Probe.invalid(InvalidReason.UNREADABLE, "the file does not exist");
    } catch (AccessDeniedException e) {
      return Probe.invalid(InvalidReason.UNREADABLE, "permission denied when opening the file");
    } catch (IOException e) {
      return Probe.invalid(
          InvalidReason.UNREADABLE, "the file could not be read: " + e.getMessage());
    }
  }

  private static Probe probeFlac(Path file, byte[] magic) {
    if (magic.length < 26 || (magic[4] & 0x7F) != 0) {
      return Probe.invalid(
          InvalidReason.TRUNCATED, "the FLAC file ends before its STREAMINFO block");
    }
    long bits = 0;
    for (int i = 18; i < 26; i++) {
      bits = (bits << 8) | (magic[i] & 0xFF);
    }
    long sampleRate = bits >>> 44;
    long totalFrames = bits & 0xFFFFFFFFFL;
    Probe rate = checkRate(sampleRate);
    if (rate != null) {
      return rate;
    }
    return probeDecoded(file, Codec.FLAC, totalFrames);
  }

  private static Probe checkRate(double sampleRate) {
    if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
      return Probe.invalid(
          InvalidReason.SAMPLE_RATE_OUT_OF_RANGE,
          "sample rate " + Math.round(sampleRate) + " Hz is outside 1000 to 384000 Hz");
    }
    return null;
  }

  /** Decodes the whole stream once, counting frames; {@code declaredFrames} < 1 means unknown. */
  private static Probe probeDecoded(Path file, Codec codec, long declaredFrames) {
    long frames = 0;
    try (DecodedSource source = decoder(file, codec)) {
      Probe rate = checkRate(source.sampleRate());
      if (rate != null) {
        return rate;
      }
      int channels = source.channels();
      if (channels < 1 || channels > WavHeader.MAX_CHANNELS) {
        return Probe.invalid(
            InvalidReason.INCONSISTENT_HEADER, "the stream claims " + channels + " channels");
      }
      float[][] block = new float[channels][8192];
      int n;
      while ((n = source.read(block)) > 0) {
        frames += n;
      }
      if (declaredFrames > 0 && frames < declaredFrames) {
        return Probe.invalid(
            InvalidReason.TRUNCATED,
            "the stream declares " + declaredFrames + " frames but decoding ends after " + frames);
      }
      if (frames == 0) {
        return Probe.invalid(InvalidReason.ZERO_DURATION, "the stream holds no sample frames");
      }
      int bits = codec.lossy() ? 0 : source.bitsPerSample();
      AudioInfo info =
          new AudioInfo(codec, Math.round(source.sampleRate()), channels, bits, frames);
      return new Probe(info, null, null);
    } catch (UnsupportedAudioFileException e) {
      return Probe.invalid(
          InvalidReason.NOT_AUDIO, "the " + codec.id() + " decoder does not recognise this file");
    } catch (IOException | RuntimeException e) {
      return Probe.invalid(
          frames > 0 ? InvalidReason.TRUNCATED : InvalidReason.INCONSISTENT_HEADER,
          "the "
              + codec.id()
              + " stream is damaged after "
              + frames
              + " frames ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  private static DecodedSource decoder(Path file, Codec codec)
      throws IOException, UnsupportedAudioFileException {
    return codec == Codec.VORBIS ? new VorbisSource(file) : new SpiSource(file, codec);
  }

  private static boolean isMpegFrameSync(byte[] magic) {
    return magic.length >= 2
        && (magic[0] & 0xFF) == 0xFF
        && (magic[1] & 0xE0) == 0xE0
        && (magic[1] & 0x06) != 0; // layer bits 00 are reserved
  }

  private static boolean startsWith(byte[] bytes, String ascii) {
    if (bytes.length < ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (bytes[i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String preview(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(12, bytes.length); i++) {
      int c = bytes[i] & 0xFF;
      out.append(c >= 32 && c < 127 ? (char) c : '.');
    }
    return out.toString();
  }
}
