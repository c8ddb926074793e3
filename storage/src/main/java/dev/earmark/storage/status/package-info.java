/**
 * Where a project stands, in one read: clips by state, each annotator's progress, open disputes,
 * the label policy per task type, the current QE model and the last export ({@link
 * dev.earmark.storage.status.ProjectStatus}).
 */
package dev.earmark.storage.status;
