package dev.earmark.audio.spectrogram;

/**
 * How a spectrogram is computed.
 *
 * @param fftSize window and FFT length in frames, a power of two from 64 to 16384
 * @param hop frames between consecutive columns, at least 1
 * @param floorDb lowest level reported; quieter bins are clamped to it
 * @param tileColumns columns per tile (the unit computed and cached on demand)
 */
public record SpectrogramSettings(int fftSize, int hop, double floorDb, int tileColumns) {
  public SpectrogramSettings {
    if (fftSize < 64 || fftSize > 16384 || Integer.bitCount(fftSize) != 1) {
      throw new IllegalArgumentException("fftSize must be a power of two in 64..16384");
    }
    if (hop < 1 || tileColumns < 1) {
      throw new IllegalArgumentException("hop and tileColumns must be at least 1");
    }
  }

  /** 512-point FFT, hop 128, floor -120 dB, 256 columns a tile. */
  public static SpectrogramSettings defaults() {
    return new SpectrogramSettings(512, 128, -120, 256);
  }
}
