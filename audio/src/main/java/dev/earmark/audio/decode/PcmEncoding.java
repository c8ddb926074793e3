package dev.earmark.audio.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Interleaved little-endian sample layouts and their conversion to floats in [-1, 1]. Decodes
 * straight from bytes with no per-sample objects, because peak building reads every sample of
 * hour-long files.
 */
enum PcmEncoding {
  U8(1),
  S8(1),
  S16(2),
  S24(3),
  S32(4),
  F32(4),
  F64(8);

  /** Reads a little-endian int16 from a byte array in one load (no per-byte shifting). */
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  final int bytes;

  PcmEncoding(int bytes) {
    this.bytes = bytes;
  }

  /** Decodes {@code frames} interleaved frames from {@code in[offset..]} into {@code out}. */
  void decode(byte[] in, int offset, int frames, int channels, float[][] out) {
    int p = offset;
    switch (this) {
      case U8 -> {
        for (int i = 0; i < frames; i++) {
          for (int c = 0; c < channels; c++) {
            out[c][i] = ((in[p++] & 0xFF) - 128) / 128f;
          }
        }
      }
      case S8 -> {
        for (int i = 0; i < frames; i++) {
          for (int c = 0; c < channels; c++) {
            out[c][i] = in[p++] / 128f;
          }
        }
      }
      case S16 -> {
        if (channels == 1) {
          float[] mono = out[0];
          for (int i = 0; i < frames; i++, p += 2) {
            mono[i] = (short) SHORT_LE.get(in, p) * (1f / 32768f);
          }
        } else if (channels == 2) {
          float[] left = out[0];
          float[] right = out[1];
          for (int i = 0; i < frames; i++, p += 4) {
            left[i] = (short) SHORT_LE.get(in, p) * (1f / 32768f);
            right[i] = (short) SHORT_LE.get(in, p + 2) * (1f / 32768f);
          }
        } else {
          for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++, p += 2) {
              out[c][i] = (short) ((in[p] & 0xFF) | (in[p + 1] << 8)) * (1f / 32768f);
            }
          }
        }
      }
      case S24 -> {
        for (int i = 0; i < frames; i++) {
          for (int c = 0; c < channels; c++, p += 3) {
            int v = (in[p] & 0xFF) | ((in[p + 1] & 0xFF) << 8) | (in[p + 2] << 16);
            out[c][i] = v * (1f / 8388608f);
          }
        }
      }
      case S32 -> {
        for (int i = 0; i < frames; i++) {
          for (int c = 0; c < channels; c++, p += 4) {
            out[c][i] = (float) (readInt(in, p) * (1.0 / 2147483648.0));
          }
        }
      }
      case F32 -> {
        for (int i = 0; i < frames; i++) {
          for (int c = 0; c < channels; c++, p += 4) {
            out[c][i] = Float.intBitsToFloat(readInt(in, p));
          }
        }
      }
      case F64 -> {
        for (int i = 0; i < frames; i++) {
          for (int c = 0; c < channels; c++, p += 8) {
            long bits = (readInt(in, p) & 0xFFFFFFFFL) | ((long) readInt(in, p + 4) << 32);
            out[c][i] = (float) Double.longBitsToDouble(bits);
          }
        }
      }
      default -> throw new IllegalStateException(name());
    }
  }

  private static int readInt(byte[] in, int p) {
    return (in[p] & 0xFF)
        | ((in[p + 1] & 0xFF) << 8)
        | ((in[p + 2] & 0xFF) << 16)
        | (in[p + 3] << 24);
  }
}
