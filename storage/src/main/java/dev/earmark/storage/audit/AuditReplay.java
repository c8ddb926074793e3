package dev.earmark.storage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;

/**
 * The deep audit check: replays every event in sequence order into the state it describes (each
 * entity's last {@code after} document) and compares that state with the tables, so a row edited,
 * inserted or deleted with plain SQL is named even though the chain itself is intact.
 *
 * <p>Compared: labels (value, state, version), users and their roles and active flag, project
 * settings, label policies (rubric and rule set), gold answers, and adjudications (dispute, final
 * value, reason, note, adjudicator). Every event that changes those tables has carried the whole
 * new state since the first release, so every project can be replayed. Not compared: clips,
 * datasets, assignments, disputes, packs, batches and QE data (the events describe them only in
 * part). Stateless and thread-safe.
 */
public final class AuditReplay {
  private final Jdbi jdbi;

  public AuditReplay(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Replays the log and returns every mismatch with the tables, ordered by table and key. */
  public List<StateMismatch> compare() {
    return jdbi.inTransaction(this::compare);
  }

  private record Last(long seq, String actor, JsonNode after) {}

  private List<StateMismatch> compare(Handle handle) {
    Map<String, Last> users = new TreeMap<>();
    Map<String, Last> labels = new TreeMap<>();
    Map<String, Last> settings = new TreeMap<>();
    Map<String, Last> policies = new TreeMap<>();
    Map<String, Last> gold = new TreeMap<>();
    Map<String, Last> adjudications = new TreeMap<>();
    try (ResultIterator<Object[]> it =
        handle
            .createQuery(
                "SELECT seq, actor, action, entity_type, entity_id, after_json FROM audit_events"
                    + " ORDER BY seq")
            .map(
                (rs, ctx) ->
                    new Object[] {
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6)
                    })
            .iterator()) {
      while (it.hasNext()) {
        Object[] row = it.next();
        long seq = (Long) row[0];
        String actor = (String) row[1];
        String action = (String) row[2];
        String type = (String) row[3];
        String id = (String) row[4];
        JsonNode after = row[5] == null ? null : read((String) row[5]);
        Last last = new Last(seq, actor, after);
        java.util.Optional<AuditAction> kind = AuditAction.of(action, type);
        if (kind.isEmpty()) {
          continue; // an action of an older release that no constant names
        }
        switch (kind.get()) {
          case USER_ADD, USER_ROLES, USER_DEACTIVATE, USER_REACTIVATE -> users.put(id, last);
          case LABEL_SUBMIT, LABEL_SAVE_DRAFT, LABEL_CORRECT, LABEL_IMPORT -> labels.put(id, last);
          case SETTING_SET -> settings.put(id, last);
          case POLICY_SET -> policies.put(id, last);
          case GOLD_SET -> {
            if (after != null) {
              gold.put(id + " " + after.path("rubric").asText(), last);
            }
          }
          case ADJUDICATION_DECIDE -> adjudications.put(id, last);
          case ADJUDICATION_UNDO -> adjudications.remove(id);
          default -> {
            // the replay compares only the tables above
          }
        }
      }
    }
    List<StateMismatch> found = new ArrayList<>();
    compareUsers(handle, users, found);
    compareLabels(handle, labels, found);
    compareSettings(handle, settings, found);
    comparePolicies(handle, policies, found);
    compareGold(handle, gold, found);
    compareAdjudications(handle, adjudications, found);
    return found;
  }

  private static void compareUsers(
      Handle handle, Map<String, Last> events, List<StateMismatch> found) {
    Map<String, TreeSet<String>> roles = new TreeMap<>();
    Map<String, Boolean> active = new TreeMap<>();
    handle
        .createQuery("SELECT id, deactivated_at IS NULL FROM users")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
        .forEach(
            e -> {
              active.put(e.getKey(), e.getValue());
              roles.put(e.getKey(), new TreeSet<>());
            });
    handle
        .createQuery("SELECT user_id, role FROM user_roles")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> roles.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
    for (Map.Entry<String, TreeSet<String>> user : roles.entrySet()) {
      String id = user.getKey();
      Last last = events.get(id);
      if (last == null || last.after() == null) {
        found.add(
            new StateMismatch(
                active.containsKey(id) ? "users" : "user_roles",
                id,
                "user "
                    + id
                    + " (roles "
                    + user.getValue()
                    + ") is in the table but no audit event added them"));
        continue;
      }
      TreeSet<String> recorded = new TreeSet<>();
      last.after().path("roles").forEach(role -> recorded.add(role.asText()));
      if (!recorded.equals(user.getValue())) {
        found.add(
            new StateMismatch(
                "user_roles",
                id,
                "roles are "
                    + user.getValue()
                    + " but the audit log (event "
                    + last.seq()
                    + ") says "
                    + recorded));
      }
      boolean recordedActive = last.after().path("active").asBoolean(true);
      if (active.containsKey(id) && active.get(id) != recordedActive) {
        found.add(
            new StateMismatch(
                "users",
                id,
                "the user is "
                    + (active.get(id) ? "active" : "deactivated")
                    + " but the audit log (event "
                    + last.seq()
                    + ") says "
                    + (recordedActive ? "active" : "deactivated")));
      }
    }
    for (Map.Entry<String, Last> user : events.entrySet()) {
      if (!roles.containsKey(user.getKey()) && user.getValue().after() != null) {
        found.add(
            new StateMismatch(
                "users",
                user.getKey(),
                "the audit log (event "
                    + user.getValue().seq()
                    + ") has user "
                    + user.getKey()
                    + " but the table has no such row (deleted)"));
      }
    }
  }

  private static void compareLabels(
      Handle handle, Map<String, Last> events, List<StateMismatch> found) {
    Map<String, String[]> rows = new TreeMap<>();
    handle
        .createQuery(
            "SELECT l.id, c.clip_key, l.annotator_id, l.value_json, l.state, l.row_version FROM"
                + " labels l JOIN clips c ON c.id = l.clip_id")
        .map(
            (rs, ctx) ->
                new String[] {
                  Long.toString(rs.getLong(1)),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  Integer.toString(rs.getInt(6))
                })
        .forEach(row -> rows.put(row[0], row));
    for (String[] row : sortedById(rows)) {
      String key = row[0] + " (" + row[1] + " by " + row[2] + ")";
      Last last = events.get(row[0]);
      if (last == null || last.after() == null) {
        found.add(new StateMismatch("labels", key, "no audit event recorded this label"));
        continue;
      }
      JsonNode after = last.after();
      String recordedValue = ContentHash.canonicalJson(after.path("value"));
      String tableValue = canonical(row[3]);
      if (!recordedValue.equals(tableValue)) {
        found.add(
            new StateMismatch(
                "labels",
                key,
                "value_json is "
                    + shorten(tableValue)
                    + " but the audit log (event "
                    + last.seq()
                    + ") says "
                    + shorten(recordedValue)));
      }
      if (!after.path("state").asText().equals(row[4])) {
        found.add(
            new StateMismatch(
                "labels",
                key,
                "state is "
                    + row[4]
                    + " but the audit log (event "
                    + last.seq()
                    + ") says "
                    + after.path("state").asText()));
      }
      if (!after.path("version").asText().equals(row[5])) {
        found.add(
            new StateMismatch(
                "labels",
                key,
                "row_version is "
                    + row[5]
                    + " but the audit log (event "
                    + last.seq()
                    + ") says "
                    + after.path("version").asText()));
      }
    }
    for (Map.Entry<String, Last> label : events.entrySet()) {
      if (!rows.containsKey(label.getKey())) {
        found.add(
            new StateMismatch(
                "labels",
                label.getKey(),
                "the audit log (event "
                    + label.getValue().seq()
                    + ") has this label but the table has no such row (deleted)"));
      }
    }
  }

  private static void compareSettings(
      Handle handle, Map<String, Last> events, List<StateMismatch> found) {
    Map<String, String> rows = new TreeMap<>();
    handle
        .createQuery("SELECT setting_key, setting_value FROM project_settings")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> rows.put(e.getKey(), e.getValue()));
    compareValues("project_settings", rows, events, "value", found);
  }

  private static void comparePolicies(
      Handle handle, Map<String, Last> events, List<StateMismatch> found) {
    Map<String, String> rows = new TreeMap<>();
    handle
        .createQuery("SELECT task_type, rubric_version, rule_set_version FROM label_policies")
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getString(1), "rubric " + rs.getString(2) + ", rule set " + rs.getString(3)))
        .forEach(e -> rows.put(e.getKey(), e.getValue()));
    Map<String, Last> described = new TreeMap<>();
    events.forEach(
        (key, last) ->
            described.put(
                key,
                new Last(
                    last.seq(),
                    last.actor(),
                    last.after() == null
                        ? null
                        : AuditLog.json()
                            .createObjectNode()
                            .put(
                                "policy",
                                "rubric "
                                    + last.after().path("rubric").asText()
                                    + ", rule set "
                                    + (last.after().path("rule_set").isNull()
                                            || last.after().path("rule_set").isMissingNode()
                                        ? "null"
                                        : last.after().path("rule_set").asText())))));
    compareValues("label_policies", rows, described, "policy", found);
  }

  private static void compareGold(
      Handle handle, Map<String, Last> events, List<StateMismatch> found) {
    Map<String, String> rows = new TreeMap<>();
    handle
        .createQuery("SELECT clip_id, rubric_version, value_json FROM gold_answers")
        .map((rs, ctx) -> Map.entry(rs.getLong(1) + " " + rs.getString(2), rs.getString(3)))
        .forEach(e -> rows.put(e.getKey(), canonical(e.getValue())));
    Map<String, Last> described = new TreeMap<>();
    events.forEach(
        (key, last) ->
            described.put(
                key,
                new Last(
                    last.seq(),
                    last.actor(),
                    AuditLog.json()
                        .createObjectNode()
                        .put("value", ContentHash.canonicalJson(last.after())))));
    compareValues("gold_answers", rows, described, "value", found);
  }

  private static void compareAdjudications(
      Handle handle, Map<String, Last> events, List<StateMismatch> found) {
    Map<String, String> rows = new TreeMap<>();
    handle
        .createQuery(
            "SELECT id, dispute_id, final_value_json, reason_code, note, adjudicator FROM"
                + " adjudications")
        .map(
            (rs, ctx) ->
                Map.entry(
                    Long.toString(rs.getLong(1)),
                    adjudication(
                        rs.getLong(2),
                        canonical(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6))))
        .forEach(e -> rows.put(e.getKey(), e.getValue()));
    Map<String, Last> described = new TreeMap<>();
    events.forEach(
        (key, last) ->
            described.put(
                key,
                new Last(
                    last.seq(),
                    last.actor(),
                    AuditLog.json()
                        .createObjectNode()
                        .put(
                            "decision",
                            adjudication(
                                last.after().path("dispute").asLong(),
                                ContentHash.canonicalJson(last.after().path("final_value")),
                                last.after().path("reason").asText(),
                                last.after().path("note").asText(),
                                last.actor())))));
    compareValues("adjudications", rows, described, "decision", found);
  }

  private static String adjudication(
      long dispute, String value, String reason, String note, String adjudicator) {
    return "dispute "
        + dispute
        + ", final value "
        + value
        + ", reason "
        + reason
        + ", note \""
        + note
        + "\", by "
        + adjudicator;
  }

  /** Compares one text per key: rows with no event, different values, and deleted rows. */
  private static void compareValues(
      String table,
      Map<String, String> rows,
      Map<String, Last> events,
      String field,
      List<StateMismatch> found) {
    for (Map.Entry<String, String> row : rows.entrySet()) {
      Last last = events.get(row.getKey());
      if (last == null || last.after() == null) {
        found.add(
            new StateMismatch(
                table,
                row.getKey(),
                "no audit event recorded this row (" + shorten(row.getValue()) + ")"));
        continue;
      }
      String recorded = last.after().path(field).asText();
      if (!Objects.equals(recorded, row.getValue())) {
        found.add(
            new StateMismatch(
                table,
                row.getKey(),
                "the table says "
                    + shorten(row.getValue())
                    + " but the audit log (event "
                    + last.seq()
                    + ") says "
                    + shorten(recorded)));
      }
    }
    for (Map.Entry<String, Last> event : events.entrySet()) {
      if (!rows.containsKey(event.getKey()) && event.getValue().after() != null) {
        found.add(
            new StateMismatch(
                table,
                event.getKey(),
                "the audit log (event "
                    + event.getValue().seq()
                    + ") has this row but the table has none (deleted)"));
      }
    }
  }

  private static List<String[]> sortedById(Map<String, String[]> rows) {
    List<String[]> sorted = new ArrayList<>(rows.values());
    sorted.sort((a, b) -> Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0])));
    return sorted;
  }

  private static String canonical(String json) {
    return ContentHash.canonicalJson(read(json));
  }

  private static JsonNode read(String json) {
    try {
      return AuditLog.json().readTree(json);
    } catch (IOException e) {
      throw new StorageException("stored JSON could not be read: " + e.getMessage(), e);
    }
  }

  private static String shorten(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }
}
