/**
 * The append-only, hash-chained audit log: every state change names its actor, and editing,
 * deleting or reordering a row behind Earmark's back is detected by {@link
 * dev.earmark.storage.audit.AuditLog#verify}.
 */
package dev.earmark.storage.audit;
