package dev.earmark.storage.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricJson;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Publishes rubric and normalization rule-set versions and sets the label policy. A published
 * version is immutable: publishing the same content under its id again is accepted and changes
 * nothing, publishing different content under it is refused. Rule sets are stored as their JSON
 * document with id and hash, so storage does not depend on the normalize package.
 *
 * <p>Thread-safe; parsed rubric versions are cached, which is sound because they never change.
 */
public final class Policies {
  private final Project project;
  private final Map<VersionedId, Rubric> rubrics = new ConcurrentHashMap<>();

  public Policies(Project project) {
    this.project = project;
  }

  /**
   * Publishes {@code rubric} (lead only), or confirms it is already published with this content.
   */
  public PublishedVersion publishRubric(Actor actor, Rubric rubric) {
    Access.require(project, actor, "publish a rubric version", Role.LEAD);
    ObjectNode content = RubricJson.toJson(rubric);
    return project
        .jdbi()
        .inTransaction(
            handle ->
                publish(
                    handle,
                    actor,
                    "rubric_versions",
                    "rubric",
                    rubric.id(),
                    rubric.taskType().id(),
                    content,
                    rubric.hash()));
  }

  /**
   * Publishes a normalization rule-set version given as its JSON document (lead only). The hash is
   * the {@link ContentHash} of the document without a top-level {@code hash} field.
   */
  public PublishedVersion publishRuleSet(Actor actor, VersionedId id, JsonNode content) {
    Access.require(project, actor, "publish a rule-set version", Role.LEAD);
    if (content == null || !content.isObject()) {
      throw new StorageException("rule set " + id + " must be a JSON object");
    }
    String hash = ContentHash.of(content, "hash");
    return project
        .jdbi()
        .inTransaction(
            handle ->
                publish(handle, actor, "rule_set_versions", "rule-set", id, null, content, hash));
  }

  private PublishedVersion publish(
      Handle handle,
      Actor actor,
      String table,
      String entity,
      VersionedId id,
      String taskType,
      JsonNode content,
      String hash) {
    Optional<PublishedVersion> existing = find(handle, table, id);
    if (existing.isPresent()) {
      if (!existing.get().contentHash().equals(hash)) {
        throw new StorageException(
            entity
                + " "
                + id
                + " is already published with different content ("
                + existing.get().contentHash()
                + "); published versions never change: publish the edit as "
                + id.next());
      }
      PublishedVersion same = existing.get();
      return new PublishedVersion(
          same.id(),
          same.contentJson(),
          same.contentHash(),
          same.publishedAt(),
          same.publishedBy(),
          false);
    }
    OffsetDateTime at = StoredTime.now(project.clock());
    String json = ContentHash.canonicalJson(content);
    handle
        .createUpdate(
            "INSERT INTO "
                + table
                + " (id, name, version, "
                + (taskType == null ? "" : "task_type, ")
                + "content_json, content_hash, published_at, published_by) VALUES (:id, :name,"
                + " :version, "
                + (taskType == null ? "" : ":taskType, ")
                + ":content, :hash, :at, :by)")
        .bind("id", id.toString())
        .bind("name", id.name())
        .bind("version", id.version())
        .bind("taskType", taskType)
        .bind("content", json)
        .bind("hash", hash)
        .bind("at", at)
        .bind("by", actor.userId())
        .execute();
    ObjectNode after = AuditLog.json().createObjectNode().put("content_hash", hash);
    if (taskType != null) {
      after.put("task_type", taskType);
    }
    project.audit().append(handle, actor, entity + ".publish", entity, id.toString(), null, after);
    return new PublishedVersion(id, json, hash, at.toInstant(), actor.userId(), true);
  }

  /**
   * The published rubric version {@code id}; an unpublished id is an error naming the known ones.
   */
  public Rubric rubric(VersionedId id) {
    Rubric cached = rubrics.get(id);
    if (cached != null) {
      return cached;
    }
    PublishedVersion published =
        project
            .jdbi()
            .withHandle(handle -> find(handle, "rubric_versions", id))
            .orElseThrow(() -> unknown("rubric", id, "rubric_versions"));
    Rubric rubric;
    try {
      rubric =
          RubricJson.fromJson(
              "rubric " + id + " in " + project.description(),
              AuditLog.json().readTree(published.contentJson()));
    } catch (JsonProcessingException e) {
      throw new StorageException("the stored rubric " + id + " is not readable JSON", e);
    }
    rubrics.putIfAbsent(id, rubric);
    return rubric;
  }

  /** The published rubric version {@code id} as stored, if published. */
  public Optional<PublishedVersion> publishedRubric(VersionedId id) {
    return project.jdbi().withHandle(handle -> find(handle, "rubric_versions", id));
  }

  /** The published rule-set version {@code id} as stored, if published. */
  public Optional<PublishedVersion> ruleSet(VersionedId id) {
    return project.jdbi().withHandle(handle -> find(handle, "rule_set_versions", id));
  }

  /**
   * Makes (rubric, rule set) the label policy for the rubric's task type (lead only) and records
   * the change. Both versions must be published; {@code ruleSet} may be null for task types that
   * compare no text.
   */
  public LabelPolicy setPolicy(Actor actor, VersionedId rubricId, VersionedId ruleSet) {
    Access.require(project, actor, "change the label policy", Role.LEAD);
    Rubric rubric = rubric(rubricId);
    if (ruleSet != null && ruleSet(ruleSet).isEmpty()) {
      throw unknown("rule set", ruleSet, "rule_set_versions");
    }
    TaskType taskType = rubric.taskType();
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Optional<LabelPolicy> previous = policy(handle, taskType);
              OffsetDateTime at = StoredTime.now(project.clock());
              String rule = ruleSet == null ? null : ruleSet.toString();
              if (previous.isPresent()) {
                handle
                    .createUpdate(
                        "UPDATE label_policies SET rubric_version = :rubric, rule_set_version ="
                            + " :ruleSet, changed_at = :at, changed_by = :by WHERE task_type ="
                            + " :type")
                    .bind("rubric", rubricId.toString())
                    .bind("ruleSet", rule)
                    .bind("at", at)
                    .bind("by", actor.userId())
                    .bind("type", taskType.id())
                    .execute();
              } else {
                handle
                    .createUpdate(
                        "INSERT INTO label_policies (task_type, rubric_version, rule_set_version,"
                            + " changed_at, changed_by) VALUES (:type, :rubric, :ruleSet, :at,"
                            + " :by)")
                    .bind("rubric", rubricId.toString())
                    .bind("ruleSet", rule)
                    .bind("at", at)
                    .bind("by", actor.userId())
                    .bind("type", taskType.id())
                    .execute();
              }
              handle
                  .createUpdate(
                      "INSERT INTO policy_changes (task_type, rubric_version, rule_set_version,"
                          + " previous_rubric, previous_rule_set, changed_at, changed_by) VALUES"
                          + " (:type, :rubric, :ruleSet, :prevRubric, :prevRuleSet, :at, :by)")
                  .bind("type", taskType.id())
                  .bind("rubric", rubricId.toString())
                  .bind("ruleSet", rule)
                  .bind("prevRubric", previous.map(p -> p.rubric().toString()).orElse(null))
                  .bind(
                      "prevRuleSet",
                      previous.flatMap(LabelPolicy::ruleSet).map(Object::toString).orElse(null))
                  .bind("at", at)
                  .bind("by", actor.userId())
                  .execute();
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      "policy.set",
                      "policy",
                      taskType.id(),
                      previous.map(Policies::describe).orElse(null),
                      AuditLog.json()
                          .createObjectNode()
                          .put("rubric", rubricId.toString())
                          .put("rule_set", rule));
              return new LabelPolicy(
                  taskType, rubricId, Optional.ofNullable(ruleSet), at.toInstant(), actor.userId());
            });
  }

  /** The label policy in force for {@code taskType}, if the lead has set one. */
  public Optional<LabelPolicy> policy(TaskType taskType) {
    return project.jdbi().withHandle(handle -> policy(handle, taskType));
  }

  /** Every policy change, oldest first. */
  public List<PolicyChange> history() {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT id, task_type, previous_rubric, previous_rule_set, rubric_version,"
                            + " rule_set_version, changed_at, changed_by FROM policy_changes ORDER"
                            + " BY id")
                    .map(
                        (rs, ctx) ->
                            new PolicyChange(
                                rs.getLong(1),
                                TaskType.fromId(rs.getString(2)),
                                versionedId(rs.getString(3)),
                                versionedId(rs.getString(4)),
                                VersionedId.parse(rs.getString(5)),
                                versionedId(rs.getString(6)),
                                rs.getObject(7, OffsetDateTime.class).toInstant(),
                                rs.getString(8)))
                    .list());
  }

  private static Optional<LabelPolicy> policy(Handle handle, TaskType taskType) {
    return handle
        .createQuery(
            "SELECT rubric_version, rule_set_version, changed_at, changed_by FROM label_policies"
                + " WHERE task_type = :type")
        .bind("type", taskType.id())
        .map(
            (rs, ctx) ->
                new LabelPolicy(
                    taskType,
                    VersionedId.parse(rs.getString(1)),
                    versionedId(rs.getString(2)),
                    rs.getObject(3, OffsetDateTime.class).toInstant(),
                    rs.getString(4)))
        .findOne();
  }

  private static ObjectNode describe(LabelPolicy policy) {
    return AuditLog.json()
        .createObjectNode()
        .put("rubric", policy.rubric().toString())
        .put("rule_set", policy.ruleSet().map(Object::toString).orElse(null));
  }

  private static Optional<VersionedId> versionedId(String text) {
    return Optional.ofNullable(text).map(VersionedId::parse);
  }

  private static Optional<PublishedVersion> find(Handle handle, String table, VersionedId id) {
    return handle
        .createQuery(
            "SELECT content_json, content_hash, published_at, published_by FROM "
                + table
                + " WHERE id = :id")
        .bind("id", id.toString())
        .map((rs, ctx) -> read(id, rs))
        .findOne();
  }

  private static PublishedVersion read(VersionedId id, ResultSet rs) throws SQLException {
    return new PublishedVersion(
        id,
        rs.getString(1),
        rs.getString(2),
        rs.getObject(3, OffsetDateTime.class).toInstant(),
        rs.getString(4),
        false);
  }

  private StorageException unknown(String what, VersionedId id, String table) {
    List<String> known =
        project
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT id FROM " + table + " ORDER BY id")
                        .mapTo(String.class)
                        .list());
    return new StorageException(
        what
            + " "
            + id
            + " is not published in this project; published: "
            + (known.isEmpty() ? "none" : String.join(", ", known)));
  }
}
