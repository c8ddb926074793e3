package dev.earmark.engine.score;

/**
 * Which alignment the scorer counts errors on. Both read alternation markup ({@code {are not / have
 * not}}) as choices; they differ in what "best" means. {@code
 * docs/decisions/0003-alignment-tie-break.md} explains both.
 */
public enum AlignmentMode {
  /**
   * The default: the fewest errors (the true word edit distance, as jiwer reports), then the fewest
   * substitutions, then a fixed trace-back preference (diagonal, deletion, insertion).
   */
  MINIMUM_EDIT,

  /**
   * NIST sclite's alignment: the lowest {@code 4·S + 3·D + 3·I} (an {@code @} costs 0.001 to skip),
   * ties broken as sclite's {@code net_dp.c} breaks them (substitution or hit, then deletion only
   * when strictly cheaper than insertion, else insertion). It may report more errors than {@link
   * #MINIMUM_EDIT} when that buys hits: {@code b c a d a} / {@code d d b b c} is 2 hits, 3
   * deletions, 3 insertions here and 5 substitutions there.
   */
  SCLITE
}
