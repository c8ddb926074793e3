package dev.earmark.audio.peaks;

/** Shares the hand-written WAV builder of {@link PeakPyramidTest} with other test packages. */
public final class PeakPyramidTestAccess {
  private PeakPyramidTestAccess() {}

  public static byte[] pcm16Wav(int rate, int channels, byte[] data) {
    return PeakPyramidTest.pcm16Wav(rate, channels, data);
  }
}
