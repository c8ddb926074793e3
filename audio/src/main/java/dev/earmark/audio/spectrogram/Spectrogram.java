package dev.earmark.audio.spectrogram;

import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioInfo;
import dev.earmark.audio.decode.AudioSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * STFT spectrogram of one file (channels averaged), computed tile by tile on demand: asking for the
 * tile under the viewport decodes only that time range, so an hour-long clip opens as fast as a
 * short one. Recently used tiles are kept (a bounded LRU). Results are deterministic. Thread-safe.
 */
public final class Spectrogram {
  private static final int CACHED_TILES = 64;

  private final Path file;
  private final AudioInfo info;
  private final SpectrogramSettings settings;
  private final Fft fft;
  private final Map<Integer, SpectrogramTile> tiles =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, SpectrogramTile> eldest) {
          return size() > CACHED_TILES;
        }
      };

  /**
   * @throws dev.earmark.audio.decode.InvalidAudioException if the file is not valid audio
   */
  public Spectrogram(Path file, SpectrogramSettings settings) {
    this.file = file;
    this.settings = settings;
    this.fft = new Fft(settings.fftSize());
    try (AudioSource source = AudioDecoder.open(file)) {
      this.info = source.info();
    }
  }

  public AudioInfo info() {
    return info;
  }

  public SpectrogramSettings settings() {
    return settings;
  }

  /** Number of columns over the whole file (one per hop, the last ones zero-padded). */
  public long columns() {
    return (info.frames() + settings.hop() - 1) / settings.hop();
  }

  public int tileCount() {
    return (int) ((columns() + settings.tileColumns() - 1) / settings.tileColumns());
  }

  /** The tile holding column {@code index * tileColumns} onwards, computed on first use. */
  public synchronized SpectrogramTile tile(int index) {
    if (index < 0 || index >= tileCount()) {
      throw new IllegalArgumentException("tile " + index + " of " + tileCount());
    }
    return tiles.computeIfAbsent(index, this::compute);
  }

  private SpectrogramTile compute(int index) {
    long firstColumn = (long) index * settings.tileColumns();
    int columns = (int) Math.min(settings.tileColumns(), columns() - firstColumn);
    long firstFrame = firstColumn * settings.hop();
    int span = (columns - 1) * settings.hop() + settings.fftSize();
    float[] mono = new float[span];
    try (AudioSource source = AudioDecoder.open(file)) {
      source.seek(firstFrame);
      float[][] block = source.newBlock(Math.min(span, 1 << 15));
      int filled = 0;
      int n;
      int channels = info.channels();
      while (filled < span && (n = source.read(block)) > 0) {
        int take = Math.min(n, span - filled);
        for (int i = 0; i < take; i++) {
          float sum = 0;
          for (int c = 0; c < channels; c++) {
            sum += block[c][i];
          }
          mono[filled + i] = sum / channels;
        }
        filled += take;
      }
    }
    return analyse(mono, index, firstFrame, columns, info.sampleRate(), settings, fft);
  }

  /** STFT of {@code mono} (already padded to cover every column); the testable core. */
  static SpectrogramTile analyse(
      float[] mono,
      int index,
      long firstFrame,
      int columns,
      int sampleRate,
      SpectrogramSettings settings,
      Fft fft) {
    int size = settings.fftSize();
    int bins = size / 2 + 1;
    double[] re = new double[size];
    double[] im = new double[size];
    double[] power = new double[bins];
    float[] db = new float[columns * bins];
    double scale = 2 / fft.windowSum(); // one-sided amplitude of a full-scale sine -> 1
    double floor = settings.floorDb();
    for (int c = 0; c < columns; c++) {
      fft.powerSpectrum(mono, c * settings.hop(), re, im, power);
      for (int b = 0; b < bins; b++) {
        double amplitude = Math.sqrt(power[b]) * scale;
        double level = amplitude > 0 ? 20 * Math.log10(amplitude) : floor;
        db[c * bins + b] = (float) Math.max(floor, level);
      }
    }
    return new SpectrogramTile(
        index, firstFrame, settings.hop(), columns, bins, sampleRate / (double) size, db);
  }
}
