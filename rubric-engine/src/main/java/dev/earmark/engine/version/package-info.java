/**
 * Identity of immutable, versioned definitions (rubrics, normalization rule sets): the {@code
 * name@N} id and the content hash that proves a published version never changed.
 */
package dev.earmark.engine.version;
