/**
 * The audit log as a lead reads and verifies it ({@code earmark audit log|verify}, the Audit
 * screen): {@link dev.earmark.storage.audit.trail.AuditTrail} checks the reader's role and the
 * anchors of the project. It sits above {@code dev.earmark.storage.project}, which itself builds on
 * the chain in {@code dev.earmark.storage.audit}.
 */
package dev.earmark.storage.audit.trail;
