package dev.earmark.app.gui.waveform;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes a scene snapshot as a PNG (call on the JavaFX thread), without javafx-swing. */
final class Screenshots {
  private Screenshots() {}

  /** docs/screenshots of the repository the tests run in. */
  static Path directory() {
    Path module = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(module.resolve("docs")) ? module : module.getParent();
    return root.resolve("docs").resolve("screenshots");
  }

  static WritableImage snapshot(Scene scene) {
    return scene.snapshot(null);
  }

  static Path write(WritableImage image, Path file) throws IOException {
    int width = (int) image.getWidth();
    int height = (int) image.getHeight();
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    PixelReader reader = image.getPixelReader();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        out.setRGB(x, y, reader.getArgb(x, y));
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(out, "png", file.toFile());
    return file;
  }
}
