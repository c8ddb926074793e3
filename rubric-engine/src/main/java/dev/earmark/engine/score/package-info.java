/**
 * Scoring of transcripts against a reference: word-level Levenshtein alignment ({@link
 * dev.earmark.engine.score.Aligner}, {@link dev.earmark.engine.score.Alignment}, {@link
 * dev.earmark.engine.score.AlignmentOp}), word and character error rates, the entity error rate on
 * protected phrases, and their totals per utterance, per slice and for a corpus ({@link
 * dev.earmark.engine.score.Scorer}, {@link dev.earmark.engine.score.CorpusScore}).
 *
 * <p>The scorer works on token lists. Turning raw text into tokens is the job of a {@link
 * dev.earmark.engine.score.Tokenizer}: whitespace splitting ({@code none}) here, a compiled
 * normalization rule set from {@code dev.earmark.engine.normalize} otherwise. Alignment semantics
 * and the tie-break between equally short alignments are recorded in {@code
 * docs/decisions/0003-alignment-tie-break.md}. Token lists may carry sclite alternation markup
 * ({@code {are not / have not}}), which the scorer reads as choices through a network alignment
 * (package-private {@code NetworkAligner}, a port of sclite's {@code net_dp.c}); {@link
 * dev.earmark.engine.score.AlignmentMode#SCLITE} reproduces sclite's own alignment and counts.
 */
package dev.earmark.engine.score;
