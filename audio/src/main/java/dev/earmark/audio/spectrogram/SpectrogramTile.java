package dev.earmark.audio.spectrogram;

/**
 * A time range of a spectrogram: {@code columns} columns of {@code bins} levels in dB relative to
 * full scale (a full-scale sine reads about 0 dB in its bin). Column {@code c} analyses frames
 * {@code [firstFrame + c*hop, firstFrame + c*hop + fftSize)}; bin {@code b} is centred on {@code b
 * * binHz}. The array is owned by the tile; callers must not modify it.
 */
public record SpectrogramTile(
    int index, long firstFrame, int hop, int columns, int bins, double binHz, float[] db) {

  public float db(int column, int bin) {
    return db[column * bins + bin];
  }
}
