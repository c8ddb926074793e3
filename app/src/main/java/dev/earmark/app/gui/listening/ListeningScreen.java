package dev.earmark.app.gui.listening;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.keys.Keymap;
import dev.earmark.app.gui.keys.KeysSheet;
import dev.earmark.app.gui.labeling.Debouncer;
import dev.earmark.app.gui.labeling.LabelingActions;
import dev.earmark.app.gui.labeling.SaveState;
import dev.earmark.app.gui.player.AudioPlayer;
import dev.earmark.app.gui.screen.WorkbenchScreen;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening tests of one rater, in two tabs: MUSHRA and A/B preference, each on its own player
 * (so switching tabs keeps each trial where it was). Keys go to the tab in front; F1 shows the
 * keys. JavaFX thread only; {@link #close} releases both players and the executor.
 */
public final class ListeningScreen implements WorkbenchScreen {
  private static final Logger LOG = LoggerFactory.getLogger(ListeningScreen.class);

  private final BackgroundExecutor executor;
  private final AudioPlayer mushraPlayer;
  private final AudioPlayer preferencePlayer;
  private final MushraViewModel mushra;
  private final PreferenceViewModel preference;
  private final MushraView mushraView;
  private final PreferenceView preferenceView;
  private final TabPane tabs = new TabPane();
  private final StackPane root;
  private final StackPane cheatSheet;
  private final Keymap keymap = ListeningActions.defaultKeymap();
  private boolean loaded;

  /**
   * @param players makes a player on the screen's executor (the engine's, or a test's clock)
   * @param keysFile the user's keys file, applied over the default keys (other screens' lines are
   *     passed over)
   */
  public ListeningScreen(
      ListeningService service,
      BackgroundExecutor executor,
      Debouncer debouncer,
      Optional<Path> keysFile,
      Function<BackgroundExecutor, AudioPlayer> players) {
    this.executor = executor;
    this.mushraPlayer = players.apply(executor);
    this.preferencePlayer = players.apply(executor);
    this.mushra = new MushraViewModel(service, executor, mushraPlayer, debouncer);
    this.preference = new PreferenceViewModel(service, executor, preferencePlayer, debouncer);
    this.mushraView = new MushraView(mushra);
    this.preferenceView = new PreferenceView(preference);
    List<String> warnings = keysFile.map(keymap::remapShared).orElse(List.of());
    warnings.forEach(warning -> LOG.warn("{}", warning));
    Tab mushraTab = new Tab("MUSHRA", mushraView);
    mushraTab.setId("mushraTab");
    Tab preferenceTab = new Tab("A/B preference", preferenceView);
    preferenceTab.setId("preferenceTab");
    tabs.getTabs().setAll(mushraTab, preferenceTab);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setId("listeningTabs");
    tabs.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, was, now) -> {
              mushra.deckStop();
              preference.deckStop();
            });
    cheatSheet = cheatSheetOverlay();
    root = new StackPane(tabs, cheatSheet);
    root.setId("listeningScreen");
  }

  private StackPane cheatSheetOverlay() {
    var table = KeysSheet.table(keymap, ListeningActions.descriptions());
    table.setId("listeningCheatSheet");
    Label title = new Label("Keys of the listening tests");
    title.getStyleClass().add("title-4");
    Button close = new Button("Close (Esc)");
    VBox card = new VBox(8, title, new ScrollPane(table), close);
    card.setPadding(new Insets(16));
    card.setMaxWidth(640);
    card.setMaxHeight(520);
    card.setStyle(
        "-fx-background-color: -color-bg-default; -fx-background-radius: 8;"
            + " -fx-border-color: -color-border-default; -fx-border-radius: 8;");
    StackPane overlay = new StackPane(card);
    overlay.setAlignment(Pos.CENTER);
    overlay.setStyle("-fx-background-color: rgba(0,0,0,0.35);");
    overlay.setVisible(false);
    close.setOnAction(event -> overlay.setVisible(false));
    return overlay;
  }

  /** Installs the keys on {@code scene} and loads: for the screen shown outside the shell. */
  public void start(Scene scene) {
    keymap.install(scene, this::perform);
    shown();
  }

  @Override
  public StackPane view() {
    return root;
  }

  @Override
  public Keymap keymap() {
    return keymap;
  }

  @Override
  public boolean perform(String action) {
    if (cheatSheet.isVisible()) {
      if (action.equals(LabelingActions.CHEAT_SHEET)
          || action.equals(dev.earmark.app.gui.waveform.WaveformActions.TOGGLE_PLAY)) {
        cheatSheet.setVisible(false);
        return true;
      }
      return false;
    }
    if (action.equals(LabelingActions.CHEAT_SHEET)) {
      cheatSheet.setVisible(true);
      return true;
    }
    return front().perform(action);
  }

  private TrialModel front() {
    return tabs.getSelectionModel().getSelectedIndex() == 1 ? preference : mushra;
  }

  /** Shows the A/B tab ({@code true}) or the MUSHRA tab. */
  public void showPreference(boolean ab) {
    tabs.getSelectionModel().select(ab ? 1 : 0);
  }

  @Override
  public void shown() {
    if (!loaded) {
      loaded = true;
      mushra.load();
      preference.load();
    }
  }

  @Override
  public boolean hasUnsavedWork() {
    // A save in flight counts: leaving waits for it (saveThen) instead of closing under it.
    return pending(mushra) || pending(preference);
  }

  private static boolean pending(TrialModel model) {
    SaveState state = model.saveStateProperty().get();
    return state == SaveState.UNSAVED || state == SaveState.SAVING;
  }

  @Override
  public void saveThen(Runnable next) {
    // Each model runs its part once its save is stored, so the screen never moves on mid-save.
    mushra.saveThen(() -> preference.saveThen(next));
  }

  public MushraViewModel mushra() {
    return mushra;
  }

  public PreferenceViewModel preference() {
    return preference;
  }

  @Override
  public void close() {
    mushraView.dispose();
    preferenceView.dispose();
    mushraPlayer.close();
    preferencePlayer.close();
    executor.shutdown();
  }
}
