package dev.earmark.app.gui.window;

import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Where the window stands and how large its interface is drawn.
 *
 * @param x left edge in screen coordinates
 * @param y top edge in screen coordinates
 * @param width window width
 * @param height window height
 * @param maximized the window was maximized
 * @param zoomPercent the UI zoom, {@value #MIN_ZOOM}–{@value #MAX_ZOOM} %
 */
public record WindowState(
    double x, double y, double width, double height, boolean maximized, int zoomPercent) {
  /** Smallest UI zoom, in percent. */
  public static final int MIN_ZOOM = 90;

  /** Largest UI zoom, in percent. */
  public static final int MAX_ZOOM = 150;

  /** The zoom a first start uses. */
  public static final int DEFAULT_ZOOM = 100;

  /** The size of a first start. */
  public static final double DEFAULT_WIDTH = 1280;

  public static final double DEFAULT_HEIGHT = 800;

  /** How much of the title bar must stay on a screen so the window can be grabbed. */
  static final double GRIP = 64;

  /** A first start: the default size, centred by the window system (NaN position). */
  public static WindowState defaults() {
    return new WindowState(
        Double.NaN, Double.NaN, DEFAULT_WIDTH, DEFAULT_HEIGHT, false, DEFAULT_ZOOM);
  }

  /** {@code percent} held within {@value #MIN_ZOOM}–{@value #MAX_ZOOM}. */
  public static int clampZoom(int percent) {
    return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, percent));
  }

  /** True when the position is known (not a first start). */
  public boolean hasPosition() {
    return !Double.isNaN(x) && !Double.isNaN(y);
  }

  /**
   * This state made usable on {@code screens} (their visual bounds): the zoom clamped, the size no
   * larger than the screen it lands on, and a window whose title bar is on no screen moved back
   * onto the screen nearest to it.
   */
  public WindowState onto(List<Rectangle2D> screens) {
    int zoom = clampZoom(zoomPercent);
    if (screens.isEmpty()) {
      return new WindowState(x, y, width, height, maximized, zoom);
    }
    if (!hasPosition()) {
      Rectangle2D first = screens.get(0);
      return new WindowState(
          x,
          y,
          Math.min(width, first.getWidth()),
          Math.min(height, first.getHeight()),
          maximized,
          zoom);
    }
    Rectangle2D grip =
        new Rectangle2D(x, y, Math.max(1, width), Math.min(GRIP, Math.max(1, height)));
    Rectangle2D screen =
        screens.stream()
            .filter(s -> overlap(s, grip) >= Math.min(GRIP, grip.getWidth()) * 0.5)
            .findFirst()
            .orElseGet(() -> nearest(screens, x + width / 2, y + height / 2));
    double w = Math.min(width, screen.getWidth());
    double h = Math.min(height, screen.getHeight());
    double nx = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - w));
    double ny = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - h));
    return new WindowState(nx, ny, w, h, maximized, zoom);
  }

  private static double overlap(Rectangle2D a, Rectangle2D b) {
    double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
    double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
    return w > 0 && h > 0 ? w : 0;
  }

  private static Rectangle2D nearest(List<Rectangle2D> screens, double cx, double cy) {
    Rectangle2D best = screens.get(0);
    double bestDistance = Double.MAX_VALUE;
    for (Rectangle2D s : screens) {
      double dx = Math.max(0, Math.max(s.getMinX() - cx, cx - s.getMaxX()));
      double dy = Math.max(0, Math.max(s.getMinY() - cy, cy - s.getMaxY()));
      double distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = s;
      }
    }
    return best;
  }
}
