package dev.earmark.storage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.storage.user.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The append-only, hash-chained audit log. Each event's hash covers its fields and the previous
 * event's hash; the {@code audit_head} row holds the last sequence number and hash and is locked by
 * every append, so appends from concurrent writers form one chain and a truncated tail is detected.
 *
 * <p>Appends run inside the caller's transaction, so an event exists exactly when the change it
 * records was committed. Thread-safe.
 */
public final class AuditLog {
  /** The {@code prevHash} of the first event. */
  public static final String GENESIS =
      "sha256:0000000000000000000000000000000000000000000000000000000000000000";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbi jdbi;
  private final Clock clock;

  public AuditLog(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** A mapper for building before/after documents. */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * One event to append, built from its {@link AuditAction} ({@code
   * AuditAction.USER_ADD.created(id, after)}); {@code before} and {@code after} may be null.
   */
  public record Pending(AuditAction action, String entityId, JsonNode before, JsonNode after) {
    public Pending {
      Objects.requireNonNull(action, "action");
    }

    private Stored stored() {
      return new Stored(action.code(), action.entityType(), entityId, before, after);
    }
  }

  /** An event as it is stored and hashed: its action and entity type as text. */
  record Stored(
      String action, String entityType, String entityId, JsonNode before, JsonNode after) {}

  /**
   * Appends one event in the transaction of {@code handle}; call it in the same transaction as the
   * change it records.
   */
  public AuditEvent append(Handle handle, Actor actor, Pending event) {
    return appendAll(handle, actor, List.of(event)).get(0);
  }

  /**
   * Appends several events, in order, in the transaction of {@code handle}: the head is locked once
   * and the events are written as one batch, which is what makes bulk changes (an import of 100k
   * clips) affordable while every entity keeps its own event.
   */
  public List<AuditEvent> appendAll(Handle handle, Actor actor, List<Pending> pending) {
    return appendStored(handle, actor, pending.stream().map(Pending::stored).toList());
  }

  /**
   * Appends events as stored text. Only the typed {@link Pending} reaches it in production; tests
   * use it to stand in for an event an older release wrote under an action no constant names.
   */
  List<AuditEvent> appendStored(Handle handle, Actor actor, List<Stored> pending) {
    if (pending.isEmpty()) {
      return List.of();
    }
    Head head =
        handle
            .createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
            .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2)))
            .findOne()
            .orElseThrow(
                () ->
                    new dev.earmark.storage.StorageException(
                        "the audit_head row is missing: the audit log was tampered with, so"
                            + " nothing more is recorded; run 'earmark audit verify'"));
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    OffsetDateTime stored = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO audit_events (seq, occurred_at, actor, action, entity_type, entity_id,"
                + " before_json, after_json, prev_hash, hash) VALUES (:seq, :at, :actor, :action,"
                + " :entityType, :entityId, :before, :after, :prev, :hash)");
    List<AuditEvent> events = new ArrayList<>(pending.size());
    long seq = head.lastSeq();
    String prev = head.lastHash();
    for (Stored event : pending) {
      seq++;
      String beforeJson = event.before() == null ? null : ContentHash.canonicalJson(event.before());
      String afterJson = event.after() == null ? null : ContentHash.canonicalJson(event.after());
      String hash =
          hash(
              seq,
              at,
              actor.userId(),
              event.action(),
              event.entityType(),
              event.entityId(),
              beforeJson,
              afterJson,
              prev);
      batch
          .bind("seq", seq)
          .bind("at", stored)
          .bind("actor", actor.userId())
          .bind("action", event.action())
          .bind("entityType", event.entityType())
          .bind("entityId", event.entityId())
          .bind("before", beforeJson)
          .bind("after", afterJson)
          .bind("prev", prev)
          .bind("hash", hash)
          .add();
      events.add(
          new AuditEvent(
              seq,
              at,
              actor.userId(),
              event.action(),
              event.entityType(),
              event.entityId(),
              beforeJson,
              afterJson,
              prev,
              hash));
      prev = hash;
    }
    batch.execute();
    handle
        .createUpdate("UPDATE audit_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
        .bind("seq", seq)
        .bind("hash", prev)
        .execute();
    return events;
  }

  /** Events about one entity, oldest first. */
  public List<AuditEvent> eventsFor(String entityType, String entityId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(SELECT + " WHERE entity_type = :type AND entity_id = :id ORDER BY seq")
                .bind("type", entityType)
                .bind("id", entityId)
                .map((rs, ctx) -> readEvent(rs))
                .list());
  }

  /**
   * The chain's head as the {@code audit_head} row states it (sequence 0 and {@link #GENESIS} when
   * nothing was appended yet), to anchor outside the database.
   *
   * @throws dev.earmark.storage.StorageException when the head row was deleted
   */
  public AuditAnchor head(String source) {
    return jdbi.withHandle(
        handle ->
            readHead(handle)
                .map(h -> new AuditAnchor(h.lastSeq(), h.lastHash(), clock.instant(), source))
                .orElseThrow(
                    () ->
                        new dev.earmark.storage.StorageException(
                            "the audit_head row is missing: the audit log was tampered with;"
                                + " run 'earmark audit verify'")));
  }

  /** Like {@link #head(String)}, read in the transaction of {@code handle}. */
  public AuditAnchor head(Handle handle, String source) {
    return readHead(handle)
        .map(h -> new AuditAnchor(h.lastSeq(), h.lastHash(), clock.instant(), source))
        .orElseThrow(
            () ->
                new dev.earmark.storage.StorageException(
                    "the audit_head row is missing: the audit log was tampered with;"
                        + " run 'earmark audit verify'"));
  }

  private static java.util.Optional<Head> readHead(Handle handle) {
    return handle
        .createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
        .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2)))
        .findOne();
  }

  /**
   * Re-checks the whole chain in sequence order: numbering without gaps, each event's link to its
   * predecessor, each event's own hash, and the head row against the last event.
   */
  public AuditVerification verify() {
    return verify(List.of());
  }

  /**
   * Like {@link #verify()}, and also checks that the chain still holds every anchor in {@code
   * anchors} (heads recorded outside the database by earlier batches, packs and verifications): an
   * anchor whose event is gone or has another hash means events were removed from the end and the
   * head rewound, which the chain alone cannot show.
   */
  public AuditVerification verify(List<AuditAnchor> anchors) {
    java.util.Map<Long, AuditAnchor> wanted = new java.util.TreeMap<>();
    for (AuditAnchor anchor : anchors) {
      wanted.merge(anchor.seq(), anchor, (a, b) -> a);
    }
    return jdbi.withHandle(
        handle -> {
          java.util.Optional<Head> recordedHead = readHead(handle);
          if (recordedHead.isEmpty()) {
            return new AuditVerification.Broken(
                0,
                "the audit_head row is missing (deleted behind Earmark's back), so the end of the"
                    + " log cannot be trusted");
          }
          long expectedSeq = 1;
          String expectedPrev = GENESIS;
          try (ResultIterator<AuditEvent> it =
              handle
                  .createQuery(SELECT + " ORDER BY seq")
                  .map((rs, ctx) -> readEvent(rs))
                  .iterator()) {
            while (it.hasNext()) {
              AuditEvent event = it.next();
              if (event.seq() != expectedSeq) {
                return new AuditVerification.Broken(
                    expectedSeq,
                    event.seq() > expectedSeq
                        ? "event "
                            + expectedSeq
                            + " is missing (deleted); the next is "
                            + event.seq()
                        : "event " + event.seq() + " appears twice");
              }
              if (!event.prevHash().equals(expectedPrev)) {
                return new AuditVerification.Broken(
                    event.seq(),
                    "event "
                        + event.seq()
                        + " does not link to event "
                        + (event.seq() - 1)
                        + " (events were reordered, inserted or removed)");
              }
              String recomputed =
                  hash(
                      event.seq(),
                      event.occurredAt(),
                      event.actor(),
                      event.action(),
                      event.entityType(),
                      event.entityId(),
                      event.beforeJson(),
                      event.afterJson(),
                      event.prevHash());
              if (!recomputed.equals(event.hash())) {
                return new AuditVerification.Broken(
                    event.seq(),
                    "event "
                        + event.seq()
                        + " ("
                        + event.action()
                        + " "
                        + event.entityType()
                        + " "
                        + event.entityId()
                        + ") was altered after it was written");
              }
              AuditAnchor anchor = wanted.get(event.seq());
              if (anchor != null && !anchor.hash().equals(event.hash())) {
                return new AuditVerification.Broken(
                    event.seq(),
                    "event "
                        + event.seq()
                        + " is not the event anchored by "
                        + anchor.source()
                        + " (the log was rewritten from there on)");
              }
              expectedPrev = event.hash();
              expectedSeq++;
            }
          }
          long last = expectedSeq - 1;
          for (AuditAnchor anchor : wanted.values()) {
            if (anchor.seq() > last) {
              return new AuditVerification.Broken(
                  last + 1,
                  "the log ends at event "
                      + last
                      + " but "
                      + anchor.source()
                      + " anchored event "
                      + anchor.seq()
                      + " (events were removed from the end and the head rewound)");
            }
          }
          Head head = recordedHead.get();
          if (head.lastSeq() != last || !head.lastHash().equals(expectedPrev)) {
            return new AuditVerification.Broken(
                last + 1,
                "the log ends at event "
                    + last
                    + " but Earmark last wrote event "
                    + head.lastSeq()
                    + " (events were removed from the end)");
          }
          return new AuditVerification.Intact(last, expectedPrev);
        });
  }

  private static final String SELECT =
      "SELECT seq, occurred_at, actor, action, entity_type, entity_id, before_json, after_json,"
          + " prev_hash, hash FROM audit_events";

  /**
   * Reads one event from a row whose columns are, in order: {@code seq, occurred_at, actor, action,
   * entity_type, entity_id, before_json, after_json, prev_hash, hash} (the trail's filtered query
   * selects the same columns).
   */
  public static AuditEvent readEvent(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new AuditEvent(
        rs.getLong(1),
        rs.getObject(2, OffsetDateTime.class).toInstant(),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10));
  }

  /** The hash of one event: unambiguous (length-prefixed fields), so no two events collide. */
  static String hash(
      long seq,
      Instant at,
      String actor,
      String action,
      String entityType,
      String entityId,
      String beforeJson,
      String afterJson,
      String prevHash) {
    StringBuilder text = new StringBuilder(256);
    for (String field :
        new String[] {
          Long.toString(seq),
          Long.toString(at.toEpochMilli()),
          actor,
          action,
          entityType,
          entityId,
          beforeJson,
          afterJson,
          prevHash
        }) {
      String value = Objects.requireNonNullElse(field, "\u0000null");
      text.append(value.length()).append(':').append(value).append('\n');
    }
    return ContentHash.ofText(text.toString());
  }

  private record Head(long lastSeq, String lastHash) {}
}
