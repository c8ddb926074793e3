package dev.earmark.app.gui.waveform;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.player.LoopRegion;
import dev.earmark.audio.spectrogram.Spectrogram;
import dev.earmark.audio.spectrogram.SpectrogramSettings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.beans.Observable;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The waveform control: a time ruler, one lane per channel drawn from the peak pyramid (or from the
 * samples themselves when zoomed in that far), an optional spectrogram lane, the selection, the
 * loop and a playhead that follows playback, plus a horizontal scroll bar.
 *
 * <p>It binds to a {@link WaveformViewModel} and holds no state of its own beyond the drag in
 * progress. Painting costs are bounded by the width: only visible pixels are drawn, peaks are read
 * at pixel resolution, and changes are coalesced into at most one repaint per frame. The playhead
 * lives on its own overlay canvas so following playback never repaints the waveform.
 *
 * <p>Mouse: click seeks, drag selects, the wheel zooms around the pointer, Shift+wheel (or a
 * horizontal swipe) scrolls.
 */
public final class WaveformView extends Region {
  static final double RULER_HEIGHT = 22;
  private static final double DRAG_THRESHOLD = 3;
  private static final int MAX_VISIBLE_TILES = 64;
  private static final Font SMALL = Font.font(11);

  private final WaveformViewModel viewModel;
  private final BackgroundExecutor executor;
  private final Canvas base = new Canvas();
  private final Canvas overlay = new Canvas();
  private final ScrollBar scrollBar = new ScrollBar();
  private final WaveformColumns columns = new WaveformColumns();
  private final SpectrogramColors spectrogramColors = SpectrogramColors.defaults();
  private final AnimationTimer frames;

  private WaveformPalette palette = WaveformPalette.light();
  private SpectrogramImages spectrogramImages;
  private boolean dirty = true;
  private boolean updatingScrollBar;
  private double dragStartX = Double.NaN;
  private boolean dragging;
  private double drawnPlayheadX = Double.NaN;
  private boolean overlayDirty = true;
  private long lastRepaintNanos;
  private long clipPaints;

  public WaveformView(WaveformViewModel viewModel, BackgroundExecutor executor) {
    this.viewModel = viewModel;
    this.executor = executor;
    getStyleClass().add("waveform-view");
    setId("waveformView");
    setFocusTraversable(true);
    overlay.setMouseTransparent(true);
    scrollBar.setOrientation(Orientation.HORIZONTAL);
    scrollBar.setId("waveformScrollBar");
    getChildren().addAll(base, overlay, scrollBar);
    setMinSize(200, 120);
    setPrefSize(900, 260);

    viewModel.viewportProperty().addListener(this::invalidate);
    viewModel.selectionProperty().addListener(this::invalidate);
    viewModel.samplesProperty().addListener(this::invalidate);
    viewModel.spectrogramVisibleProperty().addListener(this::invalidate);
    viewModel.loadingProperty().addListener(this::invalidate);
    viewModel.messageProperty().addListener(this::invalidate);
    viewModel.player().loopProperty().addListener(this::invalidate);
    viewModel.player().messageProperty().addListener(this::invalidate);
    viewModel.clipProperty().addListener((obs, old, clip) -> clipChanged());
    viewModel.viewportProperty().addListener((obs, old, view) -> updateScrollBar(view));
    scrollBar
        .valueProperty()
        .addListener(
            (obs, old, value) -> {
              if (!updatingScrollBar) {
                viewModel.scrollTo(value.doubleValue());
              }
            });

    addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    addEventHandler(ScrollEvent.SCROLL, this::scrolled);

    frames =
        new AnimationTimer() {
          @Override
          public void handle(long now) {
            viewModel.tick();
            if (dirty) {
              repaint();
            }
            paintOverlay();
          }
        };
    sceneProperty()
        .addListener(
            (obs, old, scene) -> {
              if (scene == null) {
                frames.stop();
              } else {
                frames.start();
              }
            });
  }

  /** Switches colours, e.g. with the light/dark theme. */
  public void setPalette(WaveformPalette palette) {
    this.palette = palette;
    invalidate(null);
  }

  /** Nanoseconds the last waveform repaint took (for the P2 measurement). */
  public long lastRepaintNanos() {
    return lastRepaintNanos;
  }

  /** How many repaints have drawn a clip (for the P2 first-paint measurement). */
  long clipPaints() {
    return clipPaints;
  }

  /** True when everything requested is drawn: no repaint due and no spectrogram tile pending. */
  boolean settled() {
    return !dirty && (spectrogramImages == null || !spectrogramImages.busy());
  }

  private void invalidate(Observable ignored) {
    dirty = true;
  }

  private void clipChanged() {
    if (spectrogramImages != null) {
      spectrogramImages.close();
    }
    WaveformClip clip = viewModel.clipProperty().get();
    spectrogramImages =
        clip == null
            ? null
            : new SpectrogramImages(
                executor, clip.spectrogram(), spectrogramColors, () -> invalidate(null));
    dirty = true;
  }

  private void updateScrollBar(Viewport view) {
    if (view == null) {
      return;
    }
    updatingScrollBar = true;
    double seconds = view.totalFrames() / (double) view.sampleRate();
    double visible = view.visibleFrames() / view.sampleRate();
    double range = Math.max(0, seconds - visible);
    scrollBar.setMin(0);
    scrollBar.setMax(range);
    // JavaFX sizes the thumb as visibleAmount / (max - min) of the track: scale to visible/total
    scrollBar.setVisibleAmount(range * visible / seconds);
    scrollBar.setUnitIncrement(visible / 20);
    scrollBar.setBlockIncrement(visible * 0.9);
    scrollBar.setValue(view.startFrame() / view.sampleRate());
    updatingScrollBar = false;
  }

  // ---- layout ----

  @Override
  protected void layoutChildren() {
    double width = snapSizeX(getWidth());
    double barHeight = snapSizeY(scrollBar.prefHeight(-1));
    double height = Math.max(0, snapSizeY(getHeight()) - barHeight);
    if (base.getWidth() != width || base.getHeight() != height) {
      base.setWidth(width);
      base.setHeight(height);
      overlay.setWidth(width);
      overlay.setHeight(height);
      viewModel.setWidth(width);
      dirty = true;
    }
    scrollBar.resizeRelocate(0, height, width, barHeight);
  }

  // ---- mouse ----

  private void pressed(MouseEvent event) {
    requestFocus();
    if (event.getButton() == MouseButton.PRIMARY) {
      dragStartX = event.getX();
      dragging = false;
      event.consume();
    }
  }

  private void dragged(MouseEvent event) {
    if (Double.isNaN(dragStartX)) {
      return;
    }
    if (dragging || Math.abs(event.getX() - dragStartX) >= DRAG_THRESHOLD) {
      dragging = true;
      double x = Math.max(0, Math.min(base.getWidth(), event.getX()));
      viewModel.selectPixels(dragStartX, x);
    }
    event.consume();
  }

  private void released(MouseEvent event) {
    if (Double.isNaN(dragStartX)) {
      return;
    }
    if (!dragging) {
      viewModel.seekToPixel(event.getX());
    }
    dragStartX = Double.NaN;
    dragging = false;
    event.consume();
  }

  private void scrolled(ScrollEvent event) {
    double horizontal = event.getDeltaX();
    double vertical = event.getDeltaY();
    if (event.isShiftDown() && horizontal == 0) {
      horizontal = vertical; // Shift+wheel scrolls on systems that do not swap the axes
      vertical = 0;
    }
    if (horizontal != 0 && Math.abs(horizontal) >= Math.abs(vertical)) {
      viewModel.scrollBy(-horizontal);
    } else if (vertical != 0) {
      viewModel.zoomAt(Math.pow(2, vertical / 80), event.getX());
    }
    event.consume();
  }

  // ---- painting ----

  /** Repaints the waveform canvas now; package-private so tests and benchmarks can time it. */
  void repaint() {
    long start = System.nanoTime();
    dirty = false;
    overlayDirty = true;
    GraphicsContext g = base.getGraphicsContext2D();
    double width = base.getWidth();
    double height = base.getHeight();
    g.setFill(palette.background());
    g.fillRect(0, 0, width, height);
    g.setFill(palette.rulerBackground());
    g.fillRect(0, 0, width, RULER_HEIGHT);
    g.setFont(SMALL);
    Viewport view = viewModel.viewport();
    WaveformClip clip = viewModel.clipProperty().get();
    if (clip == null || view == null) {
      centredText(g, statusText(), width / 2, height / 2);
      lastRepaintNanos = System.nanoTime() - start;
      return;
    }
    clipPaints++;
    paintRuler(g, view);
    double top = RULER_HEIGHT;
    double lanesHeight = height - top;
    double waveHeight =
        viewModel.spectrogramVisibleProperty().get() ? lanesHeight / 2 : lanesHeight;
    int channels = clip.channels();
    double laneHeight = waveHeight / channels;
    for (int c = 0; c < channels; c++) {
      paintLane(g, clip, view, c, top + c * laneHeight, laneHeight);
    }
    if (viewModel.spectrogramVisibleProperty().get()) {
      paintSpectrogram(g, view, top + waveHeight, lanesHeight - waveHeight);
    }
    paintSelection(g, view, top, lanesHeight);
    if (viewModel.loadingProperty().get() || !viewModel.messageProperty().get().isEmpty()) {
      centredText(g, statusText(), width / 2, top + lanesHeight / 2);
    }
    lastRepaintNanos = System.nanoTime() - start;
  }

  private String statusText() {
    if (!viewModel.messageProperty().get().isEmpty()) {
      return viewModel.messageProperty().get();
    }
    return viewModel.loadingProperty().get() ? "Reading the waveform…" : "No clip open";
  }

  private void centredText(GraphicsContext g, String text, double x, double y) {
    g.setFill(palette.text());
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.CENTER);
    g.fillText(text, x, y);
    g.setTextAlign(TextAlignment.LEFT);
  }

  private void paintRuler(GraphicsContext g, Viewport view) {
    List<TimeRuler.Tick> ticks = TimeRuler.ticks(view, 90);
    g.setStroke(palette.text());
    g.setLineWidth(1);
    g.setFill(palette.text());
    g.setTextBaseline(VPos.TOP);
    g.setTextAlign(TextAlignment.LEFT);
    for (TimeRuler.Tick tick : ticks) {
      double x = Math.floor(tick.x()) + 0.5;
      double length = tick.major() ? 8 : 4;
      g.strokeLine(x, RULER_HEIGHT - length, x, RULER_HEIGHT);
      if (tick.major()) {
        g.fillText(tick.label(), x + 3, 3);
      }
    }
    String note = viewModel.player().messageProperty().get();
    if (!note.isEmpty()) {
      g.setTextAlign(TextAlignment.RIGHT);
      g.fillText(note, view.width() - 6, 3);
      g.setTextAlign(TextAlignment.LEFT);
    }
    g.setStroke(palette.grid());
    g.strokeLine(0, RULER_HEIGHT - 0.5, view.width(), RULER_HEIGHT - 0.5);
  }

  private void paintLane(
      GraphicsContext g, WaveformClip clip, Viewport view, int channel, double top, double height) {
    double mid = top + height / 2;
    double half = height / 2 - 2;
    double width = view.width();
    // amplitude grid: 0 and +-0.5
    g.setStroke(palette.grid());
    g.setLineWidth(1);
    g.strokeLine(0, Math.floor(mid) + 0.5, width, Math.floor(mid) + 0.5);
    g.setLineDashes(2, 4);
    g.strokeLine(0, Math.floor(mid - half / 2) + 0.5, width, Math.floor(mid - half / 2) + 0.5);
    g.strokeLine(0, Math.floor(mid + half / 2) + 0.5, width, Math.floor(mid + half / 2) + 0.5);
    g.setLineDashes(null);
    if (channel > 0) {
      g.strokeLine(0, Math.floor(top) + 0.5, width, Math.floor(top) + 0.5);
    }

    SampleWindow window = viewModel.samplesProperty().get();
    boolean exact =
        view.framesPerPixel() < WaveformViewModel.SAMPLE_LEVEL
            && window != null
            && window.covers(view.startFrame(), view.endFrame(), view.totalFrames());
    g.setFill(palette.wave());
    g.setStroke(palette.wave());
    if (exact && view.framesPerPixel() < 1) {
      paintSamples(g, window, view, channel, mid, half);
    } else {
      if (exact) {
        columns.fromSamples(window, channel, view);
      } else {
        columns.fromPeaks(clip.peaks(), channel, view);
      }
      paintEnvelope(g, mid, half);
    }

    // amplitude scale
    if (height >= 48) {
      scaleLabel(g, "1.0", top + 9);
      scaleLabel(g, "0", mid);
      scaleLabel(g, "-1.0", top + height - 9);
    }
    if (clip.channels() > 1) {
      g.setFill(palette.text());
      g.setTextAlign(TextAlignment.RIGHT);
      g.setTextBaseline(VPos.TOP);
      g.fillText(channelName(channel, clip.channels()), width - 6, top + 4);
      g.setTextAlign(TextAlignment.LEFT);
    }
  }

  /** A small label on a translucent box so it stays readable over the waveform. */
  private void scaleLabel(GraphicsContext g, String text, double y) {
    g.setFill(palette.background().deriveColor(0, 1, 1, 0.75));
    g.fillRect(0, y - 7, 10 + 6 * text.length(), 14);
    g.setFill(palette.text());
    g.setTextBaseline(VPos.CENTER);
    g.fillText(text, 4, y);
  }

  private static String channelName(int channel, int channels) {
    if (channels == 2) {
      return channel == 0 ? "L" : "R";
    }
    return "ch " + (channel + 1);
  }

  private double[] xs = new double[0];
  private double[] ys = new double[0];

  /**
   * The min/max envelope as one whole-pixel bar per column: axis-aligned rectangles need no
   * anti-aliased path rasterisation, which keeps the software pipeline's cost low even where the
   * envelope zigzags from pixel to pixel. Silence keeps a one-pixel line.
   */
  private void paintEnvelope(GraphicsContext g, double mid, double half) {
    int n = columns.pixels();
    for (int x = 0; x < n; x++) {
      double top = Math.floor(mid - columns.max(x) * half);
      double bottom = Math.ceil(mid - columns.min(x) * half);
      g.fillRect(x, top, 1, Math.max(1, bottom - top));
    }
  }

  /** Zoomed in past one frame per pixel: a line through the samples, with dots when far apart. */
  private void paintSamples(
      GraphicsContext g, SampleWindow window, Viewport view, int channel, double mid, double half) {
    float[] samples = window.samples()[channel];
    long first = (long) Math.max(window.startFrame(), Math.floor(view.startFrame()) - 1);
    long last = (long) Math.min(window.endFrame() - 1, Math.ceil(view.endFrame()) + 1);
    int n = (int) Math.max(0, last - first + 1);
    if (n == 0) {
      return;
    }
    if (xs.length < n) {
      xs = new double[n];
      ys = new double[n];
    }
    for (int i = 0; i < n; i++) {
      long frame = first + i;
      xs[i] = view.xOf(frame + 0.5);
      ys[i] = mid - samples[(int) (frame - window.startFrame())] * half;
    }
    g.setLineWidth(1.5);
    g.strokePolyline(xs, ys, n);
    double pixelsPerSample = 1 / view.framesPerPixel();
    if (pixelsPerSample >= 6) {
      double r = Math.min(3, pixelsPerSample / 4);
      for (int i = 0; i < n; i++) {
        g.fillOval(xs[i] - r, ys[i] - r, 2 * r, 2 * r);
      }
    }
  }

  private void paintSpectrogram(GraphicsContext g, Viewport view, double top, double height) {
    g.setStroke(palette.grid());
    g.strokeLine(0, Math.floor(top) + 0.5, view.width(), Math.floor(top) + 0.5);
    if (spectrogramImages == null) {
      return;
    }
    Spectrogram spectrogram = spectrogramImages.spectrogram();
    SpectrogramSettings settings = spectrogram.settings();
    long framesPerTile = (long) settings.tileColumns() * settings.hop();
    // column c is centred on frame c*hop + fftSize/2; it is drawn over one hop around that centre
    double offset = settings.fftSize() / 2.0 - settings.hop() / 2.0;
    int first = (int) Math.max(0, Math.floor((view.startFrame() - offset) / framesPerTile));
    int last =
        (int)
            Math.min(
                spectrogram.tileCount() - 1L,
                Math.floor((view.endFrame() - offset) / framesPerTile));
    if (last - first + 1 > MAX_VISIBLE_TILES) {
      centredText(
          g,
          "Zoom in to see the spectrogram (it is computed for at most "
              + MAX_VISIBLE_TILES * framesPerTile / view.sampleRate()
              + " s at a time)",
          view.width() / 2,
          top + height / 2);
      return;
    }
    g.setImageSmoothing(view.framesPerPixel() < settings.hop());
    boolean missing = false;
    for (int index = first; index <= last; index++) {
      Image image = spectrogramImages.image(index);
      if (image == null) {
        missing = true;
        continue;
      }
      double fromFrame = (double) index * framesPerTile + offset;
      // whole pixels, one pixel of overlap: smoothing must not leave a seam between tiles
      double x0 = Math.floor(view.xOf(fromFrame));
      double x1 = Math.ceil(view.xOf(fromFrame + image.getWidth() * settings.hop())) + 1;
      g.drawImage(image, 0, 0, image.getWidth(), image.getHeight(), x0, top, x1 - x0, height);
    }
    double nyquist = view.sampleRate() / 2.0;
    double stepHz = nyquist > 8000 ? 4000 : nyquist > 4000 ? 2000 : 1000;
    for (double hz = stepHz; hz < nyquist; hz += stepHz) {
      scaleLabel(
          g, String.format(Locale.ROOT, "%.0fk", hz / 1000), top + height * (1 - hz / nyquist));
    }
    if (missing) {
      g.setFill(palette.text());
      g.fillText("computing…", view.width() - 80, top + 12);
    }
  }

  private void paintSelection(GraphicsContext g, Viewport view, double top, double height) {
    Optional<Selection> selection = viewModel.selectionProperty().get();
    if (selection.isEmpty()) {
      return;
    }
    Selection s = selection.get();
    double x0 = Math.max(-1, view.xOfSeconds(s.startSeconds()));
    double x1 = Math.min(view.width() + 1, view.xOfSeconds(s.endSeconds()));
    if (x1 < 0 || x0 > view.width()) {
      return;
    }
    Optional<LoopRegion> loop = viewModel.player().loopProperty().get();
    boolean looping = loop.isPresent();
    g.setFill(palette.selection());
    g.fillRect(x0, top, Math.max(1, x1 - x0), height);
    g.setStroke(looping ? palette.loopEdge() : palette.selectionEdge());
    g.setLineWidth(looping ? 2 : 1);
    if (looping) {
      g.setLineDashes(6, 3);
    }
    g.strokeLine(Math.floor(x0) + 0.5, top, Math.floor(x0) + 0.5, top + height);
    g.strokeLine(Math.floor(x1) + 0.5, top, Math.floor(x1) + 0.5, top + height);
    g.setLineDashes(null);
    g.setFill(looping ? palette.loopEdge() : palette.selectionEdge());
    g.setTextBaseline(VPos.TOP);
    String label =
        String.format(Locale.ROOT, "%.2f s%s", s.lengthSeconds(), looping ? " · loop ⟲" : "");
    g.fillText(label, Math.max(4, x0 + 4), top + 4);
  }

  private void paintOverlay() {
    Viewport view = viewModel.viewport();
    double x =
        view == null
            ? Double.NaN
            : Math.floor(view.xOfSeconds(viewModel.playheadProperty().get())) + 0.5;
    if (!overlayDirty && (x == drawnPlayheadX || Double.isNaN(x) && Double.isNaN(drawnPlayheadX))) {
      return;
    }
    overlayDirty = false;
    GraphicsContext g = overlay.getGraphicsContext2D();
    g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
    drawnPlayheadX = x;
    if (Double.isNaN(x) || x < 0 || x > overlay.getWidth()) {
      return;
    }
    g.setStroke(palette.playhead());
    g.setLineWidth(1.5);
    g.strokeLine(x, RULER_HEIGHT, x, overlay.getHeight());
    g.setFill(palette.playhead());
    g.fillPolygon(
        new double[] {x - 5, x + 5, x},
        new double[] {RULER_HEIGHT - 8, RULER_HEIGHT - 8, RULER_HEIGHT},
        3);
  }
}
