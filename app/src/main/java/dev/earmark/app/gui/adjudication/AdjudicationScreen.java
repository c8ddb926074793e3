package dev.earmark.app.gui.adjudication;

import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.player.EngineAudioPlayer;
import dev.earmark.app.gui.qe.QeHintPanel;
import dev.earmark.app.gui.qe.QeHintReader;
import dev.earmark.app.gui.screen.WorkbenchContext;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import dev.earmark.app.gui.waveform.PeakLoader;
import dev.earmark.app.gui.waveform.WaveformViewModel;
import dev.earmark.audio.peaks.PeakCache;
import dev.earmark.audio.spectrogram.SpectrogramSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Wires the adjudication screen for one window: the player and waveform (the labeling screen's
 * components), the QE hint panel, the view-model and the view, and the keys. Database and audio
 * work go through the shell's background executor. Use on the JavaFX thread; {@link #close}
 * releases the player.
 */
public final class AdjudicationScreen implements WorkbenchScreen {
  private final EngineAudioPlayer player;
  private final WaveformViewModel waveform;
  private final AdjudicationViewModel model;
  private final AdjudicationView view;
  private final Keymap keymap;
  private final AdjudicationService service;

  /** Builds the screen with the default keys. */
  public AdjudicationScreen(WorkbenchContext context) {
    this(context, Optional.empty());
  }

  /**
   * Builds the screen with the user's keys file applied over the default keys ({@link
   * Keymap#remap}). The file is shared with the other screens, so lines naming their actions are
   * expected here and not reported; a bad key combination for one of this screen's actions is shown
   * in the screen's message line.
   */
  public AdjudicationScreen(WorkbenchContext context, Optional<Path> keysFile) {
    var executor = context.executor();
    this.player = new EngineAudioPlayer(executor);
    PeakLoader peaks = PeakLoader.cached(new PeakCache(context.cacheDirectory().resolve("peaks")));
    this.waveform = new WaveformViewModel(executor, player, peaks, SpectrogramSettings.defaults());
    this.service = new AdjudicationService(context.project(), context.userId());
    this.model = new AdjudicationViewModel(service, executor);
    QeHintPanel qeHint =
        new QeHintPanel(new QeHintReader(context.project(), context.userId()), executor);
    this.keymap = AdjudicationActions.defaultKeymap();
    List<String> warnings = keysFile.map(keymap::remapShared).orElse(List.of());
    this.view =
        new AdjudicationView(
            model,
            waveform,
            executor,
            context.theme(),
            qeHint,
            () -> context.show("agreement"),
            keymap);
    if (!warnings.isEmpty()) {
      model.tell(String.join("  ", warnings));
    }
  }

  @Override
  public AdjudicationView view() {
    return view;
  }

  @Override
  public Keymap keymap() {
    return keymap;
  }

  @Override
  public boolean perform(String action) {
    return view.perform(action) || waveform.perform(action);
  }

  /** Reads the queue; later showings refresh it and keep the dispute shown. */
  @Override
  public void shown() {
    model.load();
  }

  /** The storage calls behind the screen, on behalf of the acting user. */
  public AdjudicationService service() {
    return service;
  }

  public AdjudicationViewModel model() {
    return model;
  }

  public WaveformViewModel waveform() {
    return waveform;
  }

  @Override
  public void close() {
    player.close();
  }
}
