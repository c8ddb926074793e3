package dev.earmark.engine.rubric;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What validation may know about the item a label belongs to, beyond the label itself: the clip's
 * duration (segments must end inside it), the number of words in the prompt (word marks must point
 * at one) and, for a multi-stimulus trial ({@code tts-mushra}, {@code tts-preference}), the clip
 * ids of the trial's stimuli (scores and choices must name them). Any may be unknown; checks that
 * need it are then skipped. Immutable.
 */
public record LabelContext(
    OptionalDouble clipSeconds, OptionalInt promptWords, Optional<List<String>> stimuli) {
  private static final LabelContext NONE =
      new LabelContext(OptionalDouble.empty(), OptionalInt.empty(), Optional.empty());

  public LabelContext {
    stimuli = stimuli.map(List::copyOf);
  }

  /** A context without stimuli (every single-clip task). */
  public LabelContext(OptionalDouble clipSeconds, OptionalInt promptWords) {
    this(clipSeconds, promptWords, Optional.empty());
  }

  /** Nothing known about the item. */
  public static LabelContext none() {
    return NONE;
  }

  /** A clip of {@code seconds} with a prompt of {@code words} words. */
  public static LabelContext of(double seconds, int words) {
    return new LabelContext(OptionalDouble.of(seconds), OptionalInt.of(words));
  }

  /** A clip of {@code seconds}, prompt unknown. */
  public static LabelContext clip(double seconds) {
    return new LabelContext(OptionalDouble.of(seconds), OptionalInt.empty());
  }

  /** A prompt of {@code words} words, clip duration unknown. */
  public static LabelContext prompt(int words) {
    return new LabelContext(OptionalDouble.empty(), OptionalInt.of(words));
  }

  /** A multi-stimulus trial whose stimuli are the clips {@code clipIds}. */
  public static LabelContext trial(List<String> clipIds) {
    return new LabelContext(OptionalDouble.empty(), OptionalInt.empty(), Optional.of(clipIds));
  }
}
