/**
 * Dispute routing: which items go to adjudication and why. A {@link
 * dev.earmark.engine.dispute.DisputeRouter} applies the project's {@link
 * dev.earmark.engine.dispute.RoutingSettings} (thresholds come from project settings, never from
 * code) to each item's labels and returns a {@link dev.earmark.engine.dispute.Dispute} naming every
 * rule that fired with its evidence. Transcripts are compared through the agreement package's
 * {@link dev.earmark.engine.agreement.TranscriptComparator}, i.e. after the label policy's
 * normalization rule set.
 */
package dev.earmark.engine.dispute;
