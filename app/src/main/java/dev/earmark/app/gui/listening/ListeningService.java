package dev.earmark.app.gui.listening;

import java.util.Map;
import java.util.Optional;

/**
 * What the MUSHRA and A/B screens need from storage, for one rater. Called off the JavaFX thread.
 * Implementations refuse (with a one-sentence {@link RuntimeException} message) a submit that the
 * engine would not accept: a score outside 0–100, a stimulus not heard enough, a forced choice
 * answered "no preference".
 */
public interface ListeningService {
  /** The rater's next open MUSHRA trial, if any. */
  Optional<MushraTrial> nextMushra();

  /** Keeps the scores given so far (by stimulus key) as the trial's draft. */
  void saveMushra(MushraTrial trial, Map<String, Integer> scores);

  /** Submits the trial's scores (one per stimulus key) with the share of each stimulus heard. */
  void submitMushra(MushraTrial trial, Map<String, Integer> scores, Map<String, Double> heard);

  /** The rater's next open A/B trial, if any. */
  Optional<PreferenceTrial> nextPreference();

  /** Keeps the choice as the trial's draft. */
  void savePreference(PreferenceTrial trial, Preference choice);

  /** Submits the choice with the share of A and of B heard (by stimulus key). */
  void submitPreference(PreferenceTrial trial, Preference choice, Map<String, Double> heard);
}
