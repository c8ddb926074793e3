/**
 * What the agreement dashboard reads from a project: the submitted labels of one task type under
 * the rubric version its label policy names, with the clip, annotator, time spent, submission time
 * and import run of each; the gold answers of those clips; the import runs (the batches a trend is
 * drawn across); and the normalization rule set transcripts are compared under.
 *
 * <p>Only leads and adjudicators may read it (both already see every label); annotators are
 * refused, so blind labeling holds however the dashboard is reached.
 *
 * <p>{@link dev.earmark.storage.agreement.AgreementFigures} turns what was read into the figures
 * the dashboard and {@code earmark agreement --project} show ({@link
 * dev.earmark.storage.agreement.TaskFigures}, flattened by {@link
 * dev.earmark.storage.agreement.AgreementNumbers}): it codes labels as the engine's ratings and
 * transcripts and keeps the items behind each number; every statistic itself is computed by {@code
 * dev.earmark.engine.agreement}. One implementation, so the window and the command line can never
 * disagree.
 */
package dev.earmark.storage.agreement;
