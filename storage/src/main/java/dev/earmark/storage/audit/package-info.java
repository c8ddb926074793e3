/**
 * The append-only, hash-chained audit log: every state change names its actor, and editing,
 * deleting or reordering a row behind Earmark's back is detected by {@link
 * dev.earmark.storage.audit.AuditLog#verify}. Heads anchored outside the database ({@link
 * dev.earmark.storage.audit.AuditAnchors}, {@link dev.earmark.storage.audit.CarriedAnchor}) reveal
 * a truncated and rewound log, and {@link dev.earmark.storage.audit.AuditReplay} names table rows
 * edited without an event.
 */
package dev.earmark.storage.audit;
