package dev.earmark.audio.peaks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes one pyramid level in the layouts of BBC audiowaveform (version 2), so tools built for it
 * (peaks.js, waveform-data.js) read Earmark's peaks:
 *
 * <ul>
 *   <li>binary {@code .dat}: little-endian int32 version (2), uint32 flags (0 = 16-bit values),
 *       int32 sample rate, int32 samples per pixel, uint32 length (pairs per channel), int32
 *       channels, then for each pixel, for each channel, int16 min and int16 max;
 *   <li>JSON: {@code {"version":2,"channels":C,"sample_rate":R,"samples_per_pixel":N,"bits":16,
 *       "length":L,"data":[min,max,...]}} with the same interleaving.
 * </ul>
 */
public final class AudiowaveformFormat {
  private AudiowaveformFormat() {}

  public static void writeDat(PeakLevel level, int sampleRate, OutputStream target)
      throws IOException {
    OutputStream out = new BufferedOutputStream(target, 1 << 16);
    ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    header
        .putInt(2)
        .putInt(0)
        .putInt(sampleRate)
        .putInt(level.samplesPerPeak())
        .putInt(level.length())
        .putInt(level.channels());
    out.write(header.array());
    ByteBuffer pair = ByteBuffer.allocate(4 * level.channels()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < level.length(); i++) {
      pair.clear();
      for (int c = 0; c < level.channels(); c++) {
        pair.putShort(level.min(c, i)).putShort(level.max(c, i));
      }
      out.write(pair.array());
    }
    out.flush();
  }

  public static void writeJson(PeakLevel level, int sampleRate, Writer out) throws IOException {
    out.write("{\"version\":2,\"channels\":" + level.channels());
    out.write(",\"sample_rate\":" + sampleRate);
    out.write(",\"samples_per_pixel\":" + level.samplesPerPeak());
    out.write(",\"bits\":16,\"length\":" + level.length() + ",\"data\":[");
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < level.length(); i++) {
      for (int c = 0; c < level.channels(); c++) {
        if (i > 0 || c > 0) {
          line.append(',');
        }
        line.append(level.min(c, i)).append(',').append(level.max(c, i));
      }
      if (line.length() > 8192) {
        out.write(line.toString());
        line.setLength(0);
      }
    }
    out.write(line.toString());
    out.write("]}\n");
    out.flush();
  }
}
