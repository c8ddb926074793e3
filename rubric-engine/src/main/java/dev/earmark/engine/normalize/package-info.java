/**
 * Normalization rule sets: versioned, immutable, ordered lists of text rules ({@link
 * dev.earmark.engine.normalize.RuleSet}, {@link dev.earmark.engine.normalize.Rule}) applied to a
 * transcript before any comparison (WER, agreement, disputes), their JSON file format ({@link
 * dev.earmark.engine.normalize.RuleSetJson}), the built-in sets ({@link
 * dev.earmark.engine.normalize.RuleSets}), the importer of sclite GLM files ({@link
 * dev.earmark.engine.normalize.GlmImporter}) and the compiled, thread-safe {@link
 * dev.earmark.engine.normalize.Normalizer} that applies them, with a trace of which rule changed
 * which span. The semantics are written down in docs/decisions/0002-normalization-semantics.md.
 */
package dev.earmark.engine.normalize;
