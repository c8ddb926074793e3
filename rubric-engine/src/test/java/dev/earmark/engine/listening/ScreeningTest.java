package dev.earmark.engine.listening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.listening.Screening.AnswerCheck;
import dev.earmark.engine.listening.Screening.Exclusion;
import dev.earmark.engine.listening.Screening.MushraTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The published screening rules at their boundaries. ITU-T P.808 §6.1.9 (gold within ±1; traps
 * answered as instructed) and ITU-R BS.1534-3 §4.1.2 (hidden reference below 90, or mid anchor
 * above 90, on more than 15% of items); the expected exclusions are worked out in each test.
 */
class ScreeningTest {
  @Test
  void p808GoldPassesWithinOnePointAndExcludesTheSessionThatMissesByTwo() {
    List<AnswerCheck> golds =
        List.of(
            // |4 - 5| = 1: within the tolerance, session s1 passes.
            new AnswerCheck("ann", "s1", "g1", Map.of("naturalness", 4), Map.of("naturalness", 5)),
            // |3 - 5| = 2 > 1: session s2 of ann fails.
            new AnswerCheck("ann", "s2", "g1", Map.of("naturalness", 3), Map.of("naturalness", 5)),
            // Only the first miss of a session is reported.
            new AnswerCheck("ann", "s2", "g2", Map.of("naturalness", 5), Map.of("naturalness", 1)),
            // An unanswered gold field fails too; fields are checked in name order.
            new AnswerCheck(
                "bo", "", "g2", Map.of("prosody", 1), Map.of("naturalness", 1, "prosody", 2)));

    assertThat(Screening.p808Gold(golds))
        .containsExactly(
            new Exclusion(
                "ann",
                "s2",
                "p808-gold@1",
                "gold clip g1: naturalness rated 3, more than 1 from the gold answer 5"),
            new Exclusion("bo", "", "p808-gold@1", "gold clip g2: naturalness was not answered"));
  }

  @Test
  void p808TrapNeedsTheInstructedAnswerExactly() {
    List<AnswerCheck> traps =
        List.of(
            new AnswerCheck("ann", "s1", "t1", Map.of("naturalness", 1), Map.of("naturalness", 1)),
            // Off by one passes a gold clip but fails a trap: the audio told the rater what to do.
            new AnswerCheck("bo", "s1", "t1", Map.of("naturalness", 2), Map.of("naturalness", 1)));

    assertThat(Screening.p808Trap(traps))
        .containsExactly(
            new Exclusion(
                "bo",
                "s1",
                "p808-trap@1",
                "trapping question t1: naturalness rated 2, instructed 1"));
  }

  @Test
  void bs1534ExcludesAboveFifteenPercentButNotAtIt() {
    List<MushraTrial> trials = new ArrayList<>();
    for (int t = 0; t < 20; t++) {
      // keeps: reference below 90 on 3 of 20 trials = 15%, not more than 15%; a reference of
      // exactly 90 is not below 90, a mid anchor of exactly 90 is not above it.
      trials.add(trial("keeps", t, t < 3 ? 85 : 90, 90));
      // low-ref: reference below 90 on 4 of 20 = 20% > 15%.
      trials.add(trial("low-ref", t, t < 4 ? 70 : 100, 40));
      // high-mid: mid anchor above 90 on 4 of 20 = 20% > 15%.
      trials.add(trial("high-mid", t, 100, t < 4 ? 95 : 50));
    }
    // A trial without a mid anchor does not count towards the anchor share: 1 of 1 = 100%.
    trials.add(new MushraTrial("one", "p0", OptionalInt.of(100), OptionalInt.of(91)));
    trials.add(new MushraTrial("one", "p1", OptionalInt.of(100), OptionalInt.empty()));

    assertThat(Screening.bs1534(trials))
        .containsExactly(
            new Exclusion(
                "low-ref",
                "",
                "bs1534-post@1",
                "hidden reference below 90 on 4 of 20 trials (20%) (more than 15% of items)"),
            new Exclusion(
                "high-mid",
                "",
                "bs1534-post@1",
                "mid anchor above 90 on 4 of 20 trials (20%) (more than 15% of items)"),
            new Exclusion(
                "one",
                "",
                "bs1534-post@1",
                "mid anchor above 90 on 1 of 1 trials (100%) (more than 15% of items)"));
  }

  private static MushraTrial trial(String rater, int t, int reference, int mid) {
    return new MushraTrial(rater, "p" + t, OptionalInt.of(reference), OptionalInt.of(mid));
  }
}
