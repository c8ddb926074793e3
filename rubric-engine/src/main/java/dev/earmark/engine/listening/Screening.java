package dev.earmark.engine.listening;

import dev.earmark.engine.EngineException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The published rater-screening rules of listening tests, each under a versioned rule id that the
 * export records beside every exclusion: ITU-T P.808's gold and trapping questions for ACR, and
 * ITU-R BS.1534-3's post-screening for MUSHRA. Pure functions of their inputs; thread-safe.
 */
public final class Screening {
  /**
   * P.808 gold questions: a submission fails when a gold clip's rating is more than {@value
   * #GOLD_TOLERANCE} point from the gold answer on any field the gold answer gives.
   */
  public static final String P808_GOLD = "p808-gold@1";

  /** P.808 trapping questions: a submission fails when a trap is not answered as instructed. */
  public static final String P808_TRAP = "p808-trap@1";

  /**
   * BS.1534-3 post-screening: an assessor is excluded who rates the hidden reference below {@value
   * #REFERENCE_FLOOR} on more than {@value #ITEM_SHARE} of the items, or the mid anchor above
   * {@value #REFERENCE_FLOOR} on more than {@value #ITEM_SHARE} of the items.
   */
  public static final String BS1534_POST = "bs1534-post@1";

  /** The largest distance from a gold answer that still passes (P.808: within ±1). */
  public static final int GOLD_TOLERANCE = 1;

  /** BS.1534-3's score threshold for the hidden reference and the mid anchor. */
  public static final int REFERENCE_FLOOR = 90;

  /** BS.1534-3's largest share of items an assessor may miss the threshold on. */
  public static final double ITEM_SHARE = 0.15;

  private Screening() {}

  /**
   * One rater's answer to a gold clip or trapping question, in the session it was given in.
   *
   * @param session the session id; empty when the project has no sessions (the rater is then
   *     screened as a whole)
   * @param given the rater's points per field (a field left unanswered is absent)
   * @param expected the gold answer or the instructed answer per field
   */
  public record AnswerCheck(
      String rater,
      String session,
      String clip,
      Map<String, Integer> given,
      Map<String, Integer> expected) {
    public AnswerCheck {
      if (rater == null || rater.isBlank() || clip == null || clip.isBlank()) {
        throw new EngineException("an answer check needs its rater and clip");
      }
      session = session == null ? "" : session;
      given = Map.copyOf(given);
      expected = Map.copyOf(expected);
      if (expected.isEmpty()) {
        throw new EngineException("the answer check of clip " + clip + " expects no field");
      }
    }
  }

  /**
   * One rater's scores for one MUSHRA trial's hidden reference and mid anchor (either may be
   * absent: a trial without a mid anchor does not count towards the anchor share).
   */
  public record MushraTrial(
      String rater, String trial, OptionalInt reference, OptionalInt anchorMid) {
    public MushraTrial {
      if (rater == null || rater.isBlank() || trial == null || trial.isBlank()) {
        throw new EngineException("a MUSHRA trial score needs its rater and trial");
      }
    }
  }

  /**
   * A rater (or one session of theirs) excluded from the results, the rule version that excluded
   * them and a one-line reason naming the evidence.
   *
   * @param session the excluded session; empty when the whole rater is excluded
   */
  public record Exclusion(String rater, String session, String rule, String reason) {}

  /**
   * P.808 gold-question screening ({@value #P808_GOLD}): one exclusion per rater and session with a
   * gold clip rated more than ±{@value #GOLD_TOLERANCE} from its answer, naming the first miss.
   */
  public static List<Exclusion> p808Gold(List<AnswerCheck> golds) {
    return firstMissPerSubmission(
        golds,
        P808_GOLD,
        (check, field, expected, given) ->
            given == null
                ? "gold clip " + check.clip() + ": " + field + " was not answered"
                : Math.abs(given - expected) > GOLD_TOLERANCE
                    ? "gold clip "
                        + check.clip()
                        + ": "
                        + field
                        + " rated "
                        + given
                        + ", more than "
                        + GOLD_TOLERANCE
                        + " from the gold answer "
                        + expected
                    : null);
  }

  /**
   * P.808 trapping-question screening ({@value #P808_TRAP}): one exclusion per rater and session
   * with a trap not answered exactly as instructed.
   */
  public static List<Exclusion> p808Trap(List<AnswerCheck> traps) {
    return firstMissPerSubmission(
        traps,
        P808_TRAP,
        (check, field, expected, given) ->
            given != null && given.equals(expected)
                ? null
                : "trapping question "
                    + check.clip()
                    + ": "
                    + field
                    + (given == null ? " was not answered" : " rated " + given)
                    + ", instructed "
                    + expected);
  }

  private interface Miss {
    /** The reason when {@code given} fails {@code expected}, else null. */
    String of(AnswerCheck check, String field, int expected, Integer given);
  }

  private static List<Exclusion> firstMissPerSubmission(
      List<AnswerCheck> checks, String rule, Miss miss) {
    Map<List<String>, String> failed = new LinkedHashMap<>();
    for (AnswerCheck check : checks) {
      List<String> submission = List.of(check.rater(), check.session());
      if (failed.containsKey(submission)) {
        continue;
      }
      for (Map.Entry<String, Integer> expected :
          new java.util.TreeMap<>(check.expected()).entrySet()) {
        String reason =
            miss.of(
                check,
                expected.getKey(),
                expected.getValue(),
                check.given().get(expected.getKey()));
        if (reason != null) {
          failed.put(submission, reason);
          break;
        }
      }
    }
    List<Exclusion> exclusions = new ArrayList<>();
    failed.forEach(
        (submission, reason) ->
            exclusions.add(new Exclusion(submission.get(0), submission.get(1), rule, reason)));
    return exclusions;
  }

  /**
   * BS.1534-3 post-screening ({@value #BS1534_POST}): per assessor, the share of their trials with
   * the hidden reference scored below {@value #REFERENCE_FLOOR}, and the share of their trials with
   * a mid anchor scored above {@value #REFERENCE_FLOOR}; either above {@value #ITEM_SHARE} excludes
   * the assessor. Assessors in the order first seen.
   */
  public static List<Exclusion> bs1534(List<MushraTrial> trials) {
    Map<String, int[]> counts = new LinkedHashMap<>(); // ref trials, ref low, mid trials, mid high
    for (MushraTrial trial : trials) {
      int[] c = counts.computeIfAbsent(trial.rater(), r -> new int[4]);
      if (trial.reference().isPresent()) {
        c[0]++;
        if (trial.reference().getAsInt() < REFERENCE_FLOOR) {
          c[1]++;
        }
      }
      if (trial.anchorMid().isPresent()) {
        c[2]++;
        if (trial.anchorMid().getAsInt() > REFERENCE_FLOOR) {
          c[3]++;
        }
      }
    }
    List<Exclusion> exclusions = new ArrayList<>();
    counts.forEach(
        (rater, c) -> {
          List<String> reasons = new ArrayList<>();
          if (c[0] > 0 && (double) c[1] / c[0] > ITEM_SHARE) {
            reasons.add("hidden reference below " + REFERENCE_FLOOR + " on " + share(c[1], c[0]));
          }
          if (c[2] > 0 && (double) c[3] / c[2] > ITEM_SHARE) {
            reasons.add("mid anchor above " + REFERENCE_FLOOR + " on " + share(c[3], c[2]));
          }
          if (!reasons.isEmpty()) {
            exclusions.add(
                new Exclusion(
                    rater,
                    "",
                    BS1534_POST,
                    String.join("; ", reasons)
                        + " (more than "
                        + Math.round(ITEM_SHARE * 100)
                        + "% of items)"));
          }
        });
    return exclusions;
  }

  private static String share(int count, int of) {
    return count + " of " + of + " trials (" + Math.round(100.0 * count / of) + "%)";
  }
}
