/**
 * The lead's Status tab: the figures of {@code earmark status} ({@code
 * storage.status.ProjectStatus}) as cards: clips by state, disputes, the policy per task type, each
 * annotator's progress, the QE model and the last export.
 */
package dev.earmark.app.gui.status;
