package dev.earmark.storage.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.RubricJson;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditAction;
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
                    AuditAction.RUBRIC_PUBLISH,
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
                publish(
                    handle,
                    actor,
                    "rule_set_versions",
                    AuditAction.RULE_SET_PUBLISH,
                    id,
                    null,
                    content,
                    hash));
  }

  /**
   * Publishes a rubric version a lead wrote in a file (lead only): a new rubric, the next version
   * of one, or a built-in version not yet published in this project. The same content under an id
   * already published (or built in) is accepted and changes nothing; other content under it is
   * refused naming the next free id, and so is a version that skips one (after {@code x@1} comes
   * {@code x@2}). Versions count built-ins: the first edit of {@code asr-transcript@1} is {@code
   * asr-transcript@2}.
   */
  public PublishedVersion publishRubricVersion(Actor actor, Rubric rubric) {
    Access.require(project, actor, "publish a rubric version", Role.LEAD);
    Optional<Rubric> builtIn = RubricCatalog.builtIn().find(rubric.id());
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              checkNewVersion(
                  handle,
                  "rubric",
                  "rubric_versions",
                  rubric.id(),
                  rubric.hash(),
                  builtIn.map(Rubric::hash),
                  builtInRubricVersions(rubric.id().name()));
              return publish(
                  handle,
                  actor,
                  "rubric_versions",
                  AuditAction.RUBRIC_PUBLISH,
                  rubric.id(),
                  rubric.taskType().id(),
                  RubricJson.toJson(rubric),
                  rubric.hash());
            });
  }

  /**
   * Publishes a normalization rule-set version a lead wrote in a file (lead only), with the same
   * rules as {@link #publishRubricVersion}: built-in versions count, the same content again changes
   * nothing, other content under a published id and skipped versions are refused naming the next
   * free id.
   */
  public PublishedVersion publishRuleSetVersion(Actor actor, RuleSet ruleSet) {
    Access.require(project, actor, "publish a rule-set version", Role.LEAD);
    JsonNode content = ruleSetDocument(ruleSet);
    String hash = ContentHash.of(content, "hash");
    Optional<RuleSet> builtIn = RuleSets.builtIn(ruleSet.id());
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              checkNewVersion(
                  handle,
                  "rule set",
                  "rule_set_versions",
                  ruleSet.id(),
                  hash,
                  builtIn.map(set -> ContentHash.of(ruleSetDocument(set), "hash")),
                  builtInRuleSetVersions(ruleSet.id().name()));
              return publish(
                  handle,
                  actor,
                  "rule_set_versions",
                  AuditAction.RULE_SET_PUBLISH,
                  ruleSet.id(),
                  null,
                  content,
                  hash);
            });
  }

  /**
   * The next id nobody has used for {@code name}: one past the highest version published in this
   * project or built into Earmark ({@code name@1} for a new name).
   */
  public VersionedId nextFreeRubricId(String name) {
    int builtIn = builtInRubricVersions(name);
    return project.jdbi().withHandle(handle -> nextFree(handle, "rubric_versions", name, builtIn));
  }

  /** As {@link #nextFreeRubricId}, for normalization rule sets. */
  public VersionedId nextFreeRuleSetId(String name) {
    int builtIn = builtInRuleSetVersions(name);
    return project
        .jdbi()
        .withHandle(handle -> nextFree(handle, "rule_set_versions", name, builtIn));
  }

  /** The ids of every rubric version published in this project, by name and then version. */
  public List<VersionedId> publishedRubricIds() {
    return publishedIds("rubric_versions");
  }

  /** The ids of every rule-set version published in this project, by name and then version. */
  public List<VersionedId> publishedRuleSetIds() {
    return publishedIds("rule_set_versions");
  }

  private List<VersionedId> publishedIds(String table) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT id FROM " + table + " ORDER BY name, version")
                    .mapTo(String.class)
                    .map(VersionedId::parse)
                    .list());
  }

  private void checkNewVersion(
      Handle handle,
      String entity,
      String table,
      VersionedId id,
      String hash,
      Optional<String> builtInHash,
      int builtInVersions) {
    Optional<PublishedVersion> existing = find(handle, table, id);
    if (existing.isPresent()) {
      return; // publish() accepts the same content and refuses other content
    }
    VersionedId next = nextFree(handle, table, id.name(), builtInVersions);
    if (builtInHash.isPresent()) {
      if (!builtInHash.get().equals(hash)) {
        throw new StorageException(
            entity
                + " "
                + id
                + " is built into Earmark with different content ("
                + builtInHash.get()
                + "); published versions never change: publish the edit as "
                + next);
      }
      return;
    }
    if (!id.equals(next)) {
      throw new StorageException(
          entity
              + " "
              + id
              + " skips a version: the next version of "
              + id.name()
              + " is "
              + next
              + "; change the file's id to "
              + next);
    }
  }

  private VersionedId nextFree(Handle handle, String table, String name) {
    int builtIn =
        table.equals("rubric_versions")
            ? builtInRubricVersions(name)
            : builtInRuleSetVersions(name);
    return nextFree(handle, table, name, builtIn);
  }

  private static VersionedId nextFree(Handle handle, String table, String name, int builtIn) {
    Integer highest =
        handle
            .createQuery("SELECT MAX(version) FROM " + table + " WHERE name = :name")
            .bind("name", name)
            .mapTo(Integer.class)
            .findOne()
            .orElse(null);
    int published = highest == null ? 0 : highest;
    return new VersionedId(name, Math.max(published, builtIn) + 1);
  }

  private static int builtInRubricVersions(String name) {
    return RubricCatalog.BUILT_IN_IDS.stream()
        .filter(id -> id.name().equals(name))
        .mapToInt(VersionedId::version)
        .max()
        .orElse(0);
  }

  private static int builtInRuleSetVersions(String name) {
    return RuleSets.builtInIds().stream()
        .filter(id -> id.name().equals(name))
        .mapToInt(VersionedId::version)
        .max()
        .orElse(0);
  }

  private static JsonNode ruleSetDocument(RuleSet ruleSet) {
    try {
      return AuditLog.json().readTree(RuleSetJson.write(ruleSet));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a rule set did not write as JSON", e);
    }
  }

  private PublishedVersion publish(
      Handle handle,
      Actor actor,
      String table,
      AuditAction published,
      VersionedId id,
      String taskType,
      JsonNode content,
      String hash) {
    Optional<PublishedVersion> existing = find(handle, table, id);
    if (existing.isPresent()) {
      if (!existing.get().contentHash().equals(hash)) {
        throw new StorageException(
            published.entityType()
                + " "
                + id
                + " is already published with different content ("
                + existing.get().contentHash()
                + "); published versions never change: publish the edit as "
                + nextFree(handle, table, id.name()));
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
    project.audit().append(handle, actor, published.created(id.toString(), after));
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
                      AuditAction.POLICY_SET.changed(
                          taskType.id(),
                          previous.map(Policies::describe).orElse(null),
                          AuditLog.json()
                              .createObjectNode()
                              .put("rubric", rubricId.toString())
                              .put("rule_set", rule)));
              return new LabelPolicy(
                  taskType, rubricId, Optional.ofNullable(ruleSet), at.toInstant(), actor.userId());
            });
  }

  /**
   * Sets the label policy of {@code taskType} (lead only), as the command line and the policy
   * screen do: a built-in rubric or rule-set version named here and not yet published in the
   * project is published first (audited as any publish); the rubric must be one of {@code
   * taskType}. Naming the policy already in force changes nothing and writes no audit event.
   *
   * @param ruleSet the rule set transcripts are compared under, or null for none
   */
  public PolicyUpdate setPolicy(
      Actor actor, TaskType taskType, VersionedId rubricId, VersionedId ruleSet) {
    Access.require(project, actor, "change the label policy", Role.LEAD);
    boolean rubricPublished = publishedRubric(rubricId).isPresent();
    Rubric rubric =
        rubricPublished
            ? rubric(rubricId)
            : RubricCatalog.builtIn()
                .find(rubricId)
                .orElseThrow(
                    () ->
                        unknownWithBuiltIns(
                            "rubric", rubricId, publishedRubricIds(), RubricCatalog.BUILT_IN_IDS));
    if (rubric.taskType() != taskType) {
      throw new StorageException(
          "rubric "
              + rubricId
              + " is for "
              + rubric.taskType().id()
              + ", not "
              + taskType.id()
              + "; name a rubric of "
              + taskType.id());
    }
    Optional<RuleSet> builtInRules = Optional.empty();
    if (ruleSet != null && ruleSet(ruleSet).isEmpty()) {
      builtInRules =
          Optional.of(
              RuleSets.builtIn(ruleSet)
                  .orElseThrow(
                      () ->
                          unknownWithBuiltIns(
                              "rule set", ruleSet, publishedRuleSetIds(), RuleSets.builtInIds())));
    }
    // Everything named exists: only now publish the built-ins it needs.
    if (!rubricPublished) {
      publishRubric(actor, rubric);
    }
    builtInRules.ifPresent(rules -> publishRuleSet(actor, ruleSet, ruleSetDocument(rules)));
    Optional<LabelPolicy> previous = policy(taskType);
    if (previous.isPresent()
        && previous.get().rubric().equals(rubricId)
        && previous.get().ruleSet().equals(Optional.ofNullable(ruleSet))) {
      return new PolicyUpdate(previous, previous.get(), false);
    }
    return new PolicyUpdate(previous, setPolicy(actor, rubricId, ruleSet), true);
  }

  private static StorageException unknownWithBuiltIns(
      String what, VersionedId id, List<VersionedId> published, List<VersionedId> builtIn) {
    return new StorageException(
        what
            + " "
            + id
            + " is neither published in this project ("
            + (published.isEmpty() ? "none" : join(published))
            + ") nor built in ("
            + join(builtIn)
            + "); publish it first");
  }

  private static String join(List<VersionedId> ids) {
    return String.join(", ", ids.stream().sorted().map(VersionedId::toString).toList());
  }

  /**
   * How many submitted labels of {@code taskType} the project holds under each rubric version, by
   * version; what a policy change leaves under an older rubric (export blocks on those). Counts
   * only: no label content is read.
   */
  public Map<VersionedId, Integer> submittedLabelsByRubric(TaskType taskType) {
    Map<VersionedId, Integer> counts = new java.util.TreeMap<>();
    project
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT l.rubric_version, COUNT(*) FROM labels l JOIN rubric_versions r"
                            + " ON r.id = l.rubric_version WHERE l.state = 'submitted' AND"
                            + " r.task_type = :type GROUP BY l.rubric_version")
                    .bind("type", taskType.id())
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                    .forEach(row -> counts.put(VersionedId.parse(row.getKey()), row.getValue())));
    return counts;
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
