package dev.earmark.storage.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads the labels, gold answers and batches the agreement dashboard computes from (see the package
 * comment). Leads and adjudicators only, checked against the project's user table on every call.
 * Thread-safe.
 */
public final class AgreementReader {
  private static final String ACTION = "read agreement figures";

  private final Project project;
  private final Policies policies;

  public AgreementReader(Project project, Policies policies) {
    this.project = project;
    this.policies = policies;
  }

  /**
   * The submitted labels of {@code taskType} under the rubric version of its label policy, or, when
   * the project has no policy for it, under the rubric version of that task type with the most
   * submitted labels. Empty when neither exists (nothing to show).
   *
   * @throws dev.earmark.storage.PermissionDeniedException unless {@code actor} is a lead or an
   *     adjudicator of the project
   */
  public Optional<AgreementData> read(Actor actor, TaskType taskType) {
    Optional<LabelPolicy> policy = policies.policy(taskType);
    Optional<VersionedId> rubric =
        project
            .jdbi()
            .inTransaction(
                handle -> {
                  Access.require(handle, actor, ACTION, Role.LEAD, Role.ADJUDICATOR);
                  return policy.isPresent()
                      ? Optional.of(policy.get().rubric())
                      : busiestRubric(handle, taskType);
                });
    return rubric.map(id -> read(actor, id, policy.flatMap(LabelPolicy::ruleSet)));
  }

  /**
   * The submitted labels under rubric version {@code rubricId}, transcripts compared under {@code
   * ruleSet} (none: compared as written).
   *
   * @throws dev.earmark.storage.PermissionDeniedException unless {@code actor} is a lead or an
   *     adjudicator of the project
   * @throws StorageException when the rubric or the rule set is not published in the project
   */
  public AgreementData read(Actor actor, VersionedId rubricId, Optional<VersionedId> ruleSet) {
    Rubric rubric = policies.rubric(rubricId);
    Normalizer normalizer = ruleSet.map(this::normalizer).orElse(Normalizer.identity());
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(handle, actor, ACTION, Role.LEAD, Role.ADJUDICATOR);
              return new AgreementData(
                  rubric.taskType(),
                  rubric,
                  ruleSet,
                  normalizer,
                  labels(handle, rubric),
                  gold(handle, rubric),
                  batches(handle, rubric.taskType()));
            });
  }

  private static Optional<VersionedId> busiestRubric(Handle handle, TaskType taskType) {
    return handle
        .createQuery(
            "SELECT l.rubric_version FROM labels l JOIN rubric_versions r ON r.id ="
                + " l.rubric_version WHERE r.task_type = :type AND l.state = 'submitted' GROUP BY"
                + " l.rubric_version ORDER BY COUNT(*) DESC, l.rubric_version")
        .bind("type", taskType.id())
        .mapTo(String.class)
        .findFirst()
        .map(VersionedId::parse);
  }

  private Normalizer normalizer(VersionedId ruleSet) {
    String content =
        policies
            .ruleSet(ruleSet)
            .orElseThrow(
                () ->
                    new StorageException(
                        "the rule set "
                            + ruleSet
                            + " of the label policy is not published in "
                            + project.description()))
            .contentJson();
    return Normalizer.compile(
        RuleSetJson.parse(content, "rule set " + ruleSet + " published in the project"));
  }

  /**
   * Rows fetched per round trip. Inside the read's transaction (autocommit off) PostgreSQL's driver
   * then reads through a cursor instead of holding the whole result before the first row is mapped
   * (issue 22: 1M labels); H2 ignores it.
   */
  private static final int FETCH_ROWS = 10_000;

  private static List<SubmittedLabel> labels(Handle handle, Rubric rubric) {
    // A clip's labels come one after another and a project has few annotators: their strings are
    // shared instead of held once per label.
    Map<String, String> annotators = new HashMap<>();
    String[] lastClipKey = {null};
    return handle
        .createQuery(
            "SELECT l.clip_id, c.clip_key, l.annotator_id, l.value_json, l.time_spent_ms,"
                + " l.submitted_at, c.import_run_id FROM labels l JOIN clips c ON c.id ="
                + " l.clip_id WHERE l.rubric_version = :rubric AND l.state = 'submitted'"
                + " ORDER BY l.clip_id, l.annotator_id")
        .bind("rubric", rubric.id().toString())
        .setFetchSize(FETCH_ROWS)
        .map(
            (rs, ctx) -> {
              String clipKey = rs.getString(2);
              if (clipKey.equals(lastClipKey[0])) {
                clipKey = lastClipKey[0];
              } else {
                lastClipKey[0] = clipKey;
              }
              return new SubmittedLabel(
                  rs.getLong(1),
                  clipKey,
                  annotators.computeIfAbsent(rs.getString(3), id -> id),
                  value(rs.getString(4), rubric),
                  Duration.ofMillis(rs.getLong(5)),
                  rs.getObject(6, OffsetDateTime.class).toInstant(),
                  rs.getLong(7));
            })
        .list();
  }

  private static Map<String, LabelValue> gold(Handle handle, Rubric rubric) {
    Map<String, LabelValue> gold = new LinkedHashMap<>();
    handle
        .createQuery(
            "SELECT c.clip_key, g.value_json FROM gold_answers g JOIN clips c ON c.id = g.clip_id"
                + " WHERE g.rubric_version = :rubric ORDER BY c.id")
        .bind("rubric", rubric.id().toString())
        .map((rs, ctx) -> Map.entry(rs.getString(1), value(rs.getString(2), rubric)))
        .forEach(entry -> gold.put(entry.getKey(), entry.getValue()));
    return gold;
  }

  /** The import runs that brought clips of {@code taskType}: the batches its trend is drawn by. */
  private static List<ImportBatch> batches(Handle handle, TaskType taskType) {
    return handle
        .createQuery(
            "SELECT r.id, r.manifest_path, r.started_at FROM import_runs r WHERE EXISTS"
                + " (SELECT 1 FROM clips c WHERE c.import_run_id = r.id AND c.task_type ="
                + " :taskType) ORDER BY r.id")
        .bind("taskType", taskType.id())
        .map(
            (rs, ctx) -> {
              Path name = Path.of(rs.getString(2)).getFileName();
              return new ImportBatch(
                  rs.getLong(1),
                  name == null ? rs.getString(2) : name.toString(),
                  rs.getObject(3, OffsetDateTime.class).toInstant());
            })
        .list();
  }

  private static LabelValue value(String json, Rubric rubric) {
    try {
      return LabelValueJson.read(AuditLog.json().readTree(json), rubric);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored label value under " + rubric.id() + " is not JSON", e);
    }
  }
}
