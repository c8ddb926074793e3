/**
 * The lead's Export wizard: batch name, folder, formats, with or without audio, what the batch is
 * for; the release blockers storage finds, each explained and each overridable with a written
 * reason (recorded in the manifest and the audit log, as {@code earmark export --allow CODE
 * --reason TEXT} records it); progress; and at the end the {@code earmark verify} result and the
 * folder.
 */
package dev.earmark.app.gui.export;
