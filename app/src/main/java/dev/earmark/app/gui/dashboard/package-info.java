/**
 * The lead's agreement dashboard (PRODUCT.md §3.5, UI.md "Lead: agreement at a glance"): per task
 * type, one card per rubric field (Krippendorff's alpha with its bootstrap interval as a bar, n
 * items, n annotators, Cohen and Fleiss where they apply, percent agreement, a trend sparkline), an
 * annotator × annotator heat map, a table of annotators (gold accuracy, labels, median seconds per
 * item), confusion matrices for categorical fields, and CSV/PNG export.
 *
 * <p>Every figure comes from {@code dev.earmark.engine.agreement}; storage's {@link
 * dev.earmark.storage.agreement.AgreementFigures} only turns stored labels into the engine's
 * ratings and transcripts and keeps, for each number, the items behind it; {@code earmark agreement
 * --project} prints the same figures from the same code. {@link
 * dev.earmark.app.gui.dashboard.AgreementCsv} is plain Java (no JavaFX), tested without a window.
 * {@link dev.earmark.app.gui.dashboard.AgreementViewModel} runs the computation in the background
 * with progress and cancel; {@link dev.earmark.app.gui.dashboard.AgreementView} draws it.
 *
 * <p>The trend across batches uses import runs when the labels span more than one; with a single
 * import run (the demo) it uses up to four equal windows of items ordered by when their last label
 * was submitted. The choice is shown on the dashboard.
 */
package dev.earmark.app.gui.dashboard;
