/**
 * Labels: autosaved drafts and submissions, validated against the assignment's exact rubric
 * version, optimistically locked, and read blind: the data-access layer itself keeps other
 * annotators' labels from an annotator.
 */
package dev.earmark.storage.label;
