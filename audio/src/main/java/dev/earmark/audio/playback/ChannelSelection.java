package dev.earmark.audio.playback;

import java.util.BitSet;

/**
 * Which channels of a multichannel clip are heard: soloed channels only when any is soloed,
 * otherwise every channel not muted. Output is mono for a mono clip and stereo otherwise; a single
 * audible channel is played centred (in both ears), two channels of a stereo clip keep their sides,
 * and more channels are mixed equally into both sides. Immutable.
 */
public final class ChannelSelection {
  /** Every channel heard, none soloed or muted. */
  public static final ChannelSelection ALL = new ChannelSelection(new BitSet(), new BitSet());

  private final BitSet muted;
  private final BitSet soloed;

  private ChannelSelection(BitSet muted, BitSet soloed) {
    this.muted = muted;
    this.soloed = soloed;
  }

  /** This selection with {@code channel} muted or not. */
  public ChannelSelection withMuted(int channel, boolean mute) {
    BitSet next = (BitSet) muted.clone();
    next.set(channel, mute);
    return new ChannelSelection(next, soloed);
  }

  /** This selection with {@code channel} soloed or not. */
  public ChannelSelection withSoloed(int channel, boolean solo) {
    BitSet next = (BitSet) soloed.clone();
    next.set(channel, solo);
    return new ChannelSelection(muted, next);
  }

  public boolean isMuted(int channel) {
    return muted.get(channel);
  }

  public boolean isSoloed(int channel) {
    return soloed.get(channel);
  }

  /** True if {@code channel} is heard. */
  public boolean audible(int channel) {
    return soloed.isEmpty() ? !muted.get(channel) : soloed.get(channel);
  }

  /** Output channels for a clip of {@code clipChannels}: 1 for mono, otherwise 2. */
  public static int outputChannels(int clipChannels) {
    return clipChannels == 1 ? 1 : 2;
  }

  /**
   * The gain of clip channel {@code channel} in output channel {@code output}, for a clip of {@code
   * clipChannels} channels (0 when the channel is not heard there).
   */
  public float gain(int channel, int output, int clipChannels) {
    if (!audible(channel)) {
      return 0f;
    }
    if (clipChannels == 1) {
      return 1f;
    }
    int heard = 0;
    for (int c = 0; c < clipChannels; c++) {
      heard += audible(c) ? 1 : 0;
    }
    if (heard == 1) {
      return 1f; // a single channel: centred
    }
    if (clipChannels == 2) {
      return channel == output ? 1f : 0f;
    }
    return 1f / heard;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChannelSelection that
        && muted.equals(that.muted)
        && soloed.equals(that.soloed);
  }

  @Override
  public int hashCode() {
    return 31 * muted.hashCode() + soloed.hashCode();
  }

  @Override
  public String toString() {
    return "ChannelSelection[muted=" + muted + ", soloed=" + soloed + "]";
  }
}
