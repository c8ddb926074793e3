package dev.earmark.app.gui.listening;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The storage side of the listening screens for their window tests, until tts-engine's storage
 * service is wired: hands out the trials it was given, in order, and records every save and submit
 * so the test can check exactly what the screen sent. It refuses what the engine refuses (a score
 * outside 0–100, a missing score, "no preference" on a forced choice) so the screen's own checks
 * are not the only ones exercised.
 */
final class RecordingListeningService implements ListeningService {
  record MushraSubmit(String trialId, Map<String, Integer> scores, Map<String, Double> heard) {}

  record PreferenceSubmit(String trialId, Preference choice, Map<String, Double> heard) {}

  private final Deque<MushraTrial> mushra;
  private final Deque<PreferenceTrial> preference;
  final List<Map<String, Integer>> mushraDrafts = new ArrayList<>();
  final List<MushraSubmit> mushraSubmits = new ArrayList<>();
  final List<Preference> preferenceDrafts = new ArrayList<>();
  final List<PreferenceSubmit> preferenceSubmits = new ArrayList<>();

  RecordingListeningService(List<MushraTrial> mushra, List<PreferenceTrial> preference) {
    this.mushra = new ArrayDeque<>(mushra);
    this.preference = new ArrayDeque<>(preference);
  }

  @Override
  public synchronized Optional<MushraTrial> nextMushra() {
    return Optional.ofNullable(mushra.peekFirst());
  }

  /** While set, a MUSHRA draft save waits for it to open: a save in flight, for the test. */
  volatile CountDownLatch mushraSaveGate;

  @Override
  public void saveMushra(MushraTrial trial, Map<String, Integer> scores) {
    CountDownLatch gate = mushraSaveGate;
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the save was held", e);
      }
    }
    synchronized (this) {
      mushraDrafts.add(Map.copyOf(scores));
    }
  }

  @Override
  public synchronized void submitMushra(
      MushraTrial trial, Map<String, Integer> scores, Map<String, Double> heard) {
    for (Stimulus stimulus : trial.stimuli()) {
      Integer score = scores.get(stimulus.key());
      if (score == null || score < 0 || score > 100) {
        throw new IllegalArgumentException("stimulus " + stimulus.letter() + " has no 0-100 score");
      }
    }
    mushraSubmits.add(new MushraSubmit(trial.trialId(), Map.copyOf(scores), Map.copyOf(heard)));
    mushra.removeFirst();
  }

  @Override
  public synchronized Optional<PreferenceTrial> nextPreference() {
    return Optional.ofNullable(preference.peekFirst());
  }

  @Override
  public synchronized void savePreference(PreferenceTrial trial, Preference choice) {
    preferenceDrafts.add(choice);
  }

  @Override
  public synchronized void submitPreference(
      PreferenceTrial trial, Preference choice, Map<String, Double> heard) {
    if (choice == Preference.NO_PREFERENCE && !trial.allowNoPreference()) {
      throw new IllegalArgumentException("a forced-choice trial needs A or B");
    }
    preferenceSubmits.add(new PreferenceSubmit(trial.trialId(), choice, Map.copyOf(heard)));
    preference.removeFirst();
  }
}
