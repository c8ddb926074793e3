package dev.earmark.audio.features;

import be.tarsos.dsp.pitch.FastYin;
import be.tarsos.dsp.pitch.PitchDetectionResult;
import dev.earmark.audio.features.FeatureExtractor.DoubleList;
import java.util.Arrays;

/**
 * The pitch of each active frame, measured by YIN (TarsosDSP {@link FastYin}, threshold 0.20).
 *
 * <p>Up to 16 kHz the frame itself is analysed at the file's rate. Above 16 kHz the mono signal is
 * first low-pass filtered and decimated by {@code D = ceil(rate / 16000)} (48 kHz becomes 16 kHz):
 * voice fundamentals lie below 600 Hz, and YIN's cost grows with the samples per frame, so at 48
 * kHz it spent half the extraction time on bands pitch does not need. The filter is a linear-phase
 * Blackman-windowed sinc of {@code 16·D + 1} taps, cut off at half the pitch rate, unity gain at
 * DC; its group delay is compensated, so decimated sample {@code m} is the filtered signal at input
 * sample {@code m·D}. Frame {@code k}'s pitch window is then the {@code Np} decimated samples from
 * {@code floor(k·H / D)}, where {@code Np} is the frame size the pitch rate would have (512 at 16
 * kHz): the same 32 ms from the same start a 16 kHz rendering analyses. Frames wait in a short
 * queue until the filter has produced their window.
 *
 * <p>Streaming: memory is bounded by one frame plus one input block. Not thread-safe (one per
 * extraction).
 */
final class PitchTrack {
  /** Highest rate analysed without decimation; also the decimation target. */
  static final int PITCH_RATE_MAX = 16000;

  /** Half the filter length per unit of decimation factor: {@code 16·D + 1} taps. */
  static final int HALF_TAPS_PER_FACTOR = 8;

  private final int factor;
  private final int hop;
  private final int pitchFrameSize;
  private final FastYin yin;
  private final float[] yinFrame;
  private final DoubleList f0;
  private int voicedFrames;

  // decimation state (factor > 1 only)
  private final int halfTaps;
  private final float[] taps;
  private float[] input; // the decimation buffers are allocated only when there is decimation
  private long inputBase; // absolute index of input[0]; negative at first (zero history)
  private int inputFill;
  private long nextOutput; // absolute index of the next decimated sample to compute
  private float[] output;
  private long outputBase;
  private int outputFill;
  private int[] pending = new int[64]; // queued active frame indices
  private int pendingHead;
  private int pendingTail;
  private int framesSeen;

  PitchTrack(int rate, int frameSize, int hop) {
    this(rate, frameSize, hop, 1024);
  }

  /** {@code expectedFrames} sizes the list of pitches (it grows past it when needed). */
  PitchTrack(int rate, int frameSize, int hop, int expectedFrames) {
    this.hop = hop;
    this.factor = rate <= PITCH_RATE_MAX ? 1 : (rate + PITCH_RATE_MAX - 1) / PITCH_RATE_MAX;
    double pitchRate = rate / (double) factor;
    this.pitchFrameSize = factor == 1 ? frameSize : FeatureExtractor.frameSize(pitchRate);
    this.yin = yin((float) pitchRate, pitchFrameSize);
    this.yinFrame = new float[pitchFrameSize];
    this.f0 = new DoubleList(expectedFrames);
    this.halfTaps = HALF_TAPS_PER_FACTOR * factor;
    this.taps = factor == 1 ? new float[0] : lowPass(halfTaps, 0.5 / factor);
    this.input = factor == 1 ? new float[0] : new float[1 << 15];
    this.output = factor == 1 ? new float[0] : new float[1 << 13];
    this.inputBase = -halfTaps;
    this.inputFill = halfTaps; // zeros before the first sample
  }

  /**
   * This thread's YIN detector for the rate and frame size, made once per thread and kept. A
   * detector's buffers are scratch space that every {@code getPitch} overwrites completely before
   * reading (its result depends only on the frame passed in), so reusing one gives the same pitches
   * as a new one; making one per clip (four buffers and an FFT's tables) cost more than measuring a
   * 0.1 s clip. A track is therefore used on the thread that made it (as {@link FeatureExtractor}
   * does).
   */
  private static FastYin yin(float pitchRate, int size) {
    Detector kept = DETECTOR.get();
    if (kept == null || kept.rate != pitchRate || kept.size != size) {
      kept = new Detector(pitchRate, size, new FastYin(pitchRate, size));
      DETECTOR.set(kept);
    }
    return kept.yin;
  }

  private record Detector(float rate, int size, FastYin yin) {}

  private static final ThreadLocal<Detector> DETECTOR = new ThreadLocal<>();

  /** Blackman-windowed sinc, {@code 2·half + 1} taps, cutoff in cycles per sample, DC gain 1. */
  static float[] lowPass(int half, double cutoff) {
    int length = 2 * half + 1;
    double[] h = new double[length];
    double sum = 0;
    for (int i = 0; i < length; i++) {
      int t = i - half;
      double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
      double phase = 2 * Math.PI * i / (length - 1);
      double blackman = 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
      h[i] = sinc * blackman;
      sum += h[i];
    }
    float[] taps = new float[length];
    for (int i = 0; i < length; i++) {
      taps[i] = (float) (h[i] / sum);
    }
    return taps;
  }

  int factor() {
    return factor;
  }

  /** Feeds the next {@code n} mono samples (before their frames are reported). */
  void push(float[] mono, int n) {
    if (factor == 1) {
      return;
    }
    if (inputFill + n > input.length) {
      input = Arrays.copyOf(input, Math.max(input.length * 2, inputFill + n));
    }
    System.arraycopy(mono, 0, input, inputFill, n);
    inputFill += n;
    long inputEnd = inputBase + inputFill;
    while (nextOutput * factor + halfTaps < inputEnd) {
      int at = (int) (nextOutput * factor - halfTaps - inputBase);
      float sum = 0;
      for (int t = 0; t < taps.length; t++) {
        sum += taps[t] * input[at + t];
      }
      if (outputFill == output.length) {
        output = Arrays.copyOf(output, output.length * 2);
      }
      output[outputFill++] = sum;
      nextOutput++;
    }
    int drop = (int) (nextOutput * factor - halfTaps - inputBase);
    System.arraycopy(input, drop, input, 0, inputFill - drop);
    inputFill -= drop;
    inputBase += drop;
  }

  /** Frame {@code index} (reported in order) starts at {@code samples[start]}. */
  void frame(int index, boolean active, float[] samples, int start) {
    framesSeen = index + 1;
    if (!active) {
      return;
    }
    if (factor == 1) {
      System.arraycopy(samples, start, yinFrame, 0, pitchFrameSize);
      measure();
      return;
    }
    if (pendingHead == pendingTail) {
      pendingHead = 0;
      pendingTail = 0;
    }
    if (pendingTail == pending.length) {
      System.arraycopy(pending, pendingHead, pending, 0, pendingTail - pendingHead);
      pendingTail -= pendingHead;
      pendingHead = 0;
      if (pendingTail == pending.length) {
        pending = Arrays.copyOf(pending, pending.length * 2);
      }
    }
    pending[pendingTail++] = index;
  }

  /** Measures every queued frame whose decimated window is complete. */
  void drain() {
    if (factor == 1) {
      return;
    }
    while (pendingHead < pendingTail) {
      long from = windowStart(pending[pendingHead]);
      if (from + pitchFrameSize > outputBase + outputFill) {
        break;
      }
      System.arraycopy(output, (int) (from - outputBase), yinFrame, 0, pitchFrameSize);
      measure();
      pendingHead++;
    }
    long keepFrom =
        Math.min(
            windowStart(pendingHead < pendingTail ? pending[pendingHead] : framesSeen),
            outputBase + outputFill);
    int drop = (int) (keepFrom - outputBase);
    if (drop > 0) {
      System.arraycopy(output, drop, output, 0, outputFill - drop);
      outputFill -= drop;
      outputBase += drop;
    }
  }

  /** Flushes the filter with zeros past the end and measures the frames still queued. */
  void finish() {
    if (factor == 1 || pendingHead == pendingTail) {
      return;
    }
    long needInput = (windowStart(pending[pendingTail - 1]) + pitchFrameSize) * factor + halfTaps;
    float[] zeros = new float[4096];
    while (inputBase + inputFill <= needInput) {
      push(zeros, zeros.length);
    }
    drain();
  }

  private long windowStart(int frameIndex) {
    return (long) frameIndex * hop / factor;
  }

  private void measure() {
    PitchDetectionResult pitch = yin.getPitch(yinFrame);
    float hz = pitch.getPitch();
    if (pitch.isPitched() && hz >= FeatureExtractor.F0_MIN_HZ && hz <= FeatureExtractor.F0_MAX_HZ) {
      voicedFrames++;
      f0.add(hz);
    }
  }

  int voicedFrames() {
    return voicedFrames;
  }

  double[] pitches() {
    return f0.toArray();
  }
}
