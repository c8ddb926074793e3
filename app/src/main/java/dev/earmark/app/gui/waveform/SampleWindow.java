package dev.earmark.app.gui.waveform;

import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioSource;
import java.nio.file.Path;

/**
 * Decoded samples of a stretch of a clip, for drawing when zoomed in past the finest peak level.
 * The arrays are owned by the window; callers must not modify them.
 *
 * @param startFrame first frame held
 * @param samples per channel, the same length for every channel
 */
public record SampleWindow(long startFrame, float[][] samples) {

  public int length() {
    return samples[0].length;
  }

  public long endFrame() {
    return startFrame + length();
  }

  /** True if every frame of {@code [from, to)} that exists in the clip is held here. */
  public boolean covers(double from, double to, long totalFrames) {
    return startFrame <= Math.max(0, Math.floor(from))
        && endFrame() >= Math.min(totalFrames, Math.ceil(to));
  }

  /** Decodes frames {@code [from, to)} of {@code file}; call it off the JavaFX thread. */
  public static SampleWindow read(Path file, long from, long to) {
    try (AudioSource source = AudioDecoder.open(file)) {
      long end = Math.min(to, source.info().frames());
      int length = (int) Math.max(0, end - from);
      float[][] samples = new float[source.info().channels()][length];
      source.seek(from);
      float[][] block = source.newBlock(Math.max(1, Math.min(length, 1 << 15)));
      int filled = 0;
      int n;
      while (filled < length && (n = source.read(block)) > 0) {
        int take = Math.min(n, length - filled);
        for (int c = 0; c < samples.length; c++) {
          System.arraycopy(block[c], 0, samples[c], filled, take);
        }
        filled += take;
      }
      return new SampleWindow(from, samples);
    }
  }
}
