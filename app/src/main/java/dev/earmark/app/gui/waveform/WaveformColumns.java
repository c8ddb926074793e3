package dev.earmark.app.gui.waveform;

import dev.earmark.audio.peaks.PeakPyramid;
import dev.earmark.audio.peaks.Peaks;

/**
 * The per-pixel envelope a repaint draws: for each pixel column the lowest and highest sample it
 * covers, in [-1, 1]. Computed from the peak pyramid at pixel resolution (work proportional to the
 * width, not to the clip) or, zoomed in past the pyramid's finest level, exactly from decoded
 * samples. No JavaFX here, so the render path's arithmetic can be benchmarked on its own.
 *
 * <p>Mutable buffers reused between repaints; not thread-safe.
 */
public final class WaveformColumns {
  private float[] min = new float[0];
  private float[] max = new float[0];
  private int pixels;

  public int pixels() {
    return pixels;
  }

  public float min(int x) {
    return min[x];
  }

  public float max(int x) {
    return max[x];
  }

  private void ensure(int count) {
    if (min.length < count) {
      min = new float[count];
      max = new float[count];
    }
    pixels = count;
  }

  /**
   * Fills the columns of {@code channel} for the pixels of {@code viewport} that show audio, from
   * the pyramid (read at the coarsest level not wider than a pixel).
   */
  public void fromPeaks(PeakPyramid pyramid, int channel, Viewport viewport) {
    int count = audiblePixels(viewport);
    ensure(count);
    if (count == 0) {
      return;
    }
    long start = (long) Math.floor(viewport.startFrame());
    long end =
        Math.min(viewport.totalFrames(), start + Math.round(count * viewport.framesPerPixel()));
    if (end <= start) {
      end = start + 1;
    }
    Peaks peaks = pyramid.peaks(channel, start, end, count);
    short[] lo = peaks.min();
    short[] hi = peaks.max();
    for (int x = 0; x < count; x++) {
      min[x] = lo[x] / 32768f;
      max[x] = hi[x] / 32768f;
    }
  }

  /** Fills the columns exactly from decoded samples; {@code window} must cover the viewport. */
  public void fromSamples(SampleWindow window, int channel, Viewport viewport) {
    int count = audiblePixels(viewport);
    ensure(count);
    float[] samples = window.samples()[channel];
    double fpp = viewport.framesPerPixel();
    for (int x = 0; x < count; x++) {
      long from = (long) Math.floor(viewport.startFrame() + x * fpp) - window.startFrame();
      long to =
          Math.max(
              from + 1,
              (long) Math.floor(viewport.startFrame() + (x + 1) * fpp) - window.startFrame());
      int a = (int) Math.max(0, Math.min(samples.length, from));
      int b = (int) Math.max(a, Math.min(samples.length, to));
      float lo = 0;
      float hi = 0;
      if (a < b) {
        lo = Float.POSITIVE_INFINITY;
        hi = Float.NEGATIVE_INFINITY;
        for (int i = a; i < b; i++) {
          float v = samples[i];
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      min[x] = lo;
      max[x] = hi;
    }
  }

  /**
   * Pixels from x = 0 that show part of the clip (fewer than the width near a short clip's end).
   */
  static int audiblePixels(Viewport viewport) {
    double last = viewport.xOf(viewport.totalFrames());
    return (int) Math.max(0, Math.min(Math.ceil(viewport.width()), Math.ceil(last)));
  }
}
