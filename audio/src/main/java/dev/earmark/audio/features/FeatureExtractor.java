package dev.earmark.audio.features;

import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioInfo;
import dev.earmark.audio.decode.AudioSource;
import dev.earmark.audio.spectrogram.Fft;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures {@link AcousticFeatures} in one streaming pass (memory grows only with a few numbers per
 * 10 ms frame). Deterministic: the same file always gives the same values. Every constant below is
 * part of {@link FeatureSchema#VERSION} and documented in docs/audio-features.md. Stateless and
 * thread-safe.
 */
public final class FeatureExtractor {
  static final double FRAME_SECONDS = 0.032;
  static final double HOP_SECONDS = 0.010;
  static final double SILENCE_DBFS = -50;
  static final double FLOOR_DBFS = -120;
  static final double CLIP_LEVEL = 32766 / 32768.0;
  static final double ROLLOFF_FRACTION = 0.85;
  static final double HIGH_BAND_HZ = 3700;
  static final double TELEPHONE_LOW_HZ = 300;
  static final double TELEPHONE_HIGH_HZ = 3400;
  static final double NARROW_BAND_HIGH_DB = -30;
  static final double NARROW_BAND_PASS_SHARE = 0.5;
  static final double NUCLEUS_SWING_DB = 6;
  static final int ENVELOPE_SMOOTHING_FRAMES = 5;
  static final double F0_MIN_HZ = 50;
  static final double F0_MAX_HZ = 600;
  private static final double LN_2 = Math.log(2);

  /** Frames read per block; a shorter file gets a block of its own length. */
  static final int BLOCK_FRAMES = 1 << 14;

  /**
   * FFT tables by frame size (a handful of powers of two). {@link Fft} is immutable and shared
   * between threads; computing its tables for every clip cost more than measuring a 0.1 s clip.
   */
  private static final ConcurrentHashMap<Integer, Fft> FFTS = new ConcurrentHashMap<>();

  private FeatureExtractor() {}

  /**
   * @throws dev.earmark.audio.decode.InvalidAudioException if the file is not valid audio
   */
  public static AcousticFeatures extract(Path file) {
    try (AudioSource source = AudioDecoder.open(file)) {
      return extract(source);
    }
  }

  /** Reads {@code source} from its current position to the end. */
  public static AcousticFeatures extract(AudioSource source) {
    AudioInfo info = source.info();
    int rate = info.sampleRate();
    int frameSize = frameSize(rate);
    int hop = Math.max(1, (int) Math.round(HOP_SECONDS * rate));
    // Blocks (and the sliding window) are sized to the file when it is shorter than one block:
    // the frames analysed do not depend on the block size, and a large block zeroed for every
    // short clip was most of the cost of measuring one (docs/BENCHMARKS.md, #22 import).
    int blockFrames = (int) Math.max(1, Math.min(BLOCK_FRAMES, info.frames()));
    Accumulator acc = new Accumulator(rate, frameSize, hop, blockFrames, info.frames());
    float[][] block = source.newBlock(blockFrames);
    int channels = info.channels();
    float[] mono = new float[block[0].length];
    int n;
    while ((n = source.read(block)) > 0) {
      for (int i = 0; i < n; i++) {
        float sum = 0;
        for (int c = 0; c < channels; c++) {
          float v = block[c][i];
          if (Math.abs(v) >= CLIP_LEVEL) {
            acc.clipped++;
          }
          sum += v;
        }
        mono[i] = sum / channels;
      }
      acc.samplesAllChannels += (long) n * channels;
      acc.accept(mono, n);
    }
    return acc.finish();
  }

  /** The power of two nearest to 32 ms at {@code rate}, clamped to 256..8192. */
  static int frameSize(double rate) {
    return Math.max(
        256, Math.min(8192, Integer.highestOneBit((int) Math.round(FRAME_SECONDS * rate) * 2 - 1)));
  }

  /** Streaming state: a sliding window of mono samples and per-frame measurements. */
  private static final class Accumulator {
    final int rate;
    final int frameSize;
    final int hop;
    final Fft fft;
    final PitchTrack pitch;
    final float[] window;
    int windowFill;
    long clipped;
    long samplesAllChannels;
    long monoSamples;
    long zeroCrossings;
    boolean lastNonNegative = true;
    final DoubleList frameDb;
    int activeFrames;
    double centroidSum;
    double flatnessSum;
    double rolloffSum;
    final double[] longTermPower;
    final double[] re;
    final double[] im;
    final double[] power;

    Accumulator(int rate, int frameSize, int hop, int blockFrames, long frames) {
      this.rate = rate;
      this.frameSize = frameSize;
      this.hop = hop;
      this.fft = FFTS.computeIfAbsent(frameSize, Fft::new);
      int expectedFrames = (int) Math.min(1024, Math.max(0, frames) / hop + 2);
      this.frameDb = new DoubleList(expectedFrames);
      this.pitch = new PitchTrack(rate, frameSize, hop, expectedFrames);
      this.window = new float[frameSize + blockFrames];
      this.longTermPower = new double[frameSize / 2 + 1];
      this.re = new double[frameSize];
      this.im = new double[frameSize];
      this.power = new double[frameSize / 2 + 1];
    }

    void accept(float[] mono, int n) {
      for (int i = 0; i < n; i++) {
        boolean nonNegative = mono[i] >= 0;
        if (monoSamples + i > 0 && nonNegative != lastNonNegative) {
          zeroCrossings++;
        }
        lastNonNegative = nonNegative;
      }
      monoSamples += n;
      pitch.push(mono, n);
      int offset = 0;
      while (offset < n) {
        int take = Math.min(n - offset, window.length - windowFill);
        System.arraycopy(mono, offset, window, windowFill, take);
        windowFill += take;
        offset += take;
        int start = 0;
        while (windowFill - start >= frameSize) {
          analyse(window, start);
          start += hop;
        }
        int keep = windowFill - start;
        System.arraycopy(window, start, window, 0, keep);
        windowFill = keep;
      }
      pitch.drain();
    }

    void analyse(float[] samples, int start) {
      double energy = 0;
      for (int i = 0; i < frameSize; i++) {
        double v = samples[start + i];
        energy += v * v;
      }
      double db = Math.max(FLOOR_DBFS, 10 * Math.log10(energy / frameSize + 1e-12));
      frameDb.add(db);
      boolean active = db >= SILENCE_DBFS;
      pitch.frame(frameDb.size() - 1, active, samples, start);
      if (!active) {
        return;
      }
      activeFrames++;
      fft.powerSpectrum(samples, start, re, im, power);
      double total = 0;
      double weighted = 0;
      // sum of ln(P + 1e-20) as the log of a product kept in range by moving powers of two into
      // an exponent: one log a frame instead of one a bin; equal up to rounding
      double product = 1;
      long exponent = 0;
      int bins = power.length;
      for (int k = 1; k < bins; k++) {
        double p = power[k];
        total += p;
        weighted += p * k;
        product *= p + 1e-20;
        if ((k & 7) == 0) {
          int e = Math.getExponent(product);
          exponent += e;
          product *= Double.longBitsToDouble((long) (1023 - e) << 52); // exactly 2^-e
        }
        longTermPower[k] += p;
      }
      weighted *= rate / (double) frameSize;
      double logSum = Math.log(product) + exponent * LN_2;
      if (total > 0) {
        centroidSum += weighted / total;
        double mean = total / (bins - 1);
        flatnessSum += Math.exp(logSum / (bins - 1)) / (mean + 1e-20);
        double cumulative = 0;
        int k = 1;
        for (; k < bins; k++) {
          cumulative += power[k];
          if (cumulative >= ROLLOFF_FRACTION * total) {
            break;
          }
        }
        rolloffSum += Math.min(k, bins - 1) * rate / (double) frameSize;
      }
    }

    AcousticFeatures finish() {
      if (frameDb.size() == 0 && windowFill > 0) { // shorter than one frame: analyse it padded
        Arrays.fill(window, windowFill, frameSize, 0f);
        analyse(window, 0);
      }
      pitch.finish();
      double duration = monoSamples / (double) rate;
      double[] db = frameDb.toArray();
      double[] sorted = db.clone();
      Arrays.sort(sorted);
      int frames = db.length;
      double mean = frames == 0 ? FLOOR_DBFS : Arrays.stream(db).sum() / frames;
      double p10 = percentile(sorted, 0.10);
      double p90 = percentile(sorted, 0.90);
      int tail = Math.max(1, frames / 10);
      double noise = 0;
      double signal = 0;
      for (int i = 0; i < Math.min(tail, frames); i++) {
        noise += Math.pow(10, sorted[i] / 10);
        signal += Math.pow(10, sorted[frames - 1 - i] / 10);
      }
      double snr = 0;
      if (frames > 0) {
        noise /= tail;
        signal /= tail;
        snr = 10 * Math.log10(Math.max(signal - noise, 1e-12) / Math.max(noise, 1e-12));
        snr = Math.max(-20, Math.min(100, snr));
      }
      int silent = 0;
      for (double v : db) {
        if (v < SILENCE_DBFS) {
          silent++;
        }
      }
      double binHz = rate / (double) frameSize;
      double totalLongTerm = 0;
      double high = 0;
      double pass = 0;
      for (int k = 1; k < longTermPower.length; k++) {
        double hz = k * binHz;
        totalLongTerm += longTermPower[k];
        if (hz >= HIGH_BAND_HZ) {
          high += longTermPower[k];
        }
        if (hz >= TELEPHONE_LOW_HZ && hz <= TELEPHONE_HIGH_HZ) {
          pass += longTermPower[k];
        }
      }
      double highDb =
          totalLongTerm > 0
              ? Math.max(FLOOR_DBFS, 10 * Math.log10(high / totalLongTerm + 1e-12))
              : FLOOR_DBFS;
      boolean narrow =
          rate <= 8000
              || totalLongTerm > 0
                  && highDb < NARROW_BAND_HIGH_DB
                  && pass / totalLongTerm >= NARROW_BAND_PASS_SHARE;
      double[] pitches = pitch.pitches();
      Arrays.sort(pitches);
      double f0Median = pitches.length == 0 ? 0 : percentile(pitches, 0.5);
      double f0Iqr =
          pitches.length == 0 ? 0 : percentile(pitches, 0.75) - percentile(pitches, 0.25);
      return new AcousticFeatures(
          duration,
          mean,
          p10,
          p90,
          snr,
          samplesAllChannels == 0 ? 0 : clipped / (double) samplesAllChannels,
          frames == 0 ? 1 : silent / (double) frames,
          monoSamples < 2 ? 0 : zeroCrossings / (double) (monoSamples - 1),
          activeFrames == 0 ? 0 : centroidSum / activeFrames,
          activeFrames == 0 ? 0 : flatnessSum / activeFrames,
          activeFrames == 0 ? 0 : rolloffSum / activeFrames,
          highDb,
          narrow,
          f0Median,
          f0Iqr,
          frames == 0 ? 0 : pitch.voicedFrames() / (double) frames,
          duration == 0 ? 0 : nuclei(db) / duration);
    }

    /** Syllable-nucleus proxy: rises and falls of the smoothed energy envelope by 6 dB. */
    static int nuclei(double[] db) {
      int count = 0;
      boolean rising = false;
      double extreme = Double.POSITIVE_INFINITY; // running min while falling, max while rising
      int w = ENVELOPE_SMOOTHING_FRAMES;
      for (int i = 0; i < db.length; i++) {
        double sum = 0;
        int from = Math.max(0, i - w / 2);
        int to = Math.min(db.length - 1, i + w / 2);
        for (int j = from; j <= to; j++) {
          sum += db[j];
        }
        double level = sum / (to - from + 1);
        if (rising) {
          if (level > extreme) {
            extreme = level;
          } else if (level < extreme - NUCLEUS_SWING_DB) {
            if (extreme >= SILENCE_DBFS) {
              count++;
            }
            rising = false;
            extreme = level;
          }
        } else {
          if (level < extreme) {
            extreme = level;
          } else if (level > extreme + NUCLEUS_SWING_DB) {
            rising = true;
            extreme = level;
          }
        }
      }
      if (rising && extreme >= SILENCE_DBFS) {
        count++; // the clip ends on a nucleus
      }
      return count;
    }
  }

  /** Nearest-rank percentile of sorted values: the value at index ceil(q*n)-1. */
  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return FLOOR_DBFS;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** A growable primitive list (a boxed list would cost 16 bytes a frame on hour-long clips). */
  static final class DoubleList {
    private double[] values;
    private int size;

    DoubleList() {
      this(1024);
    }

    /** Starts with room for {@code capacity} values (at least one); grows by doubling. */
    DoubleList(int capacity) {
      values = new double[Math.max(1, capacity)];
    }

    void add(double value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int size() {
      return size;
    }

    double[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
