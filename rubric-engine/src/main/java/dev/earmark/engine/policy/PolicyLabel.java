package dev.earmark.engine.policy;

/**
 * One label as the policy diff reads it: an annotator's transcript of an item (the reference) and
 * the ASR hypothesis under evaluation.
 *
 * @param id the item (clip) id; several labels of one item come from several annotators
 * @param slice the slice the item belongs to (a grouping key); never null
 * @param annotator who wrote the transcript, or null when unknown
 * @param hypothesis the ASR output, or null when the item has none (its WER is then not compared)
 */
public record PolicyLabel(
    String id, String slice, String annotator, String reference, String hypothesis) {}
