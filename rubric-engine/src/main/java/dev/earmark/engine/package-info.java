/**
 * Earmark's domain core: rubrics, normalization rule sets, WER alignment, agreement statistics,
 * dispute routing, label-policy diffs and release checks. Pure Java: no JavaFX, no SQL, no Jdbi
 * (enforced by the ArchUnit rules in the app module). Each feature lives in its own subpackage.
 */
package dev.earmark.engine;
