package dev.earmark.app.gui.waveform;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.audio.spectrogram.Spectrogram;
import dev.earmark.audio.spectrogram.SpectrogramTile;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coloured spectrogram tiles of one clip as images, made on demand: the FFT and the colouring run
 * through the {@link BackgroundExecutor}, only the copy into an image happens on the JavaFX thread.
 * Recently drawn tiles are kept (a bounded LRU). JavaFX thread only.
 */
final class SpectrogramImages {
  private static final Logger LOG = LoggerFactory.getLogger(SpectrogramImages.class);
  private static final int CACHED = 160;

  private record Colored(SpectrogramTile tile, int[] argb) {}

  private final BackgroundExecutor executor;
  private final Spectrogram spectrogram;
  private final SpectrogramColors colors;
  private final Runnable onTileReady;
  private final Set<Integer> pending = new HashSet<>();
  private final Set<Integer> failed = new HashSet<>();
  private final Map<Integer, Image> images =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Image> eldest) {
          return size() > CACHED;
        }
      };
  private boolean closed;

  SpectrogramImages(
      BackgroundExecutor executor,
      Spectrogram spectrogram,
      SpectrogramColors colors,
      Runnable onTileReady) {
    this.executor = executor;
    this.spectrogram = spectrogram;
    this.colors = colors;
    this.onTileReady = onTileReady;
  }

  Spectrogram spectrogram() {
    return spectrogram;
  }

  /** The tile's image, or null while it is being computed (the request is made here). */
  Image image(int index) {
    Image image = images.get(index);
    if (image == null && !pending.contains(index) && !failed.contains(index)) {
      pending.add(index);
      executor.inBackground(
          "spectrogram tile " + index,
          () -> {
            SpectrogramTile tile = spectrogram.tile(index);
            return new Colored(tile, colors.pixels(tile));
          },
          colored -> {
            pending.remove(index);
            if (!closed) {
              images.put(index, toImage(colored));
              onTileReady.run();
            }
          },
          error -> {
            pending.remove(index);
            failed.add(index);
            LOG.warn("cannot compute spectrogram tile {}", index, error);
          });
    }
    return image;
  }

  private static Image toImage(Colored colored) {
    int width = colored.tile().columns();
    int height = colored.tile().bins();
    WritableImage image = new WritableImage(width, height);
    image
        .getPixelWriter()
        .setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), colored.argb(), 0, width);
    return image;
  }

  /** True while tiles are being computed. */
  boolean busy() {
    return !pending.isEmpty();
  }

  /** Drops results that arrive after the clip was replaced. */
  void close() {
    closed = true;
    images.clear();
  }
}
