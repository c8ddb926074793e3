package dev.earmark.app.gui.shell;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes window snapshots as PNGs into docs/screenshots (call on the JavaFX thread). */
public final class ScreenshotFiles {
  private ScreenshotFiles() {}

  /** docs/screenshots of the repository the tests run in. */
  public static Path directory() {
    Path module = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(module.resolve("docs")) ? module : module.getParent();
    return root.resolve("docs").resolve("screenshots");
  }

  /** Snapshots {@code scene} into docs/screenshots/{@code name}.png. */
  public static Path write(Scene scene, String name) throws IOException {
    Path file = directory().resolve(name + ".png");
    write(scene.snapshot(null), file);
    return file;
  }

  /** Writes {@code image} (a snapshot of a window or a node) as a PNG to {@code file}. */
  public static void write(WritableImage image, Path file) throws IOException {
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
  }
}
