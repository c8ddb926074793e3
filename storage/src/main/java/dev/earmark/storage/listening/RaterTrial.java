package dev.earmark.storage.listening;

import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.assign.AssignmentState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One trial of a session as the rater's screen shows it: blind. It never names a system or a
 * stimulus's role, nor whether the item is a gold clip or a trapping question; the stimuli come in
 * the order the session's seed gave this rater, under letters. The screen labels the assignment
 * with {@link dev.earmark.storage.label.Labels} as usual, keying scores (or the A/B choice) by
 * {@link BlindStimulus#clipKey()}, which it must not display. Immutable.
 *
 * @param position 1-based position in the session
 * @param training true in a training block: the ratings are practice and never enter results
 * @param promptText the manifest's {@code prompt_text}, empty when none
 * @param openReference MUSHRA's open reference (the hidden reference's audio, played as
 *     "Reference"); empty for the other designs
 * @param state the assignment's state: a submitted trial is done
 */
public record RaterTrial(
    long sessionId,
    int position,
    long assignmentId,
    VersionedId rubric,
    boolean training,
    String promptText,
    List<BlindStimulus> stimuli,
    Optional<BlindStimulus> openReference,
    AssignmentState state) {
  public RaterTrial {
    stimuli = List.copyOf(stimuli);
  }

  /**
   * One stimulus under its letter.
   *
   * @param letter {@code A}, {@code B}, … in this rater's order ({@code Reference} for the open
   *     reference)
   * @param clipKey the key of this stimulus's score in the label value; never shown
   */
  public record BlindStimulus(
      String letter, long clipId, String clipKey, Path audioPath, double durationSeconds) {}
}
