package dev.earmark.app.gui.listening;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One MUSHRA trial as the rater's screen gets it (BS.1534-3): the prompt, the open reference, and
 * the stimuli in this rater's recorded random order, the hidden reference and the anchors among
 * them under letters like any system. Carries no system names.
 *
 * @param trialId the stored trial (opaque to the screen)
 * @param prompt the text every stimulus reads
 * @param reference the open reference, played by its own button; empty when the design has none
 * @param stimuli the stimuli in the rater's order
 * @param requiredShare the share of each stimulus to hear before its slider unlocks
 * @param draft scores saved earlier (by stimulus key), 0 to 100
 * @param position which trial of the rater's queue this is (from 1), and how many there are
 * @param training a practice trial of the training block: rated like any, never scored
 */
public record MushraTrial(
    String trialId,
    String prompt,
    Optional<Path> reference,
    List<Stimulus> stimuli,
    double requiredShare,
    Map<String, Integer> draft,
    int position,
    int total,
    boolean training) {
  public MushraTrial {
    stimuli = List.copyOf(stimuli);
    draft = Map.copyOf(draft);
  }
}
