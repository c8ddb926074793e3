package dev.earmark.app.gui.waveform;

import dev.earmark.audio.spectrogram.SpectrogramTile;

/**
 * Turns spectrogram levels into pixels with the viridis colour map (perceptually uniform, readable
 * by colour-blind people and in grey scale): {@code floorDb} and below is dark blue, {@code ceilDb}
 * and above is yellow. Immutable and thread-safe, so tiles are coloured off the JavaFX thread.
 */
public final class SpectrogramColors {
  /** Viridis at 0, 1/8, ..., 1 (matplotlib's _viridis_data sampled at nine points). */
  private static final int[] VIRIDIS = {
    0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725
  };

  private static final int LEVELS = 256;

  private final double floorDb;
  private final double ceilDb;
  private final int[] table = new int[LEVELS];

  public SpectrogramColors(double floorDb, double ceilDb) {
    if (!(ceilDb > floorDb)) {
      throw new IllegalArgumentException("the colour range needs floor < ceiling");
    }
    this.floorDb = floorDb;
    this.ceilDb = ceilDb;
    for (int i = 0; i < LEVELS; i++) {
      table[i] = interpolate(i / (double) (LEVELS - 1));
    }
  }

  /** -90 dB to -10 dB: speech at normal levels fills the range. */
  public static SpectrogramColors defaults() {
    return new SpectrogramColors(-90, -10);
  }

  private static int interpolate(double t) {
    double pos = t * (VIRIDIS.length - 1);
    int i = (int) Math.min(VIRIDIS.length - 2, Math.floor(pos));
    double f = pos - i;
    int a = VIRIDIS[i];
    int b = VIRIDIS[i + 1];
    int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - f) + ((b >> 16) & 0xFF) * f);
    int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - f) + ((b >> 8) & 0xFF) * f);
    int bl = (int) Math.round((a & 0xFF) * (1 - f) + (b & 0xFF) * f);
    return 0xFF000000 | r << 16 | g << 8 | bl;
  }

  /** Opaque ARGB colour of a level in dB. */
  public int argb(double db) {
    double t = (db - floorDb) / (ceilDb - floorDb);
    int index = (int) Math.round(Math.max(0, Math.min(1, t)) * (LEVELS - 1));
    return table[index];
  }

  /**
   * The tile as ARGB pixels, {@code columns} wide and {@code bins} high, row 0 holding the highest
   * frequency (so low frequencies are drawn at the bottom).
   */
  public int[] pixels(SpectrogramTile tile) {
    int columns = tile.columns();
    int bins = tile.bins();
    int[] pixels = new int[columns * bins];
    for (int c = 0; c < columns; c++) {
      for (int b = 0; b < bins; b++) {
        pixels[(bins - 1 - b) * columns + c] = argb(tile.db(c, b));
      }
    }
    return pixels;
  }
}
