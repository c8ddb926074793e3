/**
 * What the agreement dashboard reads from a project: the submitted labels of one task type under
 * the rubric version its label policy names, with the clip, annotator, time spent, submission time
 * and import run of each; the gold answers of those clips; the import runs (the batches a trend is
 * drawn across); and the normalization rule set transcripts are compared under.
 *
 * <p>Only leads and adjudicators may read it (both already see every label); annotators are
 * refused, so blind labeling holds however the dashboard is reached. Statistics are not computed
 * here: they belong to {@code dev.earmark.engine.agreement}.
 */
package dev.earmark.storage.agreement;
