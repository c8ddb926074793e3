package dev.earmark.audio.decode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Crafts RIFF/WAVE bytes field by field, so tests can build exactly the broken header they need.
 */
final class WavBytes {
  int formatTag = 1;
  int channels = 1;
  long sampleRate = 16000;
  int bits = 16;
  int blockAlign = -1; // -1: channels * bytes per sample
  long riffSize = -1; // -1: the true size
  long dataSize = -1; // -1: the true size
  int fmtSize = 16;
  boolean listChunkBeforeFmt;
  boolean oddChunkBeforeData;
  boolean listChunkAfterData;
  byte[] trailing = new byte[0];
  byte[] samples = new byte[0];

  static WavBytes pcm16(short... values) {
    WavBytes wav = new WavBytes();
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short v : values) {
      buffer.putShort(v);
    }
    wav.samples = buffer.array();
    return wav;
  }

  byte[] build() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (listChunkBeforeFmt) {
      chunk(
          body,
          "LIST",
          "INFOISFT\u0005\u0000\u0000\u0000sox!\u0000\u0000"
              .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
          -1);
    }
    ByteBuffer fmt = ByteBuffer.allocate(Math.max(fmtSize, 16)).order(ByteOrder.LITTLE_ENDIAN);
    int align = blockAlign >= 0 ? blockAlign : channels * (bits / 8);
    fmt.putShort((short) formatTag)
        .putShort((short) channels)
        .putInt((int) sampleRate)
        .putInt((int) (sampleRate * align))
        .putShort((short) align)
        .putShort((short) bits);
    chunk(body, "fmt ", java.util.Arrays.copyOf(fmt.array(), Math.max(fmtSize, 16)), fmtSize);
    if (oddChunkBeforeData) {
      chunk(body, "junk", new byte[] {1, 2, 3}, -1); // odd size: one pad byte follows
    }
    chunk(body, "data", samples, dataSize);
    if (listChunkAfterData) {
      chunk(
          body,
          "LIST",
          "INFOICMT\u0004\u0000\u0000\u0000hi!\u0000"
              .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
          -1);
    }
    body.writeBytes(trailing);
    byte[] content = body.toByteArray();
    ByteBuffer out = ByteBuffer.allocate(12 + content.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.putInt((int) (riffSize >= 0 ? riffSize : 4 + content.length));
    out.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.put(content);
    return out.array();
  }

  private static void chunk(ByteArrayOutputStream out, String id, byte[] content, long declared) {
    ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    head.put(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    head.putInt((int) (declared >= 0 ? declared : content.length));
    out.writeBytes(head.array());
    out.writeBytes(content);
    if ((content.length & 1) == 1) {
      out.write(0);
    }
  }
}
