package dev.earmark.audio.spectrogram;

/**
 * In-place iterative radix-2 complex FFT of one fixed power-of-two size, with its Hann window.
 * Tables are computed once; {@link #transform} touches only the arrays passed in, so one instance
 * is safely shared between threads.
 */
public final class Fft {
  private final int size;
  private final double[] cos;
  private final double[] sin;
  private final int[] bitReverse;
  private final float[] hann;

  public Fft(int size) {
    if (size < 2 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("FFT size must be a power of two >= 2, not " + size);
    }
    this.size = size;
    cos = new double[size / 2];
    sin = new double[size / 2];
    for (int i = 0; i < size / 2; i++) {
      cos[i] = Math.cos(-2 * Math.PI * i / size);
      sin[i] = Math.sin(-2 * Math.PI * i / size);
    }
    bitReverse = new int[size];
    int bits = Integer.numberOfTrailingZeros(size);
    for (int i = 0; i < size; i++) {
      bitReverse[i] = Integer.reverse(i) >>> (32 - bits);
    }
    hann = new float[size];
    for (int i = 0; i < size; i++) {
      hann[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / size)); // periodic Hann
    }
  }

  public int size() {
    return size;
  }

  /** The periodic Hann window of this size (a copy). */
  public float[] hannWindow() {
    return hann.clone();
  }

  /** Sum of the window's coefficients (size / 2 for Hann); scales magnitudes to full scale. */
  public double windowSum() {
    return size / 2.0;
  }

  /** Forward transform of {@code re + i*im}, in place. */
  public void transform(double[] re, double[] im) {
    for (int i = 0; i < size; i++) {
      int j = bitReverse[i];
      if (j > i) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int half = 1; half < size; half <<= 1) {
      int step = size / (half << 1);
      for (int start = 0; start < size; start += half << 1) {
        for (int k = 0; k < half; k++) {
          double wr = cos[k * step];
          double wi = sin[k * step];
          int a = start + k;
          int b = a + half;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }

  /**
   * Power spectrum {@code |X[k]|^2} for bins 0..size/2 of {@code frame[offset..offset+size)} after
   * the Hann window. {@code re}, {@code im} are scratch arrays of this size; {@code power} receives
   * size/2+1 values.
   */
  public void powerSpectrum(float[] frame, int offset, double[] re, double[] im, double[] power) {
    for (int i = 0; i < size; i++) {
      re[i] = frame[offset + i] * hann[i];
      im[i] = 0;
    }
    transform(re, im);
    for (int k = 0; k <= size / 2; k++) {
      power[k] = re[k] * re[k] + im[k] * im[k];
    }
  }
}
