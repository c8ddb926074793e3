package dev.earmark.app.gui.listening;

import java.util.Optional;

/**
 * One A/B preference trial as the rater's screen gets it: the prompt and two stimuli, shown as A
 * and B in the rater's recorded order, with no system names.
 *
 * @param trialId the stored trial (opaque to the screen)
 * @param prompt the text both stimuli read
 * @param a the stimulus shown as A
 * @param b the stimulus shown as B
 * @param allowNoPreference whether "no preference" may be chosen (false: forced choice)
 * @param requiredShare the share of each stimulus to hear before the choice unlocks
 * @param draft the choice saved earlier
 * @param position which trial of the rater's queue this is (from 1), and how many there are
 * @param training a practice trial of the training block: rated like any, never scored
 */
public record PreferenceTrial(
    String trialId,
    String prompt,
    Stimulus a,
    Stimulus b,
    boolean allowNoPreference,
    double requiredShare,
    Optional<Preference> draft,
    int position,
    int total,
    boolean training) {}
