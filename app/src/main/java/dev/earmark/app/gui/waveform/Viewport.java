package dev.earmark.app.gui.waveform;

/**
 * Which frames of a clip the waveform shows and how wide a pixel is: the one mapping between time
 * and screen x that zoom, scroll, click-to-seek, selection and the ruler all share. Immutable;
 * every operation returns a clamped viewport.
 *
 * <p>Zoom runs from "fit" (the whole clip across the width) to {@link #MIN_FRAMES_PER_PIXEL} (each
 * sample {@code 1 / MIN_FRAMES_PER_PIXEL} pixels apart, where single samples are drawn). The view
 * never scrolls before the first frame or past the last one.
 *
 * @param totalFrames frames in the clip, at least 1
 * @param sampleRate frames per second
 * @param width width of the drawing area in pixels, at least 1
 * @param startFrame frame at x = 0 (fractional when zoomed in beyond one frame per pixel)
 * @param framesPerPixel frames one pixel covers
 */
public record Viewport(
    long totalFrames, int sampleRate, double width, double startFrame, double framesPerPixel) {

  /** Deepest zoom: 32 pixels per sample. */
  public static final double MIN_FRAMES_PER_PIXEL = 1.0 / 32;

  public Viewport {
    if (totalFrames < 1 || sampleRate < 1) {
      throw new IllegalArgumentException("a viewport needs at least one frame and a sample rate");
    }
    width = Math.max(1, width);
    double fit = totalFrames / width;
    framesPerPixel = Math.max(Math.min(MIN_FRAMES_PER_PIXEL, fit), Math.min(fit, framesPerPixel));
    double maxStart = Math.max(0, totalFrames - width * framesPerPixel);
    startFrame = Math.max(0, Math.min(maxStart, startFrame));
  }

  /** The whole clip across {@code width} pixels. */
  public static Viewport fit(long totalFrames, int sampleRate, double width) {
    return new Viewport(totalFrames, sampleRate, width, 0, Double.MAX_VALUE);
  }

  /** Frames per pixel at which the whole clip fits. */
  public double fitFramesPerPixel() {
    return totalFrames / width;
  }

  public boolean isFit() {
    return framesPerPixel >= fitFramesPerPixel() - 1e-9;
  }

  public boolean isMaxZoom() {
    return framesPerPixel <= MIN_FRAMES_PER_PIXEL + 1e-12;
  }

  /** Frames visible across the width (the clip's length at most). */
  public double visibleFrames() {
    return Math.min(totalFrames, width * framesPerPixel);
  }

  /** One past the last visible frame. */
  public double endFrame() {
    return startFrame + visibleFrames();
  }

  /** The frame under pixel {@code x}, clamped to the clip. */
  public double frameAt(double x) {
    return Math.max(0, Math.min(totalFrames, startFrame + x * framesPerPixel));
  }

  /** The x of {@code frame} (outside 0..width when it is not visible). */
  public double xOf(double frame) {
    return (frame - startFrame) / framesPerPixel;
  }

  public double secondsAt(double x) {
    return frameAt(x) / sampleRate;
  }

  public double xOfSeconds(double seconds) {
    return xOf(seconds * sampleRate);
  }

  public double secondsPerPixel() {
    return framesPerPixel / sampleRate;
  }

  /**
   * Zooms by {@code factor} (2 zooms in twice as far, 0.5 zooms out) keeping the frame under {@code
   * anchorX} where it is.
   */
  public Viewport zoom(double factor, double anchorX) {
    double anchorFrame = startFrame + anchorX * framesPerPixel;
    double newFpp = framesPerPixel / factor;
    Viewport zoomed = new Viewport(totalFrames, sampleRate, width, 0, newFpp);
    return zoomed.withStart(anchorFrame - anchorX * zoomed.framesPerPixel);
  }

  /** Moves the view by {@code pixels} (positive: later in the clip). */
  public Viewport scrollBy(double pixels) {
    return withStart(startFrame + pixels * framesPerPixel);
  }

  public Viewport withStart(double frame) {
    return new Viewport(totalFrames, sampleRate, width, frame, framesPerPixel);
  }

  /** Same zoom level centred (as far as the clip allows) on {@code frame}. */
  public Viewport centredOn(double frame) {
    return withStart(frame - visibleFrames() / 2);
  }

  /** A new width keeping the start; a fitted view stays fitted. */
  public Viewport withWidth(double newWidth) {
    if (isFit()) {
      return fit(totalFrames, sampleRate, newWidth);
    }
    return new Viewport(totalFrames, sampleRate, newWidth, startFrame, framesPerPixel);
  }

  /** Zooms so that frames {@code [from, to)} fill the width. */
  public Viewport show(double from, double to) {
    double span = Math.max(1e-9, to - from);
    return new Viewport(totalFrames, sampleRate, width, from, span / width);
  }
}
