package dev.earmark.storage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.storage.user.Actor;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Appends events under any action text, as a release before the typed {@link AuditAction}s (or a
 * later one) may have written them, so readers of the log can be tested against actions that no
 * constant names.
 */
public final class OlderReleaseEvents {
  private OlderReleaseEvents() {}

  public static AuditEvent append(
      AuditLog log,
      Handle handle,
      Actor actor,
      String action,
      String entityType,
      String entityId,
      JsonNode after) {
    return log.appendStored(
            handle, actor, List.of(new AuditLog.Stored(action, entityType, entityId, null, after)))
        .get(0);
  }
}
