package dev.earmark.audio.peaks;

/**
 * One resolution of a {@link PeakPyramid}: for each channel, the min and max of every block of
 * {@code samplesPerPeak} frames (the last block may be shorter). Arrays are owned by the pyramid;
 * callers must not modify them.
 */
public final class PeakLevel {
  private final int samplesPerPeak;
  private final short[][] min;
  private final short[][] max;

  PeakLevel(int samplesPerPeak, short[][] min, short[][] max) {
    this.samplesPerPeak = samplesPerPeak;
    this.min = min;
    this.max = max;
  }

  public int samplesPerPeak() {
    return samplesPerPeak;
  }

  /** Number of blocks (the same for every channel). */
  public int length() {
    return min[0].length;
  }

  public int channels() {
    return min.length;
  }

  public short min(int channel, int block) {
    return min[channel][block];
  }

  public short max(int channel, int block) {
    return max[channel][block];
  }

  short[] mins(int channel) {
    return min[channel];
  }

  short[] maxs(int channel) {
    return max[channel];
  }

  /** Combines {@code factor} consecutive blocks into one block of the next, coarser level. */
  PeakLevel coarsen(int factor) {
    int channels = min.length;
    int length = (length() + factor - 1) / factor;
    short[][] newMin = new short[channels][length];
    short[][] newMax = new short[channels][length];
    for (int c = 0; c < channels; c++) {
      short[] lo = min[c];
      short[] hi = max[c];
      for (int b = 0; b < length; b++) {
        int from = b * factor;
        int to = Math.min(from + factor, lo.length);
        short mn = Short.MAX_VALUE;
        short mx = Short.MIN_VALUE;
        for (int i = from; i < to; i++) {
          if (lo[i] < mn) {
            mn = lo[i];
          }
          if (hi[i] > mx) {
            mx = hi[i];
          }
        }
        newMin[c][b] = mn;
        newMax[c][b] = mx;
      }
    }
    return new PeakLevel(samplesPerPeak * factor, newMin, newMax);
  }
}
