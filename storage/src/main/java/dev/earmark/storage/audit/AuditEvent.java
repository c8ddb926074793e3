package dev.earmark.storage.audit;

import java.time.Instant;

/**
 * One recorded state change: who did what to which entity, and the entity's state before and after
 * as canonical JSON text (null when the entity did not exist before, or no longer exists after).
 * {@code hash} covers every other field and {@code prevHash}, which chains the events.
 */
public record AuditEvent(
    long seq,
    Instant occurredAt,
    String actor,
    String action,
    String entityType,
    String entityId,
    String beforeJson,
    String afterJson,
    String prevHash,
    String hash) {}
