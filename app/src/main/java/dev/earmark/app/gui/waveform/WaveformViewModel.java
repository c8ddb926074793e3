package dev.earmark.app.gui.waveform;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.app.gui.player.AudioPlayer;
import dev.earmark.app.gui.player.ListeningCoverage;
import dev.earmark.app.gui.player.LoopRegion;
import dev.earmark.app.gui.player.PlayerState;
import dev.earmark.audio.decode.InvalidAudioException;
import dev.earmark.audio.peaks.PeakPyramid;
import dev.earmark.audio.spectrogram.Spectrogram;
import dev.earmark.audio.spectrogram.SpectrogramSettings;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the waveform shows and what its commands do: the open clip, the {@link Viewport} (zoom and
 * scroll), the selection, the playhead and the spectrogram toggle, as read-only properties; zoom,
 * scroll, seek, select, loop and playback speed as commands. It never touches a control — {@link
 * WaveformView} binds to it — so every rule here is tested without a window.
 *
 * <p>Decoding (peaks, samples for the deepest zoom levels) runs through the {@link
 * BackgroundExecutor}; results from a clip that has since been replaced are dropped. Not
 * thread-safe: JavaFX thread only.
 */
public final class WaveformViewModel {
  /** Each zoom step doubles or halves the frames per pixel. */
  public static final double ZOOM_STEP = 2;

  /** Below this many frames per pixel the peaks are too coarse and decoded samples are drawn. */
  public static final double SAMPLE_LEVEL = PeakPyramid.DEFAULT_BASE;

  /** How far "replay" jumps back, in seconds (UI.md: replay last 3 s). */
  public static final double REPLAY_SECONDS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(WaveformViewModel.class);

  private final BackgroundExecutor executor;
  private final AudioPlayer player;
  private final PeakLoader peakLoader;
  private final SpectrogramSettings spectrogramSettings;

  private final ReadOnlyObjectWrapper<WaveformClip> clip =
      new ReadOnlyObjectWrapper<>(this, "clip");
  private final ReadOnlyObjectWrapper<Viewport> viewport =
      new ReadOnlyObjectWrapper<>(this, "viewport");
  private final ReadOnlyObjectWrapper<Optional<Selection>> selection =
      new ReadOnlyObjectWrapper<>(this, "selection", Optional.empty());
  private final ReadOnlyDoubleWrapper playhead = new ReadOnlyDoubleWrapper(this, "playhead", 0);
  private final ReadOnlyBooleanWrapper spectrogramVisible =
      new ReadOnlyBooleanWrapper(this, "spectrogramVisible", false);
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyDoubleWrapper heardFraction =
      new ReadOnlyDoubleWrapper(this, "heardFraction", 0);
  private final ReadOnlyObjectWrapper<SampleWindow> samples =
      new ReadOnlyObjectWrapper<>(this, "samples");

  /** How many frames the playhead trusts a seek over a player that has not caught up with it. */
  private static final int SEEK_SETTLE_TICKS = 15;

  /** How far past a loop's end (seconds) the engine may run before the view-model wraps it. */
  private static final double LOOP_TOLERANCE = 0.05;

  /** Longest step between two frames' positions still counted as heard (not a jump). */
  private static final double MAX_HEARD_STEP = 0.5;

  private double width = 800;
  private ListeningCoverage coverage = new ListeningCoverage(0);
  private double lastHeardPosition = Double.NaN;
  private double pendingSeek = Double.NaN;
  private int pendingSeekTicks;
  private long generation;
  private long pendingSampleFrom = -1;
  private long pendingSampleTo = -1;

  public WaveformViewModel(
      BackgroundExecutor executor,
      AudioPlayer player,
      PeakLoader peakLoader,
      SpectrogramSettings spectrogramSettings) {
    this.executor = executor;
    this.player = player;
    this.peakLoader = peakLoader;
    this.spectrogramSettings = spectrogramSettings;
  }

  // ---- opening ----

  /** Opens {@code file} in the background; the old clip stays visible until the new one is read. */
  public void open(Path file) {
    long current = ++generation;
    loading.set(true);
    message.set("");
    executor.inBackground(
        "read the waveform of " + file.getFileName(),
        () -> read(file),
        opened -> {
          if (current == generation) {
            show(opened);
          }
        },
        error -> {
          if (current == generation) {
            LOG.warn("cannot open {}", file, error);
            loading.set(false);
            message.set("Cannot show " + file.getFileName() + ": " + reason(error));
          }
        });
  }

  /** The audio module's one-line reason without the path it repeats, or the plain message. */
  static String reason(Throwable error) {
    if (error instanceof InvalidAudioException invalid) {
      return invalid.invalid().message();
    }
    return FailureSentence.reason(error);
  }

  private WaveformClip read(Path file) {
    Spectrogram spectrogram = new Spectrogram(file, spectrogramSettings); // validates, reads info
    PeakPyramid peaks = peakLoader.load(file);
    return new WaveformClip(file, spectrogram.info(), peaks, spectrogram);
  }

  private void show(WaveformClip opened) {
    player.setLoop(Optional.empty());
    selection.set(Optional.empty());
    samples.set(null);
    pendingSampleFrom = -1;
    clip.set(opened);
    coverage = new ListeningCoverage(opened.info().durationSeconds());
    lastHeardPosition = Double.NaN;
    heardFraction.set(0);
    playhead.set(0);
    viewport.set(
        Viewport.fit(Math.max(1, opened.info().frames()), opened.info().sampleRate(), width));
    loading.set(false);
    player.load(opened.file());
  }

  // ---- zoom and scroll ----

  /** Sets the drawing width in pixels (the view calls this on resize). */
  public void setWidth(double pixels) {
    width = Math.max(1, pixels);
    if (viewport.get() != null) {
      setViewport(viewport.get().withWidth(width));
    }
  }

  public void zoomIn() {
    zoomAt(ZOOM_STEP, zoomAnchor());
  }

  public void zoomOut() {
    zoomAt(1 / ZOOM_STEP, zoomAnchor());
  }

  /** Shows the whole clip. */
  public void zoomToFit() {
    Viewport view = viewport.get();
    if (view != null) {
      setViewport(Viewport.fit(view.totalFrames(), view.sampleRate(), view.width()));
    }
  }

  /** Zooms by {@code factor} (above 1: in) keeping the time under {@code anchorX} in place. */
  public void zoomAt(double factor, double anchorX) {
    Viewport view = viewport.get();
    if (view != null) {
      setViewport(view.zoom(factor, anchorX));
    }
  }

  /** Shows the selection across the whole width. */
  public void zoomToSelection() {
    Viewport view = viewport.get();
    selection
        .get()
        .ifPresent(
            s ->
                setViewport(
                    view.show(
                        s.startSeconds() * view.sampleRate(), s.endSeconds() * view.sampleRate())));
  }

  /** Keys zoom around the playhead when it is on screen, otherwise around the middle. */
  private double zoomAnchor() {
    Viewport view = viewport.get();
    if (view == null) {
      return 0;
    }
    double x = view.xOfSeconds(playhead.get());
    return x >= 0 && x <= view.width() ? x : view.width() / 2;
  }

  /** Scrolls by {@code pixels} (positive: later). */
  public void scrollBy(double pixels) {
    Viewport view = viewport.get();
    if (view != null) {
      setViewport(view.scrollBy(pixels));
    }
  }

  /** Scrolls so the view starts at {@code seconds}. */
  public void scrollTo(double seconds) {
    Viewport view = viewport.get();
    if (view != null) {
      setViewport(view.withStart(seconds * view.sampleRate()));
    }
  }

  private void setViewport(Viewport next) {
    viewport.set(next);
    requestSamplesIfZoomedIn(next);
  }

  private void requestSamplesIfZoomedIn(Viewport view) {
    WaveformClip current = clip.get();
    if (current == null || view.framesPerPixel() >= SAMPLE_LEVEL) {
      return;
    }
    long total = view.totalFrames();
    SampleWindow held = samples.get();
    if (held != null && held.covers(view.startFrame(), view.endFrame(), total)) {
      return;
    }
    if (pendingSampleFrom >= 0
        && pendingSampleFrom <= view.startFrame()
        && pendingSampleTo >= Math.min(total, view.endFrame())) {
      return;
    }
    double margin = view.visibleFrames();
    long from = (long) Math.max(0, Math.floor(view.startFrame() - margin));
    long to = (long) Math.min(total, Math.ceil(view.endFrame() + margin));
    pendingSampleFrom = from;
    pendingSampleTo = to;
    long current2 = generation;
    Path file = current.file();
    executor.inBackground(
        "decode samples",
        () -> SampleWindow.read(file, from, to),
        window -> {
          if (current2 == generation && pendingSampleFrom == from) {
            pendingSampleFrom = -1;
            samples.set(window);
          }
        },
        error -> {
          LOG.warn("cannot decode samples {}..{} of {}", from, to, file, error);
          pendingSampleFrom = -1;
        });
  }

  // ---- playhead, seeking, playback ----

  /**
   * Reads the player's position into the playhead; the view calls it once per frame. While playing,
   * the view pages along when the playhead leaves it.
   */
  public void tick() {
    if (clip.get() == null) {
      return;
    }
    double position = player.position();
    if (player.stateProperty().get() != PlayerState.PLAYING) {
      lastHeardPosition = position; // playing resumes from here
      return; // a paused player keeps the playhead the view-model last set
    }
    countHeard(position);
    if (!Double.isNaN(pendingSeek)) {
      // MediaPlayer seeks asynchronously: for a few frames it still reports the old position,
      // which would make the playhead jump back and forth after every click
      if (Math.abs(position - pendingSeek) > 0.25 && pendingSeekTicks-- > 0) {
        return;
      }
      pendingSeek = Double.NaN;
    }
    Optional<LoopRegion> loop = player.loopProperty().get();
    if (loop.isPresent() && position >= loop.get().endSeconds() + LOOP_TOLERANCE) {
      // the engine ran past the loop's end (MediaPlayer enforces its stop time late, or not at
      // all on a device without a clock): wrap it ourselves, within a frame
      seek(loop.get().startSeconds());
      return;
    }
    playhead.set(position);
    Viewport view = viewport.get();
    double x = view.xOfSeconds(position);
    if (x < 0 || x > view.width()) {
      setViewport(view.withStart(position * view.sampleRate() - view.visibleFrames() * 0.05));
    }
  }

  /** Adds the stretch played since the last frame, unless the position jumped (a seek, a wrap). */
  private void countHeard(double position) {
    double step = position - lastHeardPosition;
    if (step > 0 && step <= MAX_HEARD_STEP * Math.max(1, player.rateProperty().get())) {
      coverage.heard(lastHeardPosition, position);
      heardFraction.set(coverage.heardFraction());
    }
    lastHeardPosition = position;
  }

  /** Moves playback (and the playhead) to the time under {@code x}. */
  public void seekToPixel(double x) {
    Viewport view = viewport.get();
    if (view != null) {
      seek(view.secondsAt(x));
    }
  }

  /** Moves playback to {@code seconds}, clamped to the clip. */
  public void seek(double seconds) {
    WaveformClip current = clip.get();
    if (current == null) {
      return;
    }
    double target = Math.max(0, Math.min(current.info().durationSeconds(), seconds));
    Optional<LoopRegion> loop = player.loopProperty().get();
    if (loop.isPresent() && !loop.get().contains(target)) {
      target = loop.get().startSeconds();
    }
    player.seek(target);
    playhead.set(target);
    pendingSeek = target;
    pendingSeekTicks = SEEK_SETTLE_TICKS;
    lastHeardPosition = target;
  }

  /** Seeks by {@code seconds} from the playhead (negative: back). */
  public void seekBy(double seconds) {
    seek(playhead.get() + seconds);
  }

  /** Jumps back {@link #REPLAY_SECONDS} and plays. */
  public void replay() {
    seekBy(-REPLAY_SECONDS);
    player.play();
  }

  public void togglePlay() {
    if (clip.get() != null) {
      player.togglePlay();
    }
  }

  public void speedUp() {
    player.setRate(AudioPlayer.stepRate(player.rateProperty().get(), +1));
  }

  public void speedDown() {
    player.setRate(AudioPlayer.stepRate(player.rateProperty().get(), -1));
  }

  // ---- selection and loop ----

  /**
   * Selects the time between pixels {@code fromX} and {@code toX} (either order), clamped to the
   * clip. A loop in progress follows the selection.
   */
  public void selectPixels(double fromX, double toX) {
    Viewport view = viewport.get();
    if (view == null) {
      return;
    }
    select(view.secondsAt(Math.min(fromX, toX)), view.secondsAt(Math.max(fromX, toX)));
  }

  /** Selects {@code [from, to)} seconds, clamped to the clip; an empty range clears. */
  public void select(double fromSeconds, double toSeconds) {
    WaveformClip current = clip.get();
    if (current == null) {
      return;
    }
    double duration = current.info().durationSeconds();
    double from = Math.max(0, Math.min(duration, Math.min(fromSeconds, toSeconds)));
    double to = Math.max(0, Math.min(duration, Math.max(fromSeconds, toSeconds)));
    if (to <= from) {
      clearSelection();
      return;
    }
    selection.set(Optional.of(new Selection(from, to)));
    if (player.loopProperty().get().isPresent()) {
      player.setLoop(Optional.of(new LoopRegion(from, to)));
    }
  }

  /** Clears the selection and ends a loop. */
  public void clearSelection() {
    selection.set(Optional.empty());
    player.setLoop(Optional.empty());
  }

  /**
   * Starts looping the selection from its start, or stops looping if a loop is running. Without a
   * selection there is nothing to loop and nothing happens.
   */
  public void toggleLoopSelection() {
    if (player.loopProperty().get().isPresent()) {
      player.setLoop(Optional.empty());
      return;
    }
    Optional<Selection> selected = selection.get();
    if (selected.isEmpty()) {
      return;
    }
    Selection s = selected.get();
    player.setLoop(Optional.of(new LoopRegion(s.startSeconds(), s.endSeconds())));
    player.seek(s.startSeconds());
    playhead.set(s.startSeconds());
    player.play();
  }

  public void toggleSpectrogram() {
    spectrogramVisible.set(!spectrogramVisible.get());
  }

  /**
   * Runs the command bound to {@code action} (an id of {@link WaveformActions}).
   *
   * @return false if the action is not one of the waveform's
   */
  public boolean perform(String action) {
    switch (action) {
      case WaveformActions.TOGGLE_PLAY -> togglePlay();
      case WaveformActions.REPLAY -> replay();
      case WaveformActions.SEEK_BACK_SHORT -> seekBy(-1);
      case WaveformActions.SEEK_FORWARD_SHORT -> seekBy(1);
      case WaveformActions.SEEK_BACK_LONG -> seekBy(-5);
      case WaveformActions.SEEK_FORWARD_LONG -> seekBy(5);
      case WaveformActions.SPEED_DOWN -> speedDown();
      case WaveformActions.SPEED_UP -> speedUp();
      case WaveformActions.LOOP_SELECTION -> toggleLoopSelection();
      case WaveformActions.ZOOM_IN -> zoomIn();
      case WaveformActions.ZOOM_OUT -> zoomOut();
      case WaveformActions.ZOOM_FIT -> zoomToFit();
      case WaveformActions.TOGGLE_SPECTROGRAM -> toggleSpectrogram();
      default -> {
        return false;
      }
    }
    return true;
  }

  // ---- properties ----

  public AudioPlayer player() {
    return player;
  }

  public ReadOnlyObjectProperty<WaveformClip> clipProperty() {
    return clip.getReadOnlyProperty();
  }

  /** The visible range and zoom; null until a clip is open. */
  public ReadOnlyObjectProperty<Viewport> viewportProperty() {
    return viewport.getReadOnlyProperty();
  }

  public Viewport viewport() {
    return viewport.get();
  }

  public ReadOnlyObjectProperty<Optional<Selection>> selectionProperty() {
    return selection.getReadOnlyProperty();
  }

  /** Playhead position in seconds. */
  public ReadOnlyDoubleProperty playheadProperty() {
    return playhead.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty spectrogramVisibleProperty() {
    return spectrogramVisible.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  /** A sentence for the user when the clip cannot be shown; empty otherwise. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /**
   * Share of the open clip played so far, 0 to 1; replays do not count twice and skipped parts do
   * not count (listening rigour for TTS rating).
   */
  public ReadOnlyDoubleProperty heardFractionProperty() {
    return heardFraction.getReadOnlyProperty();
  }

  /**
   * Decoded samples around the view when zoomed in below {@link #SAMPLE_LEVEL}; else stale/null.
   */
  public ReadOnlyObjectProperty<SampleWindow> samplesProperty() {
    return samples.getReadOnlyProperty();
  }
}
