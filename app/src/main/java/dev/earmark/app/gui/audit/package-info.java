/**
 * The lead's Audit screen: the project's hash-chained audit log as a table filtered by actor,
 * action, entity and time (storage's {@code AuditTrail}, as {@code earmark audit log}), and a
 * Verify chain button with its result (as {@code earmark audit verify}).
 */
package dev.earmark.app.gui.audit;
