package dev.earmark.storage.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit events to read: every given filter must match; an empty filter matches everything.
 * Immutable.
 *
 * @param actor the acting user's id, exactly
 * @param action an action, or its leading part: {@code label} matches {@code label.submit}
 * @param entity text contained in the entity type or id ({@code clip-0007}, {@code batch})
 * @param from events at or after this instant
 * @param until events before this instant
 * @param limit at most this many events, the newest first; at least 1
 */
public record AuditQuery(
    Optional<String> actor,
    Optional<String> action,
    Optional<String> entity,
    Optional<Instant> from,
    Optional<Instant> until,
    int limit) {
  /** How many events a query returns unless it says otherwise. */
  public static final int DEFAULT_LIMIT = 1000;

  public AuditQuery {
    actor = blankToEmpty(actor);
    action = blankToEmpty(action);
    entity = blankToEmpty(entity);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }

  /** Every event, newest first, up to {@link #DEFAULT_LIMIT}. */
  public static AuditQuery all() {
    return new AuditQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_LIMIT);
  }

  private static Optional<String> blankToEmpty(Optional<String> value) {
    return Objects.requireNonNull(value).map(String::strip).filter(text -> !text.isEmpty());
  }
}
