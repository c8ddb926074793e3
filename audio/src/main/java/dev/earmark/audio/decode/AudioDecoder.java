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
   * Opens a file for streaming. The file is validated first, so for FLAC, MP3 and Vorbis this costs
   * one extra decode pass (which makes {@link AudioInfo#frames()} exact); callers that already hold
   * a {@link AudioValidation.Valid} still pay it, which keeps a file swapped between the two calls
   * from being read with a stale header.
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
      DecodedSource source = decoder(file, probe.info.codec(), -1);
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
    if (!Files.isRegularFile(file)) {
      // A FIFO would block the open (and then the decode) forever; a device such as /dev/zero
      // reports size 0 and never ends. Only regular files (or links to them) are audio clips.
      return Probe.invalid(
          InvalidReason.UNREADABLE,
          "this is not a regular file (a pipe, device or socket); give the path of an audio file");
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
        return probeFlac(file, channel, magic);
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
          "not an audio file: no RIFF/WAVE, FLAC, Ogg or MP3 signature ("
              + (looksLikeText(magic) ? "it looks like text" : "unknown binary data")
              + ")");
    } catch (NoSuchFileException e) {
      return Probe.invalid(InvalidReason.UNREADABLE, "the file does not exist");
    } catch (AccessDeniedException e) {
      return Probe.invalid(InvalidReason.UNREADABLE, "permission denied when opening the file");
    } catch (IOException e) {
      return Probe.invalid(
          InvalidReason.UNREADABLE, "the file could not be read: " + e.getMessage());
    }
  }

  private static Probe probeFlac(Path file, FileChannel channel, byte[] magic) throws IOException {
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
    Probe metadata = checkFlacMetadata(channel);
    if (metadata != null) {
      return metadata;
    }
    return probeDecoded(file, Codec.FLAC, totalFrames);
  }

  /**
   * Walks FLAC metadata blocks before jflac sees them: jflac sizes arrays from length fields inside
   * VORBIS_COMMENT and PICTURE blocks without checking them, so a hostile file could exhaust the
   * heap. Every length must fit inside its block and every block inside the file.
   */
  private static Probe checkFlacMetadata(FileChannel channel) throws IOException {
    long fileSize = channel.size();
    long position = 4;
    ByteBuffer header = ByteBuffer.allocate(4);
    for (int blocks = 0; blocks < 10_000; blocks++) {
      header.clear();
      if (WavHeader.readFully(channel, header, position) < 4) {
        return Probe.invalid(InvalidReason.TRUNCATED, "the FLAC file ends inside its metadata");
      }
      int flags = header.get(0) & 0xFF;
      int type = flags & 0x7F;
      long length =
          ((header.get(1) & 0xFFL) << 16)
              | ((header.get(2) & 0xFFL) << 8)
              | (header.get(3) & 0xFFL);
      long body = position + 4;
      if (type == 127) {
        return Probe.invalid(
            InvalidReason.INCONSISTENT_HEADER, "a FLAC metadata block has the invalid type 127");
      }
      if (body + length > fileSize) {
        return Probe.invalid(
            InvalidReason.TRUNCATED,
            "a FLAC metadata block declares " + length + " bytes but the file ends before");
      }
      if (type == 4 || type == 6) {
        ByteBuffer content = ByteBuffer.allocate((int) length);
        WavHeader.readFully(channel, content, body);
        String problem = type == 4 ? vorbisCommentProblem(content) : pictureProblem(content);
        if (problem != null) {
          return Probe.invalid(InvalidReason.INCONSISTENT_HEADER, problem);
        }
      }
      position = body + length;
      if ((flags & 0x80) != 0) {
        return null; // last metadata block
      }
    }
    return Probe.invalid(
        InvalidReason.INCONSISTENT_HEADER, "the FLAC file has over 10000 metadata blocks");
  }

  private static String vorbisCommentProblem(ByteBuffer block) {
    block.order(java.nio.ByteOrder.LITTLE_ENDIAN);
    if (block.remaining() < 8) {
      return "the FLAC comment block is too short";
    }
    long vendor = block.getInt() & 0xFFFFFFFFL;
    if (vendor > block.remaining() - 4) {
      return "the FLAC comment block's vendor string claims " + vendor + " bytes";
    }
    block.position(block.position() + (int) vendor);
    long count = block.getInt() & 0xFFFFFFFFL;
    if (count > block.remaining() / 4) {
      return "the FLAC comment block claims " + count + " comments";
    }
    for (long i = 0; i < count; i++) {
      long length = block.getInt() & 0xFFFFFFFFL;
      if (length > block.remaining()) {
        return "a FLAC comment claims " + length + " bytes";
      }
      block.position(block.position() + (int) length);
      if (i + 1 < count && block.remaining() < 4) {
        return "the FLAC comment block ends early";
      }
    }
    return null;
  }

  private static String pictureProblem(ByteBuffer block) {
    if (block.remaining() < 32) {
      return "the FLAC picture block is too short";
    }
    block.getInt(); // picture type
    long mime = block.getInt() & 0xFFFFFFFFL;
    if (mime > block.remaining()) {
      return "the FLAC picture's MIME type claims " + mime + " bytes";
    }
    block.position(block.position() + (int) mime);
    if (block.remaining() < 4) {
      return "the FLAC picture block ends early";
    }
    long description = block.getInt() & 0xFFFFFFFFL;
    if (description > block.remaining()) {
      return "the FLAC picture's description claims " + description + " bytes";
    }
    block.position(block.position() + (int) description);
    if (block.remaining() < 20) {
      return "the FLAC picture block ends early";
    }
    block.position(block.position() + 16);
    long data = block.getInt() & 0xFFFFFFFFL;
    if (data > block.remaining()) {
      return "the FLAC picture claims " + data + " bytes of image data";
    }
    return null;
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
    try (DecodedSource source = decoder(file, codec, declaredFrames)) {
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
    } catch (OutOfMemoryError | StackOverflowError e) {
      // A third-party decoder sized an allocation (or recursed) from a hostile field we did not
      // pre-check. The failed allocation never happened, so the heap is intact: report the file.
      return Probe.invalid(
          InvalidReason.INCONSISTENT_HEADER,
          "the "
              + codec.id()
              + " decoder gave up on an absurd header field ("
              + e.getClass().getSimpleName()
              + ")");
    } catch (DecodeLimitException e) {
      return Probe.invalid(
          InvalidReason.INCONSISTENT_HEADER,
          "the " + codec.id() + " stream is damaged after " + frames + " frames: " + e.what());
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

  private static DecodedSource decoder(Path file, Codec codec, long declaredFrames)
      throws IOException, UnsupportedAudioFileException {
    return codec == Codec.VORBIS
        ? new VorbisSource(file)
        : new SpiSource(file, codec, declaredFrames);
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

  /**
   * Whether the sniffed bytes are printable ASCII or whitespace. Reasons are stored and shown, so
   * they describe a file's kind and never quote its bytes (a manifest naming /etc/passwd must not
   * copy it into the project).
   */
  private static boolean looksLikeText(byte[] bytes) {
    for (byte value : bytes) {
      int c = value & 0xFF;
      if ((c < 32 || c >= 127) && c != '\n' && c != '\r' && c != '\t') {
        return false;
      }
    }
    return true;
  }
}
