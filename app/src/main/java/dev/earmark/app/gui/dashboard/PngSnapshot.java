package dev.earmark.app.gui.dashboard;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javax.imageio.ImageIO;

/** Writes a JavaFX image (a node's snapshot) as a PNG file, without javafx-swing. Stateless. */
final class PngSnapshot {
  private PngSnapshot() {}

  /** Writes {@code image} to {@code file} as an opaque RGB PNG, replacing it. */
  static Path write(Image image, Path file) throws IOException {
    int width = (int) image.getWidth();
    int height = (int) image.getHeight();
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    PixelReader reader = image.getPixelReader();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        out.setRGB(x, y, reader.getArgb(x, y));
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(out, "png", file.toFile())) {
      throw new IOException("no PNG writer is available");
    }
    return file;
  }
}
