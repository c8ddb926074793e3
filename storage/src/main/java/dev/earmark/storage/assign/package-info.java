/**
 * Assignments of active clips to annotators with overlap and gold items, gold answers, and
 * per-annotator queues ordered by a pluggable {@link dev.earmark.storage.assign.QueuePriority}.
 */
package dev.earmark.storage.assign;
