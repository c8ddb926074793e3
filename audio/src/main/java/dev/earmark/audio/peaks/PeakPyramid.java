package dev.earmark.audio.peaks;

import dev.earmark.audio.decode.AudioInfo;
import dev.earmark.audio.decode.AudioSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Min/max peaks of every channel at several resolutions, finest first (by default blocks of 64,
 * 256, 1024, 4096, 16384 and 65536 frames). Values are signed 16-bit: for 16-bit sources they are
 * exactly the sample min and max of each block; other depths are rounded outwards (min down, max
 * up), so a drawn waveform never hides a peak.
 *
 * <p>Built in one streaming pass over the source; only the finest level is accumulated while
 * reading, the coarser ones are derived from it. Immutable and thread-safe once built.
 */
public final class PeakPyramid {
  /** Finest block size of the default pyramid, in frames. */
  public static final int DEFAULT_BASE = 64;

  /** Each level's blocks are this many blocks of the level below. */
  public static final int DEFAULT_FACTOR = 4;

  /** Number of levels of the default pyramid. */
  public static final int DEFAULT_LEVELS = 6;

  private static final int READ_FRAMES = 1 << 16;

  private final int sampleRate;
  private final long frames;
  private final List<PeakLevel> levels;

  PeakPyramid(int sampleRate, long frames, List<PeakLevel> levels) {
    this.sampleRate = sampleRate;
    this.frames = frames;
    this.levels = List.copyOf(levels);
  }

  /** Builds the default pyramid (see the class comment). */
  public static PeakPyramid build(AudioSource source) {
    return build(source, DEFAULT_BASE, DEFAULT_FACTOR, DEFAULT_LEVELS);
  }

  /**
   * Builds a pyramid whose finest blocks hold {@code samplesPerPeak} frames and each coarser level
   * {@code factor} times more, {@code levelCount} levels in all (use 1 for a single resolution).
   */
  public static PeakPyramid build(
      AudioSource source, int samplesPerPeak, int factor, int levelCount) {
    if (samplesPerPeak < 1 || factor < 2 && levelCount > 1 || levelCount < 1) {
      throw new IllegalArgumentException(
          "samplesPerPeak must be >= 1, factor >= 2 and levels >= 1");
    }
    AudioInfo info = source.info();
    int channels = info.channels();
    long blocks = (info.frames() + samplesPerPeak - 1) / samplesPerPeak;
    if (blocks > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many blocks; use more samples per peak");
    }
    // The scanners carry a partly filled block across reads, so the read size never depends on
    // samplesPerPeak beyond rounding: a huge samplesPerPeak must not size an array.
    int readFrames =
        samplesPerPeak >= READ_FRAMES ? READ_FRAMES : READ_FRAMES / samplesPerPeak * samplesPerPeak;
    short[][] min = new short[channels][];
    short[][] max = new short[channels][];
    long frames =
        source.hasPcm16()
            ? scanPcm16(source, channels, (int) blocks, samplesPerPeak, readFrames, min, max)
            : scanFloats(source, channels, (int) blocks, samplesPerPeak, readFrames, min, max);
    List<PeakLevel> levels = new ArrayList<>();
    PeakLevel level = new PeakLevel(samplesPerPeak, min, max);
    levels.add(level);
    for (int k = 1; k < levelCount; k++) {
      level = level.coarsen(factor);
      levels.add(level);
    }
    return new PeakPyramid(info.sampleRate(), frames, levels);
  }

  /** The finest level from float samples; returns the frames read. */
  private static long scanFloats(
      AudioSource source,
      int channels,
      int blocks,
      int samplesPerPeak,
      int readFrames,
      short[][] min,
      short[][] max) {
    ChannelScanner[] scanners = new ChannelScanner[channels];
    for (int c = 0; c < channels; c++) {
      scanners[c] = new ChannelScanner(blocks);
    }
    float[][] block = source.newBlock(readFrames);
    int filled = 0;
    long frames = 0;
    int n;
    while ((n = source.read(block)) > 0) {
      frames += n;
      for (int c = 0; c < channels; c++) {
        scanners[c].scan(block[c], n, samplesPerPeak, filled);
      }
      filled = (int) ((filled + (long) n) % samplesPerPeak);
    }
    for (int c = 0; c < channels; c++) {
      PeakColumns columns = scanners[c].finish(filled);
      min[c] = columns.min;
      max[c] = columns.max;
    }
    return frames;
  }

  /**
   * The finest level straight from 16-bit integers: the same values as {@link #scanFloats} gives
   * for them (each float is the integer over 32768, and the peaks scale it back exactly), without
   * converting a sample to float. Returns the frames read.
   */
  private static long scanPcm16(
      AudioSource source,
      int channels,
      int blocks,
      int samplesPerPeak,
      int readFrames,
      short[][] min,
      short[][] max) {
    Pcm16Scanner[] scanners = new Pcm16Scanner[channels];
    for (int c = 0; c < channels; c++) {
      scanners[c] = new Pcm16Scanner(blocks);
    }
    short[] samples = new short[readFrames * channels];
    int filled = 0;
    long frames = 0;
    int n;
    while ((n = source.readPcm16(samples)) > 0) {
      frames += n;
      for (int c = 0; c < channels; c++) {
        scanners[c].scan(samples, c, channels, n, samplesPerPeak, filled);
      }
      filled = (int) ((filled + (long) n) % samplesPerPeak);
    }
    for (int c = 0; c < channels; c++) {
      PeakColumns columns = scanners[c].finish(filled);
      min[c] = columns.min;
      max[c] = columns.max;
    }
    return frames;
  }

  /** {@link ChannelScanner} on interleaved int16 samples, in integers. */
  private static final class Pcm16Scanner {
    private final PeakColumns columns;
    private int runMin = Integer.MAX_VALUE;
    private int runMax = Integer.MIN_VALUE;

    Pcm16Scanner(int expectedBlocks) {
      columns = new PeakColumns(expectedBlocks);
    }

    void scan(
        short[] samples, int channel, int channels, int n, int samplesPerPeak, int filledBefore) {
      int lo = runMin;
      int hi = runMax;
      int filled = filledBefore;
      int i = 0;
      while (i < n) {
        int end = (int) Math.min((long) i + samplesPerPeak - filled, n);
        if (channels == 1) {
          for (int k = i; k < end; k++) {
            int v = samples[k];
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        } else {
          for (int k = i * channels + channel, stop = end * channels; k < stop; k += channels) {
            int v = samples[k];
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
        filled += end - i;
        i = end;
        if (filled == samplesPerPeak) {
          emit(lo, hi);
          lo = Integer.MAX_VALUE;
          hi = Integer.MIN_VALUE;
          filled = 0;
        }
      }
      runMin = lo;
      runMax = hi;
    }

    PeakColumns finish(int filled) {
      if (filled > 0) {
        emit(runMin, runMax);
      }
      return columns.trimmed();
    }

    private void emit(int lo, int hi) {
      columns.add((short) lo, (short) hi);
    }
  }

  /**
   * Min/max of one channel's finest level. A separate small method per read chunk, so the JIT
   * compiles the hot loop on its own instead of through on-stack replacement of {@link #build}.
   */
  private static final class ChannelScanner {
    private final PeakColumns columns;
    private float runMin = Float.POSITIVE_INFINITY;
    private float runMax = Float.NEGATIVE_INFINITY;

    ChannelScanner(int expectedBlocks) {
      columns = new PeakColumns(expectedBlocks);
    }

    void scan(float[] samples, int n, int samplesPerPeak, int filledBefore) {
      float lo = runMin;
      float hi = runMax;
      int filled = filledBefore;
      int i = 0;
      while (i < n) {
        int end = (int) Math.min((long) i + samplesPerPeak - filled, n);
        for (int k = i; k < end; k++) {
          float v = samples[k];
          lo = v < lo ? v : lo;
          hi = v > hi ? v : hi;
        }
        filled += end - i;
        i = end;
        if (filled == samplesPerPeak) {
          emit(lo, hi);
          lo = Float.POSITIVE_INFINITY;
          hi = Float.NEGATIVE_INFINITY;
          filled = 0;
        }
      }
      runMin = lo;
      runMax = hi;
    }

    PeakColumns finish(int filled) {
      if (filled > 0) {
        emit(runMin, runMax);
      }
      return columns.trimmed();
    }

    private void emit(float lo, float hi) {
      columns.add(toShort(Math.floor(lo * 32768.0)), toShort(Math.ceil(hi * 32768.0)));
    }
  }

  /**
   * The finest level's columns of one channel as the scanners emit them: min and max arrays that
   * grow when a stream runs longer than its header said, and are cut to what was read at the end.
   */
  private static final class PeakColumns {
    private short[] min;
    private short[] max;
    private int emitted;

    PeakColumns(int expected) {
      min = new short[expected];
      max = new short[expected];
    }

    void add(short lo, short hi) {
      if (emitted == min.length) {
        min = Arrays.copyOf(min, Math.max(16, emitted * 2));
        max = Arrays.copyOf(max, Math.max(16, emitted * 2));
      }
      min[emitted] = lo;
      max[emitted] = hi;
      emitted++;
    }

    /** These columns, cut to what was emitted (the stream ended early or ran long). */
    PeakColumns trimmed() {
      if (emitted != min.length) {
        min = Arrays.copyOf(min, emitted);
        max = Arrays.copyOf(max, emitted);
      }
      return this;
    }
  }

  private static short toShort(double value) {
    if (Double.isNaN(value)) {
      return 0;
    }
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
  }

  public int sampleRate() {
    return sampleRate;
  }

  /** Frames actually read while building. */
  public long frames() {
    return frames;
  }

  public int channels() {
    return levels.get(0).channels();
  }

  /** Levels, finest first. */
  public List<PeakLevel> levels() {
    return levels;
  }

  /**
   * Peaks of one channel for {@code pixels} pixels spanning frames {@code [startFrame, endFrame)},
   * read from the coarsest level whose blocks are not wider than a pixel (the finest level when
   * zoomed in further). Each pixel's pair is the min and max of every block it touches, so the
   * pairs are exact at block boundaries and never hide a peak.
   */
  public Peaks peaks(int channel, long startFrame, long endFrame, int pixels) {
    if (channel < 0 || channel >= channels()) {
      throw new IllegalArgumentException("channel " + channel + " of " + channels());
    }
    if (pixels < 1 || endFrame <= startFrame) {
      throw new IllegalArgumentException("need pixels >= 1 and endFrame > startFrame");
    }
    double framesPerPixel = (endFrame - startFrame) / (double) pixels;
    PeakLevel level = levels.get(0);
    for (PeakLevel candidate : levels) {
      if (candidate.samplesPerPeak() <= framesPerPixel) {
        level = candidate;
      }
    }
    short[] lo = level.mins(channel);
    short[] hi = level.maxs(channel);
    int spp = level.samplesPerPeak();
    short[] outMin = new short[pixels];
    short[] outMax = new short[pixels];
    for (int p = 0; p < pixels; p++) {
      long from = startFrame + (long) Math.floor(p * framesPerPixel);
      long to = Math.max(from + 1, startFrame + (long) Math.floor((p + 1) * framesPerPixel));
      int first = (int) Math.min(from / spp, lo.length);
      int last = (int) Math.min((to - 1) / spp, lo.length - 1L);
      short mn = 0;
      short mx = 0;
      if (first <= last) {
        mn = Short.MAX_VALUE;
        mx = Short.MIN_VALUE;
        for (int b = first; b <= last; b++) {
          mn = (short) Math.min(mn, lo[b]);
          mx = (short) Math.max(mx, hi[b]);
        }
      }
      outMin[p] = mn;
      outMax[p] = mx;
    }
    return new Peaks(spp, framesPerPixel, outMin, outMax);
  }
}
