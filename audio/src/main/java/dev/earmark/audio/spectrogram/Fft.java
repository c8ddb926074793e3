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

  /** Twiddles of the stage with butterfly span {@code h}: entry {@code h + k} is e^(-i·pi·k/h). */
  private final double[] stageCos;

  private final double[] stageSin;
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
    stageCos = new double[size];
    stageSin = new double[size];
    for (int h = 1; h < size; h <<= 1) {
      for (int k = 0; k < h; k++) {
        stageCos[h + k] = Math.cos(-Math.PI * k / h);
        stageSin[h + k] = Math.sin(-Math.PI * k / h);
      }
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
    transform(re, im, size, 0);
  }

  /**
   * Forward transform of the first {@code n} entries ({@code n} = size or size/2), in place. {@code
   * shift} is log2(size / n). The first two stages need no multiplications; the others read their
   * twiddles contiguously from {@link #stageCos}/{@link #stageSin}, so the innermost loop runs over
   * consecutive array entries only.
   */
  private void transform(double[] re, double[] im, int n, int shift) {
    for (int i = 0; i < n; i++) {
      int j = bitReverse[i] >>> shift;
      if (j > i) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int a = 0; a + 1 < n; a += 2) { // half = 1: twiddle 1
      double br = re[a + 1];
      double bi = im[a + 1];
      re[a + 1] = re[a] - br;
      im[a + 1] = im[a] - bi;
      re[a] += br;
      im[a] += bi;
    }
    if (n >= 4) {
      for (int a = 0; a < n; a += 4) { // half = 2: twiddles 1 and -i
        double br = re[a + 2];
        double bi = im[a + 2];
        re[a + 2] = re[a] - br;
        im[a + 2] = im[a] - bi;
        re[a] += br;
        im[a] += bi;
        double cr = im[a + 3]; // (re + i im) * -i = im - i re
        double ci = -re[a + 3];
        re[a + 3] = re[a + 1] - cr;
        im[a + 3] = im[a + 1] - ci;
        re[a + 1] += cr;
        im[a + 1] += ci;
      }
    }
    for (int half = 4; half < n; half <<= 1) {
      for (int start = 0; start < n; start += half << 1) {
        for (int k = 0; k < half; k++) {
          double wr = stageCos[half + k];
          double wi = stageSin[half + k];
          int a = start + k;
          int b = a + half;
          double br = re[b];
          double bi = im[b];
          double xr = br * wr - bi * wi;
          double xi = br * wi + bi * wr;
          double ar = re[a];
          double ai = im[a];
          re[b] = ar - xr;
          im[b] = ai - xi;
          re[a] = ar + xr;
          im[a] = ai + xi;
        }
      }
    }
  }

  /**
   * Power spectrum {@code |X[k]|^2} for bins 0..size/2 of {@code frame[offset..offset+size)} after
   * the Hann window. {@code re}, {@code im} are scratch arrays of this size; {@code power} receives
   * size/2+1 values. The input is real, so this packs even and odd samples into one complex FFT of
   * half the size and separates them afterwards: the same spectrum as a full complex transform (up
   * to rounding) for half the work. Allocates nothing.
   */
  public void powerSpectrum(float[] frame, int offset, double[] re, double[] im, double[] power) {
    if (size < 4) {
      for (int i = 0; i < size; i++) {
        re[i] = frame[offset + i] * hann[i];
        im[i] = 0;
      }
      transform(re, im);
      for (int k = 0; k <= size / 2; k++) {
        power[k] = re[k] * re[k] + im[k] * im[k];
      }
      return;
    }
    int m = size / 2;
    for (int i = 0; i < m; i++) {
      re[i] = frame[offset + 2 * i] * hann[2 * i];
      im[i] = frame[offset + 2 * i + 1] * hann[2 * i + 1];
    }
    transform(re, im, m, 1);
    // X[k] = E[k] + W^k O[k] with E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / 2i
    double z0 = re[0];
    double z0i = im[0];
    power[0] = (z0 + z0i) * (z0 + z0i);
    power[m] = (z0 - z0i) * (z0 - z0i);
    for (int k = 1; k < m; k++) {
      double zr = re[k];
      double zi = im[k];
      double mr = re[m - k];
      double mi = im[m - k];
      double er = 0.5 * (zr + mr);
      double ei = 0.5 * (zi - mi);
      double or = 0.5 * (zi + mi);
      double oi = -0.5 * (zr - mr);
      double wr = cos[k];
      double wi = sin[k];
      double xr = er + wr * or - wi * oi;
      double xi = ei + wr * oi + wi * or;
      power[k] = xr * xr + xi * xi;
    }
  }
}
