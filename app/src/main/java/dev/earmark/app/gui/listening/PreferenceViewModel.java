package dev.earmark.app.gui.listening;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.labeling.Debouncer;
import dev.earmark.app.gui.player.AudioPlayer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The A/B preference screen's state: two stimuli in the rater's recorded order, the choice (A, B,
 * or "no preference" where the test allows it) locked until both have been heard, autosave of the
 * choice and submit. JavaFX thread only.
 */
public final class PreferenceViewModel extends TrialModel {
  private final ReadOnlyObjectWrapper<Optional<PreferenceTrial>> trial =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ReadOnlyObjectWrapper<Optional<Preference>> choice =
      new ReadOnlyObjectWrapper<>(Optional.empty());

  public PreferenceViewModel(
      ListeningService service,
      BackgroundExecutor executor,
      AudioPlayer player,
      Debouncer debouncer) {
    super(service, executor, player, debouncer);
  }

  public ReadOnlyObjectProperty<Optional<PreferenceTrial>> trialProperty() {
    return trial.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Optional<Preference>> choiceProperty() {
    return choice.getReadOnlyProperty();
  }

  @Override
  public void load() {
    executor.inBackground(
        "find the next A/B trial",
        service::nextPreference,
        this::open,
        failure -> {
          open(Optional.empty());
          failed("Cannot load the next trial: ", failure);
        });
  }

  private void open(Optional<PreferenceTrial> next) {
    openDeck(
        next.map(open -> List.of(open.a(), open.b())).orElse(List.of()),
        Optional.empty(),
        next.map(PreferenceTrial::requiredShare).orElse(0.0));
    choice.set(next.flatMap(PreferenceTrial::draft));
    if (choice.get().isPresent()) {
      deck().heardBefore(0, next.get().requiredShare());
      deck().heardBefore(1, next.get().requiredShare());
    }
    trial.set(next);
    said(
        next.isEmpty()
            ? "No A/B trial left to rate."
            : "Play A (1) and B (2), then choose: A, B"
                + (next.get().allowNoPreference() ? " or N for no preference." : "."));
  }

  /**
   * Chooses {@code preference}; refused while A or B has not been heard enough, and "no preference"
   * on a forced-choice trial.
   *
   * @return whether the choice was taken
   */
  public boolean choose(Preference preference) {
    Optional<PreferenceTrial> open = trial.get();
    if (open.isEmpty()) {
      return false;
    }
    if (preference == Preference.NO_PREFERENCE && !open.get().allowNoPreference()) {
      refuse("This test is forced choice: choose A or B.");
      return false;
    }
    for (int i = 0; i < 2; i++) {
      Optional<String> locked = lockReason(i);
      if (locked.isPresent()) {
        refuse(locked.get());
        return false;
      }
    }
    if (!choice.get().equals(Optional.of(preference))) {
      choice.set(Optional.of(preference));
      changed();
    }
    return true;
  }

  @Override
  boolean performOwn(String action) {
    Optional<Preference> wanted =
        switch (action) {
          case ListeningActions.PREFER_A -> Optional.of(Preference.A);
          case ListeningActions.PREFER_B -> Optional.of(Preference.B);
          case ListeningActions.NO_PREFERENCE -> Optional.of(Preference.NO_PREFERENCE);
          default -> Optional.empty();
        };
    wanted.ifPresent(this::choose);
    return wanted.isPresent();
  }

  @Override
  void saveNow() {
    Optional<PreferenceTrial> open = trial.get();
    Optional<Preference> chosen = choice.get();
    if (open.isPresent() && chosen.isPresent()) {
      save("A/B choice", () -> service.savePreference(open.get(), chosen.get()));
    }
  }

  @Override
  public void submit() {
    Optional<PreferenceTrial> open = trial.get();
    if (open.isEmpty()) {
      return;
    }
    if (choice.get().isEmpty()) {
      refuse(
          "Not submitted: "
              + lockReason(0).or(() -> lockReason(1)).orElse("choose A or B first")
              + ".");
      return;
    }
    Preference chosen = choice.get().get();
    Map<String, Double> heard = heardByKey();
    deck().stop();
    executor.inBackground(
        "submit the A/B trial",
        () -> {
          service.submitPreference(open.get(), chosen, heard);
          return service.nextPreference();
        },
        next -> {
          open(next);
          if (next.isPresent()) {
            said("✓ submitted; trial " + next.get().position() + " of " + next.get().total() + ".");
          }
        },
        failure -> failed("Not submitted: ", failure));
  }
}
