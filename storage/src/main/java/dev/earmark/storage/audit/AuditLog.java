package dev.earmark.storage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.storage.user.Actor;
import java.nio.charset.StandardCharsets;
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
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The append-only, hash-chained audit log. Each event's hash covers its fields and the previous
 * event's hash; the {@code audit_head} row holds the last sequence number and hash and is locked by
 * every append, so appends from concurrent writers form one chain and a truncated tail is detected.
 *
 * <p>Appends run inside the caller's transaction, so an event exists exactly when the change it
 * records was committed. The head stays locked until that commit and every writer of the project
 * queues on it, so an append computes all it can before taking the lock and, on PostgreSQL, locks,
 * links and moves the head of a single event in one statement (docs/decisions ADR 16); call it last
 * in a transaction. Thread-safe.
 */
public final class AuditLog {
  /** The {@code prevHash} of the first event. */
  public static final String GENESIS =
      "sha256:0000000000000000000000000000000000000000000000000000000000000000";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbi jdbi;
  private final Clock clock;

  /** Whether the project is on PostgreSQL; null until the first append asks. */
  private volatile Boolean postgresql;

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
    // Everything that does not depend on the chain's head is computed before the head is locked:
    // the head lock is held until the caller's commit, and every writer of the project queues on
    // it.
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<Unlinked> events = new ArrayList<>(pending.size());
    for (Stored event : pending) {
      events.add(Unlinked.of(event, at, actor));
    }
    if (events.size() == 1 && onPostgresql(handle)) {
      return List.of(appendInOneStatement(handle, events.get(0)));
    }
    Head head =
        handle
            .createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
            .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2)))
            .findOne()
            .orElseThrow(AuditLog::headMissing);
    OffsetDateTime stored = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    PreparedBatch batch = handle.prepareBatch(INSERT_EVENT);
    List<AuditEvent> appended = new ArrayList<>(events.size());
    long seq = head.lastSeq();
    String prev = head.lastHash();
    for (Unlinked event : events) {
      seq++;
      AuditEvent linked = event.linked(seq, prev, link(seq, event.body(), prev));
      bindEvent(batch, linked, stored).add();
      appended.add(linked);
      prev = linked.hash();
    }
    batch.execute();
    handle
        .createUpdate("UPDATE audit_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
        .bind("seq", seq)
        .bind("hash", prev)
        .execute();
    return appended;
  }

  private static final String INSERT_EVENT =
      "INSERT INTO audit_events (seq, occurred_at, actor, action, entity_type, entity_id,"
          + " before_json, after_json, prev_hash, hash) VALUES (:seq, :at, :actor, :action,"
          + " :entityType, :entityId, :before, :after, :prev, :hash)";

  private static <T extends SqlStatement<T>> T bindEvent(
      T statement, AuditEvent event, OffsetDateTime at) {
    return statement
        .bind("seq", event.seq())
        .bind("at", at)
        .bind("actor", event.actor())
        .bind("action", event.action())
        .bind("entityType", event.entityType())
        .bind("entityId", event.entityId())
        .bind("before", event.beforeJson())
        .bind("after", event.afterJson())
        .bind("prev", event.prevHash())
        .bind("hash", event.hash());
  }

  /**
   * Appends one event on PostgreSQL in a single statement: the head row is locked, the event linked
   * to it (the same {@link #hash} as computed here, PostgreSQL's {@code sha256} over the sequence
   * number, the body computed before the lock, and the previous hash), inserted, and the head
   * moved, in one round trip. Holding the head lock then costs one statement and the commit rather
   * than three client round trips and the commit; under load, each round trip inside the lock is a
   * chance for the lock holder to lose its core while every other writer waits (ADR 16). The
   * returned columns come from the head, so an annotator's login, which may not read audit events,
   * can run it.
   */
  private AuditEvent appendInOneStatement(Handle handle, Unlinked event) {
    OffsetDateTime stored = OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC);
    Link link =
        handle
            .createQuery(APPEND_ONE_POSTGRESQL)
            .bind("body", event.body().getBytes(StandardCharsets.UTF_8))
            .bind("at", stored)
            .bind("actor", event.actor())
            .bind("action", event.stored().action())
            .bind("entityType", event.stored().entityType())
            .bind("entityId", event.stored().entityId())
            .bind("before", event.beforeJson())
            .bind("after", event.afterJson())
            .map((rs, ctx) -> new Link(rs.getLong(1), rs.getString(2), rs.getString(3)))
            .findOne()
            .orElseThrow(AuditLog::headMissing);
    return event.linked(link.seq(), link.prevHash(), link.hash());
  }

  /**
   * One statement that locks the head, links, inserts and moves the head (PostgreSQL). {@code head}
   * reads the newest head row (a locking read waits for the previous writer's commit and then sees
   * its row); {@code link} computes the hash exactly as {@link #link} does (the sequence number and
   * previous hash are ASCII, so their lengths in characters are the Java lengths); the event is
   * inserted without {@code RETURNING}, which would need the right to read audit events.
   */
  private static final String APPEND_ONE_POSTGRESQL =
      "WITH head AS (SELECT last_seq + 1 AS seq, last_hash AS prev FROM audit_head WHERE id = 1"
          + " FOR UPDATE),"
          + " link AS (SELECT seq, prev, 'sha256:' || encode(sha256("
          + "convert_to(length(seq::text) || ':' || seq::text || chr(10), 'UTF8') || :body"
          + " || convert_to(length(prev) || ':' || prev || chr(10), 'UTF8')), 'hex') AS hash"
          + " FROM head),"
          + " event AS (INSERT INTO audit_events (seq, occurred_at, actor, action, entity_type,"
          + " entity_id, before_json, after_json, prev_hash, hash) SELECT seq, :at, :actor, :action,"
          + " :entityType, :entityId, :before, :after, prev, hash FROM link)"
          + " UPDATE audit_head SET last_seq = link.seq, last_hash = link.hash FROM link"
          + " WHERE audit_head.id = 1 RETURNING link.seq, link.prev, link.hash";

  private boolean onPostgresql(Handle handle) {
    Boolean known = postgresql;
    if (known == null) {
      try {
        known =
            handle
                .getConnection()
                .getMetaData()
                .getDatabaseProductName()
                .equalsIgnoreCase("PostgreSQL");
      } catch (java.sql.SQLException e) {
        throw new dev.earmark.storage.StorageException(
            "cannot tell which database the audit log is in: " + e.getMessage(), e);
      }
      postgresql = known;
    }
    return known;
  }

  private static dev.earmark.storage.StorageException headMissing() {
    return new dev.earmark.storage.StorageException(
        "the audit_head row is missing: the audit log was tampered with, so"
            + " nothing more is recorded; run 'earmark audit verify'");
  }

  /**
   * An event with everything but its place in the chain: canonical before/after text and the hashed
   * body ({@link #body}), computed before the head is locked.
   */
  private record Unlinked(
      Stored stored, Instant at, String actor, String beforeJson, String afterJson, String body) {
    static Unlinked of(Stored event, Instant at, Actor actor) {
      String beforeJson = event.before() == null ? null : ContentHash.canonicalJson(event.before());
      String afterJson = event.after() == null ? null : ContentHash.canonicalJson(event.after());
      return new Unlinked(
          event,
          at,
          actor.userId(),
          beforeJson,
          afterJson,
          AuditLog.body(
              at,
              actor.userId(),
              event.action(),
              event.entityType(),
              event.entityId(),
              beforeJson,
              afterJson));
    }

    AuditEvent linked(long seq, String prevHash, String hash) {
      return new AuditEvent(
          seq,
          at,
          actor,
          stored.action(),
          stored.entityType(),
          stored.entityId(),
          beforeJson,
          afterJson,
          prevHash,
          hash);
    }
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
    return link(
        seq, body(at, actor, action, entityType, entityId, beforeJson, afterJson), prevHash);
  }

  /**
   * The hashed text of an event's own fields, without its sequence number and previous hash: what
   * can be computed before the head is locked. Each field is written as its length, a colon, the
   * field and a newline; a null field as the text {@code \u0000null}.
   */
  static String body(
      Instant at,
      String actor,
      String action,
      String entityType,
      String entityId,
      String beforeJson,
      String afterJson) {
    StringBuilder text = new StringBuilder(256);
    for (String field :
        new String[] {
          Long.toString(at.toEpochMilli()),
          actor,
          action,
          entityType,
          entityId,
          beforeJson,
          afterJson
        }) {
      field(text, field);
    }
    return text.toString();
  }

  /**
   * The hash of an event whose {@link #body} is {@code body}, at {@code seq} after {@code prev}.
   */
  static String link(long seq, String body, String prevHash) {
    StringBuilder text = new StringBuilder(body.length() + 100);
    field(text, Long.toString(seq));
    text.append(body);
    field(text, prevHash);
    return ContentHash.ofText(text.toString());
  }

  private static void field(StringBuilder text, String field) {
    String value = Objects.requireNonNullElse(field, "\u0000null");
    text.append(value.length()).append(':').append(value).append('\n');
  }

  private record Head(long lastSeq, String lastHash) {}

  /** Where the database linked an event: its sequence number, previous hash and own hash. */
  private record Link(long seq, String prevHash, String hash) {}
}
