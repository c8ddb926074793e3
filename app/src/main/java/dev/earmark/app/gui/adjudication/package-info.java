/**
 * The adjudicator's screen (PRODUCT.md §3.6, UI.md "Adjudicator: one dispute"): the queue of
 * disputes with the routing rule that fired and its evidence, the clip on the shared waveform and
 * player, the word-aligned view of every annotator's transcript and the ASR hypothesis ({@link
 * dev.earmark.storage.adjudicate.AlignmentGrid}), the annotators' ratings beside the rubric's
 * anchored descriptions, and one decision with a reason code, undoable in the session ({@link
 * dev.earmark.app.gui.adjudication.DecisionHistory}). The view-model holds no JavaFX node.
 */
package dev.earmark.app.gui.adjudication;
