package dev.earmark.app.gui.labeling;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FxTaskExecutor;
import dev.earmark.app.gui.background.JobScope;
import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.player.AudioPlayer;
import dev.earmark.app.gui.player.EngineAudioPlayer;
import dev.earmark.app.gui.screen.Theme;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.app.gui.waveform.PeakLoader;
import dev.earmark.app.gui.waveform.WaveformViewModel;
import dev.earmark.audio.peaks.PeakCache;
import dev.earmark.audio.spectrogram.SpectrogramSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the labeling screen for one window: one background executor, one player, the waveform, the
 * view-model and the view, and the keys. Use on the JavaFX thread; {@link #close} when the window
 * closes.
 */
public final class LabelingScreen implements WorkbenchScreen {
  private static final Logger LOG = LoggerFactory.getLogger(LabelingScreen.class);

  private final BackgroundExecutor pool;
  private final BackgroundExecutor executor;
  private final AudioPlayer player;
  private final LabelingViewModel model;
  private final LabelingView view;
  private final WaveformViewModel waveform;
  private final Keymap keymap;
  private boolean loaded;

  /**
   * Builds the screen for {@code service}'s user; {@code cacheDirectory} holds peak pyramids and
   * playback copies. Call {@link LabelingViewModel#load()} (via {@link #start}) once it is shown.
   */
  public LabelingScreen(LabelingService service, Path cacheDirectory, Clock clock, Theme theme) {
    this(service, cacheDirectory, clock, theme, Optional.empty());
  }

  /**
   * Builds the screen with the user's keys file applied over the default keys ({@link
   * Keymap#remap}); its bad lines are logged and shown in the status bar, the rest apply.
   */
  public LabelingScreen(
      LabelingService service,
      Path cacheDirectory,
      Clock clock,
      Theme theme,
      Optional<Path> keysFile) {
    this(service, cacheDirectory, clock, theme, keysFile, EngineAudioPlayer::new);
  }

  /**
   * Builds the screen with the player {@code players} makes on the screen's executor: for tests and
   * measurements that drive playback by a clock of their own instead of a sound card.
   */
  public LabelingScreen(
      LabelingService service,
      Path cacheDirectory,
      Clock clock,
      Theme theme,
      Optional<Path> keysFile,
      Function<BackgroundExecutor, AudioPlayer> players) {
    // The screen's own pool; once the screen closes (the user acts as someone else, the project
    // changes) late callbacks (a read-ahead, a waveform read) are dropped instead of failing.
    this.pool = new FxTaskExecutor(2);
    this.executor = new JobScope(pool);
    this.player = players.apply(executor);
    PeakLoader peaks = PeakLoader.cached(new PeakCache(cacheDirectory.resolve("peaks")));
    this.waveform = new WaveformViewModel(executor, player, peaks, SpectrogramSettings.defaults());
    ClipAudio audio =
        new ClipAudio() {
          @Override
          public void open(Path file) {
            waveform.open(file);
          }

          @Override
          public void prefetch(Path file) {
            executor.inBackground(
                "read ahead the peaks of " + file, () -> peaks.load(file), p -> {}, e -> {});
          }

          @Override
          public ReadOnlyDoubleProperty heardProperty() {
            return waveform.heardFractionProperty();
          }

          @Override
          public ReadOnlyStringProperty cannotPlayProperty() {
            return player.messageProperty();
          }
        };
    this.model = new LabelingViewModel(service, executor, new FxDebouncer(), clock, audio);
    this.keymap = LabelingActions.defaultKeymap();
    // The keys file is shared with the other screens: their actions are not warned about here.
    List<String> warnings = keysFile.map(keymap::remapShared).orElse(List.of());
    warnings.forEach(warning -> LOG.warn("{}", warning));
    this.view = new LabelingView(model, waveform, executor, keymap, theme);
    view.showKeysWarnings(warnings);
  }

  /**
   * Installs the keys on {@code scene} and reads the queue: for a screen shown on its own, outside
   * the shell (which routes keys itself).
   */
  public void start(Scene scene) {
    keymap.install(scene, this::perform);
    shown();
  }

  @Override
  public LabelingView view() {
    return view;
  }

  @Override
  public boolean perform(String action) {
    return view.perform(action) || waveform.perform(action);
  }

  /** Reads the queue the first time; later showings keep the annotator where they were. */
  @Override
  public void shown() {
    if (!loaded) {
      loaded = true;
      model.load();
    }
  }

  @Override
  public boolean hasUnsavedWork() {
    return model.hasUnsavedWork();
  }

  @Override
  public void saveThen(Runnable next) {
    model.saveThen(next);
  }

  public LabelingViewModel model() {
    return model;
  }

  public WaveformViewModel waveform() {
    return waveform;
  }

  @Override
  public Keymap keymap() {
    return keymap;
  }

  @Override
  public void close() {
    player.close();
    executor.shutdown();
    pool.shutdown();
  }
}
