package dev.earmark.app.gui.window;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.scene.Parent;

/**
 * The UI zoom of one window, {@value WindowState#MIN_ZOOM}–{@value WindowState#MAX_ZOOM} % in steps
 * of {@value #STEP}: it sets the root's font size, and the AtlantaFX theme sizes controls, padding
 * and text in {@code em}, so the whole interface scales with it. Used on the JavaFX thread.
 */
public final class UiZoom {
  /** One zoom step, in percent. */
  public static final int STEP = 10;

  /** The AtlantaFX Primer themes' root font size at 100 %, in px. */
  static final double BASE_FONT_PX = 14;

  private final Parent root;
  private final ReadOnlyIntegerWrapper percent = new ReadOnlyIntegerWrapper(0);

  /** A zoom of {@code root} at {@code percent} (clamped). */
  public UiZoom(Parent root, int percent) {
    this.root = root;
    this.percent.addListener((obs, old, now) -> apply(now.intValue()));
    set(percent);
  }

  /** The zoom in percent. */
  public ReadOnlyIntegerProperty percentProperty() {
    return percent.getReadOnlyProperty();
  }

  public int percent() {
    return percent.get();
  }

  /** Sets the zoom, held within the range. */
  public void set(int value) {
    percent.set(WindowState.clampZoom(value));
  }

  /** One step larger (stays at the maximum). */
  public void zoomIn() {
    set(percent() + STEP);
  }

  /** One step smaller (stays at the minimum). */
  public void zoomOut() {
    set(percent() - STEP);
  }

  /** Back to 100 %. */
  public void reset() {
    set(WindowState.DEFAULT_ZOOM);
  }

  /** The root font size at {@code percent}, in px. */
  public static double fontPx(int percent) {
    return BASE_FONT_PX * WindowState.clampZoom(percent) / 100.0;
  }

  private void apply(int value) {
    root.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.2fpx;", fontPx(value)));
  }
}
