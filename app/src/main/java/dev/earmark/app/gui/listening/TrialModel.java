package dev.earmark.app.gui.listening;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.labeling.Debouncer;
import dev.earmark.app.gui.labeling.LabelingActions;
import dev.earmark.app.gui.labeling.SaveState;
import dev.earmark.app.gui.player.AudioPlayer;
import dev.earmark.app.gui.waveform.WaveformActions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the MUSHRA and A/B screens share: the open trial's {@link StimulusDeck} on one player, the
 * playback keys, the save state and status line, and autosave a moment after the last change.
 * JavaFX thread only; storage runs on the {@link BackgroundExecutor}.
 */
abstract class TrialModel {
  /** Quiet time after the last change before the draft is saved. */
  static final Duration AUTOSAVE_DELAY = Duration.ofMillis(800);

  final ListeningService service;
  final BackgroundExecutor executor;
  private final AudioPlayer player;
  private final Debouncer debouncer;
  private final ReadOnlyObjectWrapper<StimulusDeck> deck = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<SaveState> saveState =
      new ReadOnlyObjectWrapper<>(SaveState.IDLE);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private Runnable pendingSave = () -> {};
  private int savesInFlight;
  private Runnable afterSaves;

  TrialModel(
      ListeningService service,
      BackgroundExecutor executor,
      AudioPlayer player,
      Debouncer debouncer) {
    this.service = service;
    this.executor = executor;
    this.player = player;
    this.debouncer = debouncer;
  }

  /** The open trial's stimuli on the player; null while no trial is open. */
  public ReadOnlyObjectProperty<StimulusDeck> deckProperty() {
    return deck.getReadOnlyProperty();
  }

  public StimulusDeck deck() {
    return deck.get();
  }

  public ReadOnlyObjectProperty<SaveState> saveStateProperty() {
    return saveState.getReadOnlyProperty();
  }

  /** One line for the status bar: saved, refused and why, what to do next. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** Asks storage for the rater's next trial and opens it (or shows that none is left). */
  public abstract void load();

  /** Submits the open trial and opens the next one. */
  public abstract void submit();

  /** Saves the open trial's draft now. */
  abstract void saveNow();

  /** Does the screen-specific part of {@code action}; false if it is not one. */
  abstract boolean performOwn(String action);

  /** Opens a deck for a new trial; the previous one stops. */
  final void openDeck(List<Stimulus> stimuli, Optional<Path> reference, double requiredShare) {
    if (deck.get() != null) {
      deck.get().stop();
    }
    pendingSave.run();
    deck.set(
        stimuli.isEmpty() ? null : new StimulusDeck(player, stimuli, reference, requiredShare));
    saveState.set(SaveState.IDLE);
  }

  /** Pauses the open trial's playback (another tab came to the front). */
  final void deckStop() {
    if (deck.get() != null) {
      deck.get().stop();
    }
  }

  /** Runs a key action; true if it was one of this screen's and was handled. */
  public final boolean perform(String action) {
    StimulusDeck open = deck.get();
    if (open != null) {
      int play = ListeningActions.PLAY.indexOf(action);
      if (play >= 0) {
        open.play(play);
        return play < open.stimuli().size();
      }
      switch (action) {
        case WaveformActions.TOGGLE_PLAY -> open.togglePlay();
        case ListeningActions.LOOP -> open.toggleLoop();
        case ListeningActions.MARK_REGION -> open.markRegion();
        case ListeningActions.CLEAR_REGION -> open.clearRegion();
        case WaveformActions.SEEK_BACK_SHORT -> open.seek(open.positionProperty().get() - 1);
        case WaveformActions.SEEK_FORWARD_SHORT -> open.seek(open.positionProperty().get() + 1);
        case ListeningActions.PREVIOUS_STIMULUS, ListeningActions.NEXT_STIMULUS -> {
          int step = action.equals(ListeningActions.NEXT_STIMULUS) ? 1 : -1;
          int size = open.stimuli().size();
          int from = Math.max(open.selectedProperty().get(), step > 0 ? -1 : 0);
          open.play(Math.floorMod(from + step, size));
        }
        case LabelingActions.SUBMIT -> submit();
        case LabelingActions.SAVE -> saveNow();
        default -> {
          return performOwn(action);
        }
      }
      return true;
    }
    return false;
  }

  /** Marks the work unsaved and saves it once changes pause. */
  final void changed() {
    saveState.set(SaveState.UNSAVED);
    pendingSave.run();
    pendingSave = debouncer.schedule(AUTOSAVE_DELAY, this::saveNow);
  }

  /** Runs a save in the background and reports it. */
  final void save(String what, Runnable work) {
    pendingSave.run();
    pendingSave = () -> {};
    saveState.set(SaveState.SAVING);
    savesInFlight++;
    executor.inBackground(
        "save " + what,
        () -> {
          work.run();
          return Boolean.TRUE;
        },
        done -> {
          savesInFlight--;
          if (savesInFlight == 0) {
            saveState.set(SaveState.SAVED);
          }
          status.set("✓ saved");
          if (savesInFlight == 0 && afterSaves != null) {
            Runnable next = afterSaves;
            afterSaves = null;
            next.run();
          }
        },
        failure -> {
          savesInFlight--;
          afterSaves = null; // a failed save keeps the screen, so the draft on it is not lost
          failed("Not saved: ", failure);
        });
  }

  /**
   * Saves the open trial's draft and runs {@code next} once every save in flight has finished (at
   * once when there is nothing to save); never when a save fails, so leaving the screen cannot lose
   * a draft.
   */
  final void saveThen(Runnable next) {
    if (saveState.get() == SaveState.UNSAVED) {
      saveNow();
    }
    if (savesInFlight > 0) {
      afterSaves = next;
    } else {
      next.run();
    }
  }

  /** Refuses an action with a sentence in the status line. */
  final void refuse(String sentence) {
    status.set(sentence);
  }

  final void failed(String prefix, Throwable failure) {
    saveState.set(SaveState.ERROR);
    status.set(prefix + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
  }

  final void said(String sentence) {
    status.set(sentence);
  }

  /** The share heard of each stimulus of the open deck, by stimulus key. */
  final Map<String, Double> heardByKey() {
    Map<String, Double> heard = new LinkedHashMap<>();
    StimulusDeck open = deck.get();
    for (int i = 0; i < open.stimuli().size(); i++) {
      heard.put(open.stimuli().get(i).key(), open.heardProperty(i).get());
    }
    return heard;
  }

  /** "listen to C first (40% heard)", or empty when stimulus {@code index} is unlocked. */
  final Optional<String> lockReason(int index) {
    StimulusDeck open = deck.get();
    if (open.unlocked(index)) {
      return Optional.empty();
    }
    return Optional.of(
        "listen to "
            + open.stimuli().get(index).letter()
            + " first ("
            + Math.round(open.heardProperty(index).get() * 100)
            + "% heard, "
            + Math.round(open.requiredShare() * 100)
            + "% needed)");
  }
}
