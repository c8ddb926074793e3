package dev.earmark.storage.audit.trail;

import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditAnchor;
import dev.earmark.storage.audit.AuditAnchors;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.audit.AuditQuery;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.statement.Query;

/**
 * Reading the audit log, for leads: the events a filter selects, newest first ({@code earmark audit
 * log} and the workbench's Audit screen), and the chain check ({@code earmark audit verify}). The
 * log itself is written only by {@link AuditLog}. Stateless and thread-safe.
 */
public final class AuditTrail {
  private final Project project;

  public AuditTrail(Project project) {
    this.project = project;
  }

  /**
   * The events {@code query} selects, newest first.
   *
   * @throws dev.earmark.storage.PermissionDeniedException unless {@code actor} is a lead (the log
   *     records every label's before and after, which only a lead may read)
   */
  public List<AuditEvent> events(Actor actor, AuditQuery query) {
    return project
        .jdbi()
        .withHandle(
            handle -> {
              Access.require(handle, actor, "read the audit log", Role.LEAD);
              List<String> where = new ArrayList<>();
              query.actor().ifPresent(value -> where.add("actor = :actor"));
              query
                  .action()
                  .ifPresent(value -> where.add("(action = :action OR action LIKE :actionPrefix)"));
              query
                  .entity()
                  .ifPresent(
                      value ->
                          where.add(
                              "(LOWER(entity_type) LIKE :entity OR LOWER(entity_id) LIKE"
                                  + " :entity)"));
              query.from().ifPresent(value -> where.add("occurred_at >= :from"));
              query.until().ifPresent(value -> where.add("occurred_at < :until"));
              Query select =
                  handle.createQuery(
                      "SELECT seq, occurred_at, actor, action, entity_type, entity_id,"
                          + " before_json, after_json, prev_hash, hash FROM audit_events"
                          + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                          + " ORDER BY seq DESC LIMIT :limit");
              query.actor().ifPresent(value -> select.bind("actor", value));
              query
                  .action()
                  .ifPresent(
                      value ->
                          select.bind("action", value).bind("actionPrefix", like(value) + ".%"));
              query
                  .entity()
                  .ifPresent(
                      value ->
                          select.bind("entity", "%" + like(value.toLowerCase(Locale.ROOT)) + "%"));
              query
                  .from()
                  .ifPresent(
                      value ->
                          select.bind("from", OffsetDateTime.ofInstant(value, ZoneOffset.UTC)));
              query
                  .until()
                  .ifPresent(
                      value ->
                          select.bind("until", OffsetDateTime.ofInstant(value, ZoneOffset.UTC)));
              return select
                  .bind("limit", query.limit())
                  .map((rs, ctx) -> AuditLog.readEvent(rs))
                  .list();
            });
  }

  /**
   * Re-checks the whole chain and that it still holds every anchor of the project's anchors file
   * ({@link AuditLog#verify(List)}), as {@code earmark audit verify} does; when intact, the head is
   * recorded as a new anchor. Anyone may, since the answer reveals no event's content.
   */
  public AuditVerification verify() {
    List<AuditAnchor> known = project.anchors().map(AuditAnchors::read).orElse(List.of());
    AuditVerification result = project.audit().verify(known);
    if (result instanceof AuditVerification.Intact) {
      project.anchorHead("audit verify");
    }
    return result;
  }

  /** {@code text} with LIKE's wildcards taken literally (H2 and PostgreSQL escape with \). */
  private static String like(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
