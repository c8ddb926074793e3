package dev.earmark.audio.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Our RIFF/WAVE parser. Reads only chunk headers and the fmt chunk (never a buffer sized by a
 * header field), walks chunks with word padding, skips LIST and other chunks, and accepts the data
 * size 0 or 0xFFFFFFFF that streaming writers leave behind. Every step moves forward, so a hostile
 * header cannot loop; the result is either a header or the exact problem.
 */
final class WavHeader {
  static final int MAX_CHANNELS = 256;
  private static final int MAX_CHUNKS = 10_000;
  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_FLOAT = 3;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;

  final AudioInfo info;
  final PcmEncoding encoding;
  final long dataOffset;
  final int blockAlign;

  private WavHeader(AudioInfo info, PcmEncoding encoding, long dataOffset, int blockAlign) {
    this.info = info;
    this.encoding = encoding;
    this.dataOffset = dataOffset;
    this.blockAlign = blockAlign;
  }

  /** Either a {@link WavHeader} or the {@link AudioValidation.Invalid} that explains why not. */
  record Parsed(WavHeader header, AudioValidation.Invalid problem) {}

  static Parsed parse(FileChannel channel) throws IOException {
    long fileSize = channel.size();
    ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    if (readFully(channel, head, 0) < 12) {
      return fail(InvalidReason.TRUNCATED, "the file ends inside the 12-byte RIFF header");
    }
    long riffSize = head.getInt(4) & 0xFFFFFFFFL;
    boolean streamingRiff = riffSize == 0 || riffSize == 0xFFFFFFFFL;
    if (head.get(8) != 'W' || head.get(9) != 'A' || head.get(10) != 'V' || head.get(11) != 'E') {
      return fail(InvalidReason.NOT_AUDIO, "a RIFF file but not WAVE (form type is not 'WAVE')");
    }

    ByteBuffer chunkHead = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer fmt = null;
    long dataOffset = -1;
    long dataSize = -1;
    long position = 12;
    for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
      if (position + 8 > fileSize) {
        break;
      }
      chunkHead.clear();
      readFully(channel, chunkHead, position);
      String id = fourCc(chunkHead);
      long size = chunkHead.getInt(4) & 0xFFFFFFFFL;
      long body = position + 8;
      if (id.equals("fmt ")) {
        if (size < 16 || size > 4096) {
          return fail(
              InvalidReason.INCONSISTENT_HEADER,
              "the fmt chunk declares " + size + " bytes (a valid one has 16 to 4096)");
        }
        if (body + size > fileSize) {
          return fail(InvalidReason.TRUNCATED, "the file ends inside the fmt chunk");
        }
        fmt = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, fmt, body);
      } else if (id.equals("data")) {
        dataOffset = body;
        dataSize = size;
        long available = fileSize - body;
        if (size == 0 || size == 0xFFFFFFFFL || size > available) {
          break; // data runs to the end of the file (checked below); nothing after it matters
        }
      } else if (size > fileSize - body) {
        return fail(
            dataOffset < 0 && !streamingRiff && riffSize + 8 > fileSize
                ? InvalidReason.TRUNCATED
                : InvalidReason.INCONSISTENT_HEADER,
            "the '"
                + printable(id)
                + "' chunk declares "
                + size
                + " bytes but only "
                + (fileSize - body)
                + " follow it");
      }
      position = body + size + (size & 1); // chunks are padded to an even length
      if (fmt != null && dataOffset >= 0) {
        break;
      }
    }
    if (fmt == null) {
      return fail(InvalidReason.INCONSISTENT_HEADER, "the WAVE file has no fmt chunk");
    }
    if (dataOffset < 0) {
      return fail(InvalidReason.INCONSISTENT_HEADER, "the WAVE file has no data chunk");
    }
    if (dataSize > 0 && dataSize != 0xFFFFFFFFL && dataSize <= fileSize - dataOffset) {
      String lie = trailingBytesProblem(channel, dataOffset + dataSize, dataSize, fileSize);
      if (lie != null) {
        return fail(InvalidReason.INCONSISTENT_HEADER, lie);
      }
    }
    return describe(fmt, dataOffset, dataSize, fileSize, riffSize, streamingRiff);
  }

  /**
   * Whatever follows the data chunk must be chunks (LIST, id3, cue...) running to the end of the
   * file, else the data size lies: a data chunk declaring 10 bytes followed by 16 KB of samples
   * would otherwise import as a 0.3 ms clip. Fewer than 8 trailing bytes (pad, a writer's slack)
   * cannot hold a chunk and are ignored.
   */
  private static String trailingBytesProblem(
      FileChannel channel, long dataEnd, long dataSize, long fileSize) throws IOException {
    boolean chunks =
        chunksRunToEnd(channel, dataEnd + (dataSize & 1), fileSize)
            // a writer that forgot the pad byte after an odd-sized data chunk
            || (dataSize & 1) == 1 && chunksRunToEnd(channel, dataEnd, fileSize);
    if (chunks) {
      return null;
    }
    return "the data chunk declares "
        + dataSize
        + " bytes but "
        + (fileSize - dataEnd)
        + " bytes that are not RIFF chunks follow it (the header lies about the data size)";
  }

  private static boolean chunksRunToEnd(FileChannel channel, long position, long fileSize)
      throws IOException {
    ByteBuffer chunkHead = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    for (int chunk = 0; chunk < MAX_CHUNKS && position + 8 <= fileSize; chunk++) {
      chunkHead.clear();
      readFully(channel, chunkHead, position);
      long size = chunkHead.getInt(4) & 0xFFFFFFFFL;
      if (!isChunkId(fourCc(chunkHead)) || size > fileSize - position - 8) {
        return false;
      }
      position += 8 + size + (size & 1);
    }
    return true;
  }

  private static boolean isChunkId(String id) {
    for (char c : id.toCharArray()) {
      if (c < 32 || c > 126) {
        return false;
      }
    }
    return true;
  }

  private static Parsed describe(
      ByteBuffer fmt,
      long dataOffset,
      long dataSize,
      long fileSize,
      long riffSize,
      boolean streamingRiff) {
    int formatTag = fmt.getShort(0) & 0xFFFF;
    int channels = fmt.getShort(2) & 0xFFFF;
    long sampleRate = fmt.getInt(4) & 0xFFFFFFFFL;
    int blockAlign = fmt.getShort(12) & 0xFFFF;
    int bits = fmt.getShort(14) & 0xFFFF;
    int effectiveTag = formatTag;
    if (formatTag == FORMAT_EXTENSIBLE) {
      if (fmt.capacity() < 40) {
        return fail(
            InvalidReason.INCONSISTENT_HEADER,
            "WAVE_FORMAT_EXTENSIBLE needs a 40-byte fmt chunk but this one has " + fmt.capacity());
      }
      effectiveTag = fmt.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
    }
    if (effectiveTag != FORMAT_PCM && effectiveTag != FORMAT_FLOAT) {
      return fail(
          InvalidReason.UNSUPPORTED_CODEC,
          "WAV codec " + formatName(effectiveTag) + " is not supported (use PCM or float)");
    }
    PcmEncoding encoding = encodingFor(effectiveTag, bits);
    if (encoding == null) {
      return fail(
          InvalidReason.UNSUPPORTED_CODEC,
          (effectiveTag == FORMAT_FLOAT ? "float" : "PCM")
              + " with "
              + bits
              + " bits per sample is not supported");
    }
    if (channels == 0 || channels > MAX_CHANNELS) {
      return fail(
          InvalidReason.INCONSISTENT_HEADER,
          "the fmt chunk claims " + channels + " channels (1 to " + MAX_CHANNELS + " allowed)");
    }
    if (blockAlign != channels * encoding.bytes) {
      return fail(
          InvalidReason.INCONSISTENT_HEADER,
          "block align is "
              + blockAlign
              + " but "
              + channels
              + " channels of "
              + bits
              + " bits need "
              + channels * encoding.bytes);
    }
    if (sampleRate < AudioDecoder.MIN_SAMPLE_RATE || sampleRate > AudioDecoder.MAX_SAMPLE_RATE) {
      return fail(
          InvalidReason.SAMPLE_RATE_OUT_OF_RANGE,
          "sample rate " + sampleRate + " Hz is outside 1000 to 384000 Hz");
    }
    long available = fileSize - dataOffset;
    long bytes;
    if (dataSize == 0 || dataSize == 0xFFFFFFFFL) {
      bytes = available; // written by a streaming writer that never patched the size
    } else if (dataSize > available) {
      boolean riffAgreesWithFile = !streamingRiff && riffSize + 8 <= fileSize + 1;
      if (riffAgreesWithFile) {
        return fail(
            InvalidReason.INCONSISTENT_HEADER,
            "the data chunk declares "
                + dataSize
                + " bytes but the RIFF size says the file is complete with "
                + available);
      }
      return fail(
          InvalidReason.TRUNCATED,
          "the data chunk declares " + dataSize + " bytes but the file ends after " + available);
    } else {
      bytes = dataSize;
    }
    long frames = bytes / blockAlign;
    if (frames == 0) {
      return fail(InvalidReason.ZERO_DURATION, "the data chunk holds no sample frames");
    }
    Codec codec = effectiveTag == FORMAT_FLOAT ? Codec.WAV_FLOAT : Codec.WAV_PCM;
    AudioInfo info = new AudioInfo(codec, (int) sampleRate, channels, bits, frames);
    return new Parsed(new WavHeader(info, encoding, dataOffset, blockAlign), null);
  }

  private static PcmEncoding encodingFor(int tag, int bits) {
    if (tag == FORMAT_FLOAT) {
      return bits == 32 ? PcmEncoding.F32 : bits == 64 ? PcmEncoding.F64 : null;
    }
    return switch (bits) {
      case 8 -> PcmEncoding.U8;
      case 16 -> PcmEncoding.S16;
      case 24 -> PcmEncoding.S24;
      case 32 -> PcmEncoding.S32;
      default -> null;
    };
  }

  static String formatName(int tag) {
    String name =
        switch (tag) {
          case 0x0002 -> "MS ADPCM";
          case 0x0006 -> "A-law";
          case 0x0007 -> "mu-law";
          case 0x0011 -> "IMA ADPCM";
          case 0x0031 -> "GSM 6.10";
          case 0x0050 -> "MPEG";
          case 0x0055 -> "MPEG layer 3";
          default -> "unknown";
        };
    return String.format("0x%04X (%s)", tag, name);
  }

  private static String fourCc(ByteBuffer buffer) {
    char[] id = new char[4];
    for (int i = 0; i < 4; i++) {
      id[i] = (char) (buffer.get(i) & 0xFF);
    }
    return new String(id);
  }

  private static String printable(String id) {
    StringBuilder out = new StringBuilder();
    for (char c : id.toCharArray()) {
      out.append(c >= 32 && c < 127 ? c : '?');
    }
    return out.toString();
  }

  static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    buffer.flip();
    return total;
  }

  private static Parsed fail(InvalidReason reason, String message) {
    return new Parsed(null, new AudioValidation.Invalid(reason, message));
  }
}
