package dev.earmark.storage.listening;

import dev.earmark.engine.listening.StimulusRole;
import dev.earmark.engine.rubric.TaskType;
import java.util.List;
import java.util.Optional;

/**
 * One listening-test trial: the active clips of one task type, dataset and {@code prompt_id} (for
 * {@code tts-rating}, one clip). Its label lives on {@link #keyClip()}: the hidden reference of a
 * MUSHRA trial, the first clip id of an A/B pair, the clip itself for ACR. Immutable.
 *
 * @param id {@code DATASET/PROMPT_ID} (for ACR without a prompt id, {@code DATASET/CLIP_ID}); the
 *     item the bootstrap resamples
 * @param promptType the {@code prompt_type} slice, empty when none
 * @param stimuli by clip id
 */
public record Trial(
    TaskType taskType, String id, String promptType, Stimulus keyClip, List<Stimulus> stimuli) {
  public Trial {
    stimuli = List.copyOf(stimuli);
  }

  /** The clip ids of the stimuli, the keys a label's scores or choice may name. */
  public List<String> clipKeys() {
    return stimuli.stream().map(Stimulus::clipKey).toList();
  }

  /** The stimulus with manifest id {@code clipKey}, if part of this trial. */
  public Optional<Stimulus> stimulus(String clipKey) {
    return stimuli.stream().filter(s -> s.clipKey().equals(clipKey)).findFirst();
  }

  /** The stimulus in {@code role}, if any (MUSHRA: reference, anchors). */
  public Optional<Stimulus> withRole(StimulusRole role) {
    return stimuli.stream().filter(s -> s.role() == role).findFirst();
  }
}
