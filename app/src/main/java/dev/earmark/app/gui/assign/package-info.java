/**
 * The lead's Assign screen: task, annotators, overlap, gold share or gold file, priority, slice
 * quotas, limit, dataset and seed; a preview of what {@code earmark assign --dry-run} reports (each
 * annotator's load and the slice mix) before Apply runs the same storage call for real.
 */
package dev.earmark.app.gui.assign;
