/**
 * Agreement statistics between annotators: Krippendorff's alpha (nominal, ordinal, interval,
 * ratio), Fleiss' kappa, Cohen's kappa (unweighted, linear, quadratic), percent agreement, seeded
 * bootstrap intervals, per-annotator agreement (pairwise and with the rest), accuracy on gold items
 * and pairwise WER between annotators' transcripts.
 *
 * <p>Data enters as {@link dev.earmark.engine.agreement.Rating}s coded once into a {@link
 * dev.earmark.engine.agreement.RatingTable} under a {@link dev.earmark.engine.agreement.LabelScale}
 * (which says how labels are ordered: numerically, in a rubric scale's order, or not at all). Every
 * statistic is computed from per-item contributions, so a bootstrap resample re-weights items
 * instead of recomputing from raw data. Degenerate data (no ratings, one annotator, nothing
 * pairable, one category only) gives an {@link dev.earmark.engine.agreement.AgreementResult}
 * without a value and with an {@link dev.earmark.engine.agreement.UndefinedReason}, never NaN. The
 * formulas and the choices behind them are in docs/decisions/0004-agreement-formulas.md.
 */
package dev.earmark.engine.agreement;
