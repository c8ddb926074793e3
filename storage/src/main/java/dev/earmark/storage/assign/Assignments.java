package dev.earmark.storage.assign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.Violation;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Assigns clips to annotators and serves their queues (PRODUCT.md §3.2). Only active clips are ever
 * assigned: quarantined and excluded clips are not candidates. Assigning is idempotent per rubric
 * version: clips already assigned under it are skipped, so a run after a new import assigns just
 * the new clips. Each assignment is audited in the transaction that makes it. Thread-safe.
 */
public final class Assignments {
  private final Project project;
  private final Policies policies;

  public Assignments(Project project, Policies policies) {
    this.project = project;
    this.policies = policies;
  }

  /**
   * Assigns the unassigned active clips of the rubric's task type (lead only). Gold clips go to
   * every annotator; of the others, enough go to two annotators to reach the overlap ratio, the
   * rest to one; each clip goes to the least-loaded annotators. Which clips are gold or overlapped,
   * and ties between equally loaded annotators, follow the plan's seed.
   */
  public AssignmentSummary assign(Actor actor, AssignmentPlan plan, QueuePriority priority) {
    Access.require(project, actor, "assign clips", Role.LEAD);
    Rubric rubric = policies.rubric(plan.rubric());
    for (String annotator : plan.annotators()) {
      Optional<User> user = project.users().find(annotator);
      if (user.isEmpty() || !user.get().roles().contains(Role.ANNOTATOR)) {
        throw new StorageException(
            annotator
                + (user.isEmpty() ? " is not a user of this project" : " is not an annotator")
                + ": add the user with the annotator role before assigning clips to them");
      }
    }
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              List<QueueCandidate> candidates =
                  candidates(handle, rubric.taskType().id(), plan.datasetId(), plan.rubric());
              int n = candidates.size();
              List<QueueCandidate> shuffled = new ArrayList<>(candidates);
              Random random = new Random(plan.seed());
              Collections.shuffle(shuffled, random);
              int annotators = plan.annotators().size();
              int goldCount = (int) Math.round(plan.goldShare() * n);
              int overlapTarget = (int) Math.round(plan.overlapRatio() * n);
              int goldOverlap = annotators >= 2 ? goldCount : 0;
              int extraOverlap = Math.max(0, Math.min(n - goldCount, overlapTarget - goldOverlap));
              Set<Long> gold = new HashSet<>();
              Set<Long> overlapped = new HashSet<>();
              for (int i = 0; i < goldCount + extraOverlap; i++) {
                (i < goldCount ? gold : overlapped).add(shuffled.get(i).clipId());
              }
              List<String> tieOrder = new ArrayList<>(plan.annotators());
              Collections.shuffle(tieOrder, random);
              Map<String, Integer> load = new LinkedHashMap<>();
              tieOrder.forEach(annotator -> load.put(annotator, 0));
              OffsetDateTime at = StoredTime.now(project.clock());
              int made = 0;
              for (QueueCandidate clip : candidates) {
                boolean isGold = gold.contains(clip.clipId());
                int k = isGold ? annotators : overlapped.contains(clip.clipId()) ? 2 : 1;
                List<String> chosen =
                    load.entrySet().stream()
                        .sorted(
                            Comparator.comparingInt(Map.Entry<String, Integer>::getValue)
                                .thenComparingInt(entry -> tieOrder.indexOf(entry.getKey())))
                        .limit(k)
                        .map(Map.Entry::getKey)
                        .toList();
                double score = priority.priority(clip);
                if (!Double.isFinite(score)) {
                  throw new StorageException(
                      "the queue priority of clip "
                          + clip.clipKey()
                          + " is not a number: "
                          + score);
                }
                for (String annotator : chosen) {
                  load.merge(annotator, 1, Integer::sum);
                  insert(handle, actor, clip, annotator, plan.rubric(), isGold, score, at);
                  made++;
                }
              }
              return new AssignmentSummary(
                  n, made, annotators >= 2 ? goldCount + extraOverlap : 0, goldCount);
            });
  }

  /**
   * Assigns clip {@code clipId} to {@code annotatorId} under {@code rubric} exactly as asked (lead
   * only), for callers that already know who labels what: the demo project, pack import. The clip
   * must be active and of the rubric's task type, the annotator a user with the annotator role.
   * Idempotent: when the same assignment exists it is returned with {@code created == false} and
   * nothing is written; one that differs only in its gold flag is refused rather than changed.
   */
  public ExplicitAssignment assignExplicit(
      Actor lead, VersionedId rubric, long clipId, String annotatorId, boolean gold) {
    Rubric version = policies.rubric(rubric);
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(handle, lead, "assign clips", Role.LEAD);
              boolean annotator =
                  handle
                          .createQuery(
                              "SELECT COUNT(*) FROM user_roles WHERE user_id = :id AND role ="
                                  + " 'annotator'")
                          .bind("id", annotatorId)
                          .mapTo(Long.class)
                          .one()
                      > 0;
              if (!annotator) {
                throw new StorageException(
                    annotatorId
                        + " is not an annotator of this project: add the user with the annotator"
                        + " role before assigning clips to them");
              }
              Optional<ExistingAssignment> existing =
                  handle
                      .createQuery(
                          "SELECT id, is_gold, state FROM assignments WHERE clip_id = :clip AND"
                              + " annotator_id = :annotator AND rubric_version = :rubric")
                      .bind("clip", clipId)
                      .bind("annotator", annotatorId)
                      .bind("rubric", rubric.toString())
                      .map(
                          (rs, ctx) ->
                              new ExistingAssignment(
                                  rs.getLong(1),
                                  rs.getBoolean(2),
                                  AssignmentState.fromCode(rs.getString(3))))
                      .findOne();
              if (existing.isPresent()) {
                if (existing.get().gold() != gold) {
                  throw new StorageException(
                      "clip "
                          + clipId
                          + " is already assigned to "
                          + annotatorId
                          + " under "
                          + rubric
                          + (gold ? " as an ordinary item" : " as a gold item")
                          + "; an assignment's gold flag is not changed by assigning it again");
                }
                return new ExplicitAssignment(existing.get().id(), existing.get().state(), false);
              }
              QueueCandidate clip =
                  handle
                      .createQuery(
                          "SELECT c.id, c.clip_key, c.dataset_id, c.slices_json, c.hypothesis,"
                              + " c.duration_s, c.status, c.task_type FROM clips c WHERE c.id ="
                              + " :clip")
                      .bind("clip", clipId)
                      .map(
                          (rs, ctx) -> {
                            if (!"active".equals(rs.getString(7))) {
                              throw new StorageException(
                                  "clip "
                                      + rs.getString(2)
                                      + " is "
                                      + rs.getString(7)
                                      + ", so it cannot be assigned; only active clips are");
                            }
                            if (!version.taskType().id().equals(rs.getString(8))) {
                              throw new StorageException(
                                  "clip "
                                      + rs.getString(2)
                                      + " is a "
                                      + rs.getString(8)
                                      + " item and cannot be labeled under "
                                      + rubric);
                            }
                            return new QueueCandidate(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                slices(rs.getString(4)),
                                Optional.ofNullable(rs.getString(5)),
                                rs.getDouble(6));
                          })
                      .findOne()
                      .orElseThrow(
                          () ->
                              new StorageException(
                                  "there is no clip " + clipId + " in the project"));
              long id =
                  insert(
                      handle,
                      lead,
                      clip,
                      annotatorId,
                      rubric,
                      gold,
                      0.0,
                      StoredTime.now(project.clock()));
              return new ExplicitAssignment(id, AssignmentState.PENDING, true);
            });
  }

  private record ExistingAssignment(long id, boolean gold, AssignmentState state) {}

  private long insert(
      Handle handle,
      Actor actor,
      QueueCandidate clip,
      String annotator,
      VersionedId rubric,
      boolean gold,
      double priority,
      OffsetDateTime at) {
    long id =
        handle
            .createUpdate(
                "INSERT INTO assignments (clip_id, annotator_id, rubric_version, is_gold,"
                    + " priority, state, created_at, created_by) VALUES (:clip, :annotator,"
                    + " :rubric, :gold, :priority, 'pending', :at, :by)")
            .bind("clip", clip.clipId())
            .bind("annotator", annotator)
            .bind("rubric", rubric.toString())
            .bind("gold", gold)
            .bind("priority", priority)
            .bind("at", at)
            .bind("by", actor.userId())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    project
        .audit()
        .append(
            handle,
            actor,
            "assignment.create",
            "assignment",
            Long.toString(id),
            null,
            AuditLog.json()
                .createObjectNode()
                .put("clip", clip.clipKey())
                .put("annotator", annotator)
                .put("rubric", rubric.toString())
                .put("gold", gold)
                .put("priority", priority));
    return id;
  }

  private static List<QueueCandidate> candidates(
      Handle handle, String taskType, Optional<String> datasetId, VersionedId rubric) {
    return handle
        .createQuery(
            "SELECT c.id, c.clip_key, c.dataset_id, c.slices_json, c.hypothesis, c.duration_s"
                + " FROM clips c WHERE c.status = 'active' AND c.task_type = :taskType"
                + (datasetId.isPresent() ? " AND c.dataset_id = :dataset" : "")
                + " AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.clip_id = c.id"
                + " AND a.rubric_version = :rubric) ORDER BY c.id")
        .bind("taskType", taskType)
        .bind("dataset", datasetId.orElse(null))
        .bind("rubric", rubric.toString())
        .map(
            (rs, ctx) ->
                new QueueCandidate(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    slices(rs.getString(4)),
                    Optional.ofNullable(rs.getString(5)),
                    rs.getDouble(6)))
        .list();
  }

  private static Map<String, String> slices(String json) {
    Map<String, String> slices = new LinkedHashMap<>();
    try {
      JsonNode node = AuditLog.json().readTree(json == null ? "{}" : json);
      node.fields()
          .forEachRemaining(entry -> slices.put(entry.getKey(), entry.getValue().asText()));
    } catch (JsonProcessingException e) {
      throw new StorageException("the stored slice tags are not readable JSON: " + json, e);
    }
    return slices;
  }

  /**
   * The open part of {@code annotatorId}'s queue (pending and drafted assignments), highest
   * priority first, then by clip id. An annotator may read only their own queue; leads and
   * adjudicators any. Annotators are never told which items are gold.
   */
  public List<QueueItem> queue(Actor actor, String annotatorId) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Set<Role> roles =
                  Access.require(
                      handle, actor, "read a queue", Role.ANNOTATOR, Role.ADJUDICATOR, Role.LEAD);
              boolean overseer = roles.contains(Role.LEAD) || roles.contains(Role.ADJUDICATOR);
              if (!overseer && !actor.userId().equals(annotatorId)) {
                throw new PermissionDeniedException(
                    actor.userId()
                        + " cannot read the queue of "
                        + annotatorId
                        + ": only their own");
              }
              return handle
                  .createQuery(
                      "SELECT a.id, a.clip_id, c.clip_key, a.annotator_id, a.rubric_version,"
                          + " a.is_gold, a.priority, a.state FROM assignments a JOIN clips c ON"
                          + " c.id = a.clip_id WHERE a.annotator_id = :annotator AND a.state <>"
                          + " 'submitted' AND c.status = 'active' ORDER BY a.priority DESC,"
                          + " a.clip_id, a.id")
                  .bind("annotator", annotatorId)
                  .map(
                      (rs, ctx) ->
                          new QueueItem(
                              rs.getLong(1),
                              rs.getLong(2),
                              rs.getString(3),
                              rs.getString(4),
                              VersionedId.parse(rs.getString(5)),
                              overseer && rs.getBoolean(6),
                              rs.getDouble(7),
                              AssignmentState.fromCode(rs.getString(8))))
                  .list();
            });
  }

  /**
   * Re-scores the open assignments under {@code rubric} with {@code priority} (lead only), for
   * example after QE hints were computed. Returns how many assignments were re-scored.
   */
  public int reprioritize(Actor actor, VersionedId rubric, QueuePriority priority) {
    Access.require(project, actor, "reorder queues", Role.LEAD);
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              List<QueueCandidate> clips =
                  handle
                      .createQuery(
                          "SELECT DISTINCT c.id, c.clip_key, c.dataset_id, c.slices_json,"
                              + " c.hypothesis, c.duration_s FROM clips c JOIN assignments a ON"
                              + " a.clip_id = c.id WHERE a.rubric_version = :rubric AND a.state <>"
                              + " 'submitted' ORDER BY c.id")
                      .bind("rubric", rubric.toString())
                      .map(
                          (rs, ctx) ->
                              new QueueCandidate(
                                  rs.getLong(1),
                                  rs.getString(2),
                                  rs.getString(3),
                                  slices(rs.getString(4)),
                                  Optional.ofNullable(rs.getString(5)),
                                  rs.getDouble(6)))
                      .list();
              int updated = 0;
              for (QueueCandidate clip : clips) {
                updated +=
                    handle
                        .createUpdate(
                            "UPDATE assignments SET priority = :priority WHERE clip_id = :clip"
                                + " AND rubric_version = :rubric AND state <> 'submitted'")
                        .bind("priority", priority.priority(clip))
                        .bind("clip", clip.clipId())
                        .bind("rubric", rubric.toString())
                        .execute();
              }
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      "assignment.reprioritize",
                      "rubric",
                      rubric.toString(),
                      null,
                      AuditLog.json().createObjectNode().put("assignments", updated));
              return updated;
            });
  }

  /**
   * Stores the known answer of gold clip {@code clipId} (lead only), validated against the rubric
   * version it names. Replacing an answer is audited with the old one.
   */
  public void setGoldAnswer(Actor actor, long clipId, LabelValue answer) {
    Access.require(project, actor, "set gold answers", Role.LEAD);
    Rubric rubric = policies.rubric(answer.rubric());
    List<Violation> violations = rubric.validate(answer);
    if (!violations.isEmpty()) {
      throw new StorageException(
          "the gold answer for clip "
              + clipId
              + " breaks rubric "
              + rubric.id()
              + ": "
              + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }
    String json = ContentHash.canonicalJson(LabelValueJson.toJson(answer));
    project
        .jdbi()
        .useTransaction(
            handle -> {
              Optional<String> previous = goldJson(handle, clipId, answer.rubric());
              String sql =
                  previous.isPresent()
                      ? "UPDATE gold_answers SET value_json = :value, created_at = :at, created_by"
                          + " = :by WHERE clip_id = :clip AND rubric_version = :rubric"
                      : "INSERT INTO gold_answers (clip_id, rubric_version, value_json,"
                          + " created_at, created_by) VALUES (:clip, :rubric, :value, :at, :by)";
              handle
                  .createUpdate(sql)
                  .bind("clip", clipId)
                  .bind("rubric", answer.rubric().toString())
                  .bind("value", json)
                  .bind("at", StoredTime.now(project.clock()))
                  .bind("by", actor.userId())
                  .execute();
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      "gold.set",
                      "clip",
                      Long.toString(clipId),
                      previous.map(Assignments::tree).orElse(null),
                      tree(json));
            });
  }

  /** The gold answer of {@code clipId} under {@code rubric}; leads and adjudicators only. */
  public Optional<LabelValue> goldAnswer(Actor actor, long clipId, VersionedId rubric) {
    Rubric version = policies.rubric(rubric);
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(handle, actor, "read gold answers", Role.LEAD, Role.ADJUDICATOR);
              return goldJson(handle, clipId, rubric);
            })
        .map(json -> LabelValueJson.read(tree(json), version));
  }

  private static Optional<String> goldJson(Handle handle, long clipId, VersionedId rubric) {
    return handle
        .createQuery(
            "SELECT value_json FROM gold_answers WHERE clip_id = :clip AND rubric_version ="
                + " :rubric")
        .bind("clip", clipId)
        .bind("rubric", rubric.toString())
        .mapTo(String.class)
        .findOne();
  }

  private static JsonNode tree(String json) {
    try {
      return AuditLog.json().readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored label value is not readable JSON", e);
    }
  }
}
