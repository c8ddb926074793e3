package dev.earmark.app.gui.listening;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.labeling.Debouncer;
import dev.earmark.app.gui.player.AudioPlayer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The MUSHRA screen's state (BS.1534-3): the open trial, a 0–100 score per stimulus, each locked
 * until its stimulus has been heard (the trial's required share), autosave of the scores, and
 * submit once every stimulus is scored. JavaFX thread only.
 */
public final class MushraViewModel extends TrialModel {
  /** Slider steps of the nudge keys. */
  static final int SMALL_STEP = 1;

  static final int LARGE_STEP = 10;

  private final ReadOnlyObjectWrapper<Optional<MushraTrial>> trial =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ObservableMap<Integer, Integer> scores = FXCollections.observableHashMap();
  private final ObservableMap<Integer, Integer> readOnlyScores =
      FXCollections.unmodifiableObservableMap(scores);

  public MushraViewModel(
      ListeningService service,
      BackgroundExecutor executor,
      AudioPlayer player,
      Debouncer debouncer) {
    super(service, executor, player, debouncer);
  }

  /** The open trial; empty before loading and when the rater has none left. */
  public ReadOnlyObjectProperty<Optional<MushraTrial>> trialProperty() {
    return trial.getReadOnlyProperty();
  }

  /** The scores given so far, by stimulus index (read-only for views). */
  public ObservableMap<Integer, Integer> scores() {
    return readOnlyScores;
  }

  @Override
  public void load() {
    executor.inBackground(
        "find the next MUSHRA trial", service::nextMushra, this::open, this::noTrial);
  }

  private void noTrial(Throwable failure) {
    open(Optional.empty());
    failed("Cannot load the next trial: ", failure);
  }

  private void open(Optional<MushraTrial> next) {
    scores.clear();
    openDeck(
        next.map(MushraTrial::stimuli).orElse(java.util.List.of()),
        next.flatMap(MushraTrial::reference),
        next.map(MushraTrial::requiredShare).orElse(0.0));
    next.ifPresent(
        open -> {
          for (int i = 0; i < open.stimuli().size(); i++) {
            Integer saved = open.draft().get(open.stimuli().get(i).key());
            if (saved != null) {
              deck().heardBefore(i, open.requiredShare());
              scores.put(i, saved);
            }
          }
        });
    trial.set(next);
    said(
        next.isEmpty()
            ? "No MUSHRA trial left to rate."
            : "Play each stimulus (1…"
                + Math.min(9, next.get().stimuli().size())
                + "), then score it 0–100.");
  }

  /**
   * Sets stimulus {@code index}'s score, clamped to 0–100; refused (with the reason in the status)
   * while that stimulus has not been heard enough.
   *
   * @return whether the score was taken
   */
  public boolean setScore(int index, int value) {
    if (deck() == null || index < 0 || index >= deck().stimuli().size()) {
      return false;
    }
    Optional<String> locked = lockReason(index);
    if (locked.isPresent()) {
      refuse(locked.get());
      return false;
    }
    int clamped = Math.max(0, Math.min(100, value));
    if (!Integer.valueOf(clamped).equals(scores.get(index))) {
      scores.put(index, clamped);
      changed();
    }
    return true;
  }

  /** Moves the open stimulus's slider by {@code delta} (from 50 when it has no score yet). */
  public boolean nudge(int delta) {
    if (deck() == null) {
      return false;
    }
    int index = deck().selectedProperty().get();
    if (index < 0) {
      refuse("Play a stimulus (1…9) to choose whose slider the arrows move.");
      return false;
    }
    return setScore(index, scores.getOrDefault(index, 50) + delta);
  }

  @Override
  boolean performOwn(String action) {
    return switch (action) {
      case ListeningActions.PLAY_REFERENCE -> {
        if (deck().hasReference()) {
          deck().play(StimulusDeck.REFERENCE);
        }
        yield deck().hasReference();
      }
      case ListeningActions.SCORE_UP -> nudged(SMALL_STEP);
      case ListeningActions.SCORE_DOWN -> nudged(-SMALL_STEP);
      case ListeningActions.SCORE_UP_10 -> nudged(LARGE_STEP);
      case ListeningActions.SCORE_DOWN_10 -> nudged(-LARGE_STEP);
      default -> false;
    };
  }

  /** A nudge key is this screen's even when the nudge is refused (the status says why). */
  private boolean nudged(int delta) {
    nudge(delta);
    return true;
  }

  @Override
  void saveNow() {
    Optional<MushraTrial> open = trial.get();
    if (open.isPresent() && !scores.isEmpty()) {
      Map<String, Integer> byKey = byKey(open.get());
      save("MUSHRA scores", () -> service.saveMushra(open.get(), byKey));
    }
  }

  @Override
  public void submit() {
    Optional<MushraTrial> open = trial.get();
    if (open.isEmpty()) {
      return;
    }
    for (int i = 0; i < open.get().stimuli().size(); i++) {
      if (!scores.containsKey(i)) {
        Optional<String> locked = lockReason(i);
        refuse(
            "Not submitted: "
                + locked.orElse("score " + open.get().stimuli().get(i).letter() + " first")
                + ".");
        return;
      }
    }
    Map<String, Integer> byKey = byKey(open.get());
    Map<String, Double> heard = heardByKey();
    deck().stop();
    executor.inBackground(
        "submit the MUSHRA trial",
        () -> {
          service.submitMushra(open.get(), byKey, heard);
          return service.nextMushra();
        },
        next -> {
          open(next);
          if (next.isPresent()) {
            said("✓ submitted; trial " + next.get().position() + " of " + next.get().total() + ".");
          }
        },
        failure -> failed("Not submitted: ", failure));
  }

  private Map<String, Integer> byKey(MushraTrial open) {
    Map<String, Integer> byKey = new LinkedHashMap<>();
    scores.forEach((index, score) -> byKey.put(open.stimuli().get(index).key(), score));
    return byKey;
  }
}
