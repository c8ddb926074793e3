package dev.earmark.storage.export.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the {@code fmt } chunk of a RIFF/WAVE file, enough to tell whether Kaldi can read it as it
 * is (16-bit integer PCM). Stateless.
 */
final class WavHeader {
  private static final int PCM = 1;
  private static final int EXTENSIBLE = 0xFFFE;
  private static final int MAX_CHUNKS = 64;

  private WavHeader() {}

  /**
   * Whether {@code file} is a WAV file of 16-bit integer PCM. A file that cannot be read or is not
   * a WAV file counts as not, so the caller converts it (or sox reports the problem).
   */
  static boolean isPcm16(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] riff = in.readNBytes(12);
      if (riff.length < 12
          || !new String(riff, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("RIFF")
          || !new String(riff, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WAVE")) {
        return false;
      }
      for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
        byte[] header = in.readNBytes(8);
        if (header.length < 8) {
          return false;
        }
        String id = new String(header, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
        long size =
            ByteBuffer.wrap(header, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        if (id.equals("fmt ")) {
          byte[] fmt = in.readNBytes((int) Math.min(size, 64));
          if (fmt.length < 16) {
            return false;
          }
          ByteBuffer buffer = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
          int tag = buffer.getShort(0) & 0xffff;
          int bits = buffer.getShort(14) & 0xffff;
          if (tag == EXTENSIBLE && fmt.length >= 26) {
            tag = buffer.getShort(24) & 0xffff; // first two bytes of the sub-format GUID
          }
          return tag == PCM && bits == 16;
        }
        in.skipNBytes(size + (size & 1));
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
