package dev.earmark.audio.playback;

/**
 * Renders a {@link PcmClip} at a speed from {@value #MIN_RATE}× to {@value #MAX_RATE}× with its
 * pitch kept, by WSOLA (waveform-similarity overlap-add, Verhelst and Roelands 1993): the output is
 * built from 40 ms Hann-windowed frames overlapping by half; each next frame is taken near the
 * position the speed calls for, shifted by up to 10 ms to where it best continues the waveform of
 * the previous frame (highest normalized cross-correlation on the channels' mean), so periods are
 * neither cut nor doubled and the pitch stays. At 1× the frames are taken back to back and the
 * output equals the clip sample for sample (the two halves of the periodic Hann window sum to one).
 *
 * <p>Also applies a loop region (the frame that crosses the loop's end is cut there and rendering
 * continues at the loop's start) and the channel selection (solo / mute). Not thread-safe.
 */
public final class TimeStretcher {
  /** Slowest and fastest speed. */
  public static final double MIN_RATE = 0.25;

  public static final double MAX_RATE = 2.0;

  private final PcmClip clip;
  private final int frameLength;
  private final int hop;
  private final int tolerance;
  private final int stride;
  private final float[] window;
  private final float[] guide;
  private final float[][] overlap;
  private final float[][] block;

  private double rate = 1.0;
  private ChannelSelection selection = ChannelSelection.ALL;
  private long loopStart = -1;
  private long loopEnd = -1;

  /** Input frame where the next frame is nominally taken. */
  private double analysisPosition;

  /** Input frame where the previous frame's waveform naturally continues. */
  private long naturalNext;

  private boolean primed;
  private int blockLength;
  private int blockIndex;
  private double blockInputStart;
  private double blockRate = 1.0;

  public TimeStretcher(PcmClip clip) {
    this.clip = clip;
    int rate = clip.sampleRate();
    this.hop = Math.max(16, (int) Math.round(rate * 0.02));
    this.frameLength = 2 * hop;
    this.tolerance = Math.max(4, (int) Math.round(rate * 0.01));
    this.stride = Math.max(1, rate / 8000);
    this.window = new float[frameLength];
    for (int n = 0; n < frameLength; n++) {
      window[n] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * n / frameLength));
    }
    this.guide = guideOf(clip);
    this.overlap = new float[clip.channelCount()][hop];
    this.block = new float[clip.channelCount()][hop];
  }

  private static float[] guideOf(PcmClip clip) {
    if (clip.channelCount() == 1) {
      return clip.channels()[0];
    }
    float[] mean = new float[clip.frames()];
    for (float[] channel : clip.channels()) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += channel[i] / clip.channelCount();
      }
    }
    return mean;
  }

  /** Output channels: 1 for a mono clip, otherwise 2. */
  public int outputChannels() {
    return ChannelSelection.outputChannels(clip.channelCount());
  }

  public PcmClip clip() {
    return clip;
  }

  /**
   * Sets the speed, clamped to {@value #MIN_RATE}..{@value #MAX_RATE}; takes effect within 20 ms.
   */
  public void setRate(double requested) {
    rate = clampRate(requested);
  }

  public double rate() {
    return rate;
  }

  /** {@code requested} clamped to the allowed speeds. */
  public static double clampRate(double requested) {
    return Math.max(MIN_RATE, Math.min(MAX_RATE, requested));
  }

  public void setChannels(ChannelSelection channels) {
    selection = channels;
  }

  /**
   * Loops frames {@code [start, end)} of the clip; the position is not moved (seek into the region
   * to start there).
   */
  public void setLoop(long start, long end) {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException(
          "a loop needs 0 <= start < end, got " + start + ".." + end);
    }
    loopStart = start;
    loopEnd = Math.min(end, clip.frames());
  }

  public void clearLoop() {
    loopStart = -1;
    loopEnd = -1;
  }

  /** Continues rendering at input frame {@code frame}. */
  public void seek(double frame) {
    analysisPosition = Math.max(0, Math.min(clip.frames(), frame));
    primed = false;
    blockLength = 0;
    blockIndex = 0;
  }

  /** The input frame the next rendered frame comes from. */
  public double position() {
    return blockIndex < blockLength ? blockInputStart + blockIndex * blockRate : analysisPosition;
  }

  /** True when the clip has been rendered to its end (never while a loop is set). */
  public boolean ended() {
    return blockIndex >= blockLength && loopEnd < 0 && analysisPosition >= clip.frames();
  }

  /**
   * Renders up to {@code frames} output frames into {@code out[outputChannel][0..)}.
   *
   * @return frames rendered; fewer than asked only at the end of the clip
   */
  public int render(float[][] out, int frames) {
    int done = 0;
    int clipChannels = clip.channelCount();
    int outputs = outputChannels();
    while (done < frames) {
      if (blockIndex >= blockLength) {
        if (ended()) {
          break;
        }
        step();
        continue;
      }
      int n = Math.min(frames - done, blockLength - blockIndex);
      for (int o = 0; o < outputs; o++) {
        float[] target = out[o];
        java.util.Arrays.fill(target, done, done + n, 0f);
        for (int c = 0; c < clipChannels; c++) {
          float gain = selection.gain(c, o, clipChannels);
          if (gain != 0f) {
            float[] source = block[c];
            for (int i = 0; i < n; i++) {
              target[done + i] += gain * source[blockIndex + i];
            }
          }
        }
      }
      blockIndex += n;
      done += n;
    }
    return done;
  }

  /** Produces the next {@link #hop} frames of output into {@link #block}. */
  private void step() {
    boolean natural = Math.abs(rate - 1.0) < 1e-9;
    if (!primed) {
      prime(Math.round(analysisPosition));
    }
    long chosen = natural ? naturalNext : bestMatch(Math.round(analysisPosition));
    double inputStart = natural ? naturalNext : analysisPosition;
    for (int c = 0; c < block.length; c++) {
      for (int n = 0; n < hop; n++) {
        block[c][n] = overlap[c][n] + clip.sample(c, chosen + n) * window[n];
        overlap[c][n] = clip.sample(c, chosen + hop + n) * window[hop + n];
      }
    }
    naturalNext = chosen + hop;
    double step = natural ? hop : hop * rate;
    analysisPosition = natural ? naturalNext : analysisPosition + step;
    blockInputStart = inputStart;
    blockRate = natural ? 1.0 : rate;
    blockIndex = 0;
    blockLength = hop;
    if (loopEnd >= 0 && inputStart + step >= loopEnd) {
      blockLength = (int) Math.max(0, Math.min(hop, Math.ceil((loopEnd - inputStart) / blockRate)));
      analysisPosition = loopStart;
      primed = false;
    } else if (analysisPosition >= clip.frames() && loopEnd < 0) {
      blockLength =
          (int) Math.max(0, Math.min(hop, Math.ceil((clip.frames() - inputStart) / blockRate)));
      analysisPosition = clip.frames();
    }
  }

  /** Starts afresh at {@code frame}: as if a frame had been taken just before it. */
  private void prime(long frame) {
    for (int c = 0; c < overlap.length; c++) {
      for (int n = 0; n < hop; n++) {
        overlap[c][n] = clip.sample(c, frame + n) * window[hop + n];
      }
    }
    naturalNext = frame;
    analysisPosition = frame;
    primed = true;
  }

  /** The frame start within the tolerance of {@code nominal} that best continues the waveform. */
  private long bestMatch(long nominal) {
    long best = nominal;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (long candidate = nominal - tolerance; candidate <= nominal + tolerance; candidate++) {
      double dot = 0;
      double energy = 1e-9;
      for (int n = 0; n < hop; n += stride) {
        float b = guideAt(candidate + n);
        dot += guideAt(naturalNext + n) * b;
        energy += b * b;
      }
      double score = dot / Math.sqrt(energy);
      if (score > bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    return best;
  }

  private float guideAt(long frame) {
    return frame < 0 || frame >= guide.length ? 0f : guide[(int) frame];
  }
}
