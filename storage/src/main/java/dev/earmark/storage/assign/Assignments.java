package dev.earmark.storage.assign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.engine.contract.Use;
import dev.earmark.engine.priority.SliceQuotas;
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
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.clip.StoredClip;
import dev.earmark.storage.listening.trial.ListeningTrials;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.team.Users;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Assigns clips to annotators and serves their queues (PRODUCT.md §3.2). Only active clips are ever
 * assigned: quarantined and excluded clips are not candidates. Assigning is idempotent per rubric
 * version: clips already assigned under it are skipped, so a run after a new import assigns just
 * the new clips. A user a lead has deactivated is refused as an annotator: they get no new work.
 * Each assignment is audited in the transaction that makes it. Thread-safe.
 */
public final class Assignments {
  private final Project project;
  private final Policies policies;

  public Assignments(Project project, Policies policies) {
    this.project = project;
    this.policies = policies;
  }

  /**
   * Assigns the unassigned eligible clips of the rubric's task type (lead only) and returns the
   * counts; {@link #assign(Actor, AssignmentPlan, QueuePriority, boolean)} with its full report.
   */
  public AssignmentSummary assign(Actor actor, AssignmentPlan plan, QueuePriority priority) {
    return assign(actor, plan, priority, false).summary();
  }

  /**
   * Assigns the unassigned active clips of the rubric's task type whose consent scope allows
   * labeling (lead only). Gold clips go to every annotator (every clip does when the plan says
   * {@code everyAnnotator}); of the others, enough go to two annotators to reach the overlap ratio,
   * the rest to one; each clip goes to the least-loaded annotators. Which clips are gold (unless a
   * gold file names them) or overlapped, and ties between equally loaded annotators, follow the
   * plan's seed.
   *
   * <p>The plan's limit and slice quotas bound every clip assigned under the rubric, earlier runs
   * included, so re-running a plan adds only clips that are new and still fit. When the limit or a
   * quota leaves clips out, the ones of highest {@code priority} go first (ties by clip id).
   *
   * @param dryRun when true nothing is written; the report is the one a real run would give
   * @throws StorageException when an annotator is not a user or not an annotator (naming only that
   *     user), or a gold answer's clip cannot be a gold item (naming its file line)
   */
  public AssignmentReport assign(
      Actor actor, AssignmentPlan plan, QueuePriority priority, boolean dryRun) {
    Rubric rubric = policies.rubric(plan.rubric());
    String taskType = rubric.taskType().id();
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(handle, actor, "assign clips", Role.LEAD);
              for (String annotator : plan.annotators()) {
                refuseDeactivated(
                    Users.requireAnnotator(handle, annotator, "assigning clips to them"));
              }
              Map<String, DatasetContract> contracts = contracts(handle);
              // A multi-stimulus trial is assigned through its key clip, which carries its label.
              List<StoredClip> active =
                  ListeningTrials.keyClips(
                      rubric.taskType(), Clips.active(handle, taskType, plan.datasetId()));
              List<StoredClip> eligible = new ArrayList<>();
              for (StoredClip clip : active) {
                if (allowsLabeling(contracts, clip)) {
                  eligible.add(clip);
                }
              }
              int excludedByConsent = active.size() - eligible.size();
              Set<Long> assigned = assignedClips(handle, plan.rubric(), false);
              Set<Long> assignedGold = assignedClips(handle, plan.rubric(), true);

              Map<Long, LabelValue> goldAnswers = new LinkedHashMap<>();
              List<StoredClip> forced = new ArrayList<>();
              for (GoldAnswer answer : plan.goldAnswers()) {
                List<Violation> violations =
                    answer.value().rubric().equals(plan.rubric())
                        ? rubric.validate(answer.value())
                        : List.of(
                            new Violation(
                                "rubric", "the answer is made under " + answer.value().rubric()));
                if (!violations.isEmpty()) {
                  throw new StorageException(
                      "gold file line "
                          + answer.line()
                          + " (clip "
                          + answer.clipKey()
                          + "): the answer breaks rubric "
                          + plan.rubric()
                          + ": "
                          + violations.stream()
                              .map(Violation::toString)
                              .collect(Collectors.joining("; ")));
                }
                StoredClip clip = goldClip(handle, answer, plan, taskType, contracts);
                if (assigned.contains(clip.id()) && !assignedGold.contains(clip.id())) {
                  throw new StorageException(
                      "gold file line "
                          + answer.line()
                          + ": clip "
                          + clip.clipKey()
                          + " is already assigned under "
                          + plan.rubric()
                          + " as an ordinary item; a clip becomes gold only before it is assigned");
                }
                goldAnswers.put(clip.id(), answer.value());
                if (!assigned.contains(clip.id())) {
                  forced.add(clip);
                }
              }
              Set<Long> forcedIds = new HashSet<>();
              forced.forEach(clip -> forcedIds.add(clip.id()));

              List<Map<String, String>> alreadyIn = new ArrayList<>();
              List<Scored> ranked = new ArrayList<>();
              for (StoredClip clip : eligible) {
                if (assigned.contains(clip.id())) {
                  alreadyIn.add(clip.slices());
                } else if (!forcedIds.contains(clip.id())) {
                  ranked.add(new Scored(clip, score(priority, clip)));
                }
              }
              int alreadyAssigned = alreadyIn.size();
              forced.forEach(clip -> alreadyIn.add(clip.slices()));
              ranked.sort(
                  Comparator.comparingDouble(Scored::score)
                      .reversed()
                      .thenComparingLong(scored -> scored.clip().id()));
              int batchSize = plan.limit().orElse(alreadyIn.size() + ranked.size());
              SliceQuotas.Selection<Scored> selection =
                  plan.quotas()
                      .select(ranked, scored -> scored.clip().slices(), alreadyIn, batchSize);

              Map<Long, Scored> chosenById = new TreeMap<>();
              forced.forEach(
                  clip -> chosenById.put(clip.id(), new Scored(clip, score(priority, clip))));
              selection.selected().forEach(scored -> chosenById.put(scored.clip().id(), scored));
              List<Scored> chosen = new ArrayList<>(chosenById.values());
              int n = chosen.size();
              List<Scored> shuffled = new ArrayList<>();
              for (Scored scored : chosen) {
                if (!forcedIds.contains(scored.clip().id())) {
                  shuffled.add(scored);
                }
              }
              Random random = new Random(plan.seed());
              Collections.shuffle(shuffled, random);
              int annotators = plan.annotators().size();
              boolean goldFromFile = !plan.goldAnswers().isEmpty();
              int goldCount = goldFromFile ? forced.size() : (int) Math.round(plan.goldShare() * n);
              int overlapTarget = (int) Math.round(plan.overlapRatio() * n);
              int goldOverlap = annotators >= 2 ? goldCount : 0;
              int extraOverlap = Math.max(0, Math.min(n - goldCount, overlapTarget - goldOverlap));
              Set<Long> gold = new HashSet<>(forcedIds);
              Set<Long> overlapped = new HashSet<>();
              int firstOverlapped = goldFromFile ? 0 : goldCount;
              for (int i = 0; i < firstOverlapped + extraOverlap; i++) {
                (i < firstOverlapped ? gold : overlapped).add(shuffled.get(i).clip().id());
              }
              List<String> tieOrder = new ArrayList<>(plan.annotators());
              Collections.shuffle(tieOrder, random);
              Map<String, Integer> load = new LinkedHashMap<>();
              tieOrder.forEach(annotator -> load.put(annotator, 0));
              Map<String, int[]> perAnnotator = new LinkedHashMap<>();
              plan.annotators().forEach(annotator -> perAnnotator.put(annotator, new int[3]));
              Map<String, Map<String, Integer>> sliceMix = new LinkedHashMap<>();
              OffsetDateTime at = StoredTime.now(project.clock());
              List<NewAssignment> toInsert = new ArrayList<>();
              int made = 0;
              for (Scored scored : chosen) {
                StoredClip clip = scored.clip();
                boolean isGold = gold.contains(clip.id());
                int k =
                    isGold || plan.everyAnnotator()
                        ? annotators
                        : overlapped.contains(clip.id()) ? 2 : 1;
                List<String> picked =
                    load.entrySet().stream()
                        .sorted(
                            Comparator.comparingInt(Map.Entry<String, Integer>::getValue)
                                .thenComparingInt(entry -> tieOrder.indexOf(entry.getKey())))
                        .limit(k)
                        .map(Map.Entry::getKey)
                        .toList();
                for (String annotator : picked) {
                  load.merge(annotator, 1, Integer::sum);
                  int[] counts = perAnnotator.get(annotator);
                  counts[0]++;
                  counts[1] += picked.size() >= 2 ? 1 : 0;
                  counts[2] += isGold ? 1 : 0;
                  toInsert.add(new NewAssignment(clip, annotator, isGold, scored.score()));
                  made++;
                }
                clip.slices()
                    .forEach(
                        (tag, value) ->
                            sliceMix
                                .computeIfAbsent(tag, unused -> new LinkedHashMap<>())
                                .merge(value, 1, Integer::sum));
              }
              if (!dryRun) {
                insertAll(handle, actor, plan.rubric(), toInsert, at);
                goldAnswers.forEach((clipId, value) -> writeGold(handle, actor, clipId, value));
              }
              List<AssignmentReport.AnnotatorLoad> loads = new ArrayList<>();
              perAnnotator.forEach(
                  (annotator, counts) ->
                      loads.add(
                          new AssignmentReport.AnnotatorLoad(
                              annotator, counts[0], counts[1], counts[2])));
              int heldBack = selection.heldBack().size();
              return new AssignmentReport(
                  dryRun,
                  plan.rubric(),
                  new AssignmentSummary(
                      n,
                      made,
                      annotators < 2 ? 0 : plan.everyAnnotator() ? n : goldCount + extraOverlap,
                      goldCount),
                  loads,
                  sliceMix,
                  alreadyAssigned,
                  excludedByConsent,
                  heldBack,
                  ranked.size() - selection.selected().size() - heldBack);
            });
  }

  /** A candidate clip and its queue priority. */
  private record Scored(StoredClip clip, double score) {}

  private static double score(QueuePriority priority, StoredClip clip) {
    double score = priority.priority(candidate(clip));
    if (!Double.isFinite(score)) {
      throw new StorageException(
          "the queue priority of clip " + clip.clipKey() + " is not a number: " + score);
    }
    return score;
  }

  private static QueueCandidate candidate(StoredClip clip) {
    return new QueueCandidate(
        clip.id(),
        clip.clipKey(),
        clip.datasetId(),
        clip.slices(),
        clip.hypothesis(),
        clip.durationSeconds());
  }

  private static Map<String, DatasetContract> contracts(Handle handle) {
    Map<String, DatasetContract> contracts = new HashMap<>();
    handle
        .createQuery("SELECT id, contract_json FROM datasets")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(
            row ->
                contracts.put(
                    row.getKey(),
                    DatasetContract.parse(tree(row.getValue()), "dataset " + row.getKey())));
    return contracts;
  }

  private static boolean allowsLabeling(Map<String, DatasetContract> contracts, StoredClip clip) {
    DatasetContract contract = contracts.get(clip.datasetId());
    return contract != null
        && clip.consentScope().map(scope -> contract.allows(scope, Use.LABELING)).orElse(false);
  }

  private static Set<Long> assignedClips(Handle handle, VersionedId rubric, boolean goldOnly) {
    return new HashSet<>(
        handle
            .createQuery(
                "SELECT DISTINCT clip_id FROM assignments WHERE rubric_version = :rubric"
                    + (goldOnly ? " AND is_gold" : ""))
            .bind("rubric", rubric.toString())
            .mapTo(Long.class)
            .list());
  }

  private static StoredClip goldClip(
      Handle handle,
      GoldAnswer answer,
      AssignmentPlan plan,
      String taskType,
      Map<String, DatasetContract> contracts) {
    String where = "gold file line " + answer.line() + ": ";
    List<StoredClip> clips =
        Clips.withKey(handle, answer.clipKey(), plan.datasetId()).stream()
            .filter(clip -> clip.taskType().equals(taskType))
            .toList();
    if (clips.isEmpty()) {
      throw new StorageException(
          where
              + "there is no "
              + taskType
              + " clip "
              + answer.clipKey()
              + plan.datasetId().map(id -> " in dataset " + id).orElse(" in the project")
              + "; use the clip's manifest id");
    }
    if (clips.size() > 1) {
      throw new StorageException(
          where
              + "clip "
              + answer.clipKey()
              + " is in several datasets; assign one dataset at a time");
    }
    StoredClip clip = clips.get(0);
    if (!clip.active()) {
      throw new StorageException(
          where + "clip " + clip.clipKey() + " is " + clip.status().code() + " and cannot be gold");
    }
    if (!allowsLabeling(contracts, clip)) {
      throw new StorageException(
          where
              + "clip "
              + clip.clipKey()
              + " has a consent scope that does not allow labeling, so it cannot be gold");
    }
    return clip;
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
              refuseDeactivated(
                  Users.requireAnnotator(handle, annotatorId, "assigning clips to them"));
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
              StoredClip clip =
                  Clips.find(handle, clipId)
                      .orElseThrow(
                          () ->
                              new StorageException(
                                  "there is no clip " + clipId + " in the project"));
              if (!clip.active()) {
                throw new StorageException(
                    "clip "
                        + clip.clipKey()
                        + " is "
                        + clip.status().code()
                        + ", so it cannot be assigned; only active clips are");
              }
              if (!version.taskType().id().equals(clip.taskType())) {
                throw new StorageException(
                    "clip "
                        + clip.clipKey()
                        + " is a "
                        + clip.taskType()
                        + " item and cannot be labeled under "
                        + rubric);
              }
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

  /** An assignment a run decided on, not yet written. */
  private record NewAssignment(StoredClip clip, String annotator, boolean gold, double priority) {}

  /** Rows per batched INSERT of {@link #insertAll} (and per audit append, one head lock each). */
  static final int INSERT_BATCH = 1_000;

  /**
   * Writes the assignments of a run in order, {@value #INSERT_BATCH} rows per batched INSERT and
   * audit append (issue 22: one statement and one audit append per row made assigning 1M clips take
   * hours). Each assignment keeps its own audit event, exactly as {@link #insert} writes it.
   */
  private void insertAll(
      Handle handle,
      Actor actor,
      VersionedId rubric,
      List<NewAssignment> assignments,
      OffsetDateTime at) {
    for (int from = 0; from < assignments.size(); from += INSERT_BATCH) {
      List<NewAssignment> chunk =
          assignments.subList(from, Math.min(assignments.size(), from + INSERT_BATCH));
      PreparedBatch batch =
          handle.prepareBatch(
              "INSERT INTO assignments (clip_id, annotator_id, rubric_version, is_gold, priority,"
                  + " state, created_at, created_by) VALUES (:clip, :annotator, :rubric, :gold,"
                  + " :priority, 'pending', :at, :by)");
      for (NewAssignment assignment : chunk) {
        batch
            .bind("clip", assignment.clip().id())
            .bind("annotator", assignment.annotator())
            .bind("rubric", rubric.toString())
            .bind("gold", assignment.gold())
            .bind("priority", assignment.priority())
            .bind("at", at)
            .bind("by", actor.userId())
            .add();
      }
      List<Long> ids = batch.executePreparedBatch("id").mapTo(Long.class).list();
      if (ids.size() != chunk.size()) {
        throw new StorageException(
            "the database returned " + ids.size() + " ids for " + chunk.size() + " assignments");
      }
      List<AuditLog.Pending> events = new ArrayList<>(chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        NewAssignment assignment = chunk.get(i);
        events.add(
            AuditAction.ASSIGNMENT_CREATE.created(
                Long.toString(ids.get(i)),
                created(
                    assignment.clip(),
                    assignment.annotator(),
                    rubric,
                    assignment.gold(),
                    assignment.priority())));
      }
      project.audit().appendAll(handle, actor, events);
    }
  }

  /** The audit record of a new assignment (its after-image). */
  private static JsonNode created(
      StoredClip clip, String annotator, VersionedId rubric, boolean gold, double priority) {
    return AuditLog.json()
        .createObjectNode()
        .put("clip", clip.clipKey())
        .put("annotator", annotator)
        .put("rubric", rubric.toString())
        .put("gold", gold)
        .put("priority", priority);
  }

  private long insert(
      Handle handle,
      Actor actor,
      StoredClip clip,
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
            .bind("clip", clip.id())
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
            AuditAction.ASSIGNMENT_CREATE.created(
                Long.toString(id), created(clip, annotator, rubric, gold, priority)));
    return id;
  }

  /**
   * The open part of {@code annotatorId}'s queue (pending and drafted assignments), highest
   * priority first, then by clip id. An annotator may read only their own queue; leads and
   * adjudicators any. Annotators are never told which items are gold.
   */
  public List<QueueItem> queue(Actor actor, String annotatorId) {
    return queue(actor, annotatorId, OptionalLong.empty(), OptionalInt.empty());
  }

  /**
   * The first {@code limit} entries of {@link #queue(Actor, String)}, same order and same access
   * rule: what a client shows first without reading a queue of tens of thousands (issue 22; on
   * PostgreSQL a partial index serves it in index order).
   */
  public List<QueueItem> queuePage(Actor actor, String annotatorId, int limit) {
    return queuePage(actor, annotatorId, OptionalLong.empty(), limit);
  }

  /**
   * The next {@code limit} entries of {@link #queue(Actor, String)} after the entry of assignment
   * {@code after} (the last one of the previous page), or the first page when {@code after} is
   * empty. Pages are cut by position (priority, clip, assignment), not by offset, so the page after
   * an entry is still right when that entry or earlier ones were submitted meanwhile, and a deep
   * page costs what the first does. A page shorter than {@code limit} is the last one.
   *
   * @throws StorageException when {@code after} is not an assignment of {@code annotatorId}
   */
  public List<QueueItem> queuePage(Actor actor, String annotatorId, OptionalLong after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a queue page holds at least one entry, not " + limit);
    }
    return queue(actor, annotatorId, after, OptionalInt.of(limit));
  }

  /**
   * How many open entries {@code annotatorId}'s queue holds under each rubric version (the sum is
   * the length of {@link #queue(Actor, String)}), counted without reading the entries: the total a
   * paged client shows. Same access rule as the queue.
   */
  public Map<VersionedId, Integer> queueCounts(Actor actor, String annotatorId) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              requireQueueReader(handle, actor, annotatorId);
              Map<VersionedId, Integer> counts =
                  new TreeMap<>(Comparator.comparing(Object::toString));
              handle
                  .createQuery(
                      "SELECT a.rubric_version, COUNT(*) FROM assignments a JOIN clips c ON c.id ="
                          + " a.clip_id WHERE a.annotator_id = :annotator AND a.state <>"
                          + " 'submitted' AND c.status = 'active' GROUP BY a.rubric_version")
                  .bind("annotator", annotatorId)
                  .map((rs, ctx) -> Map.entry(VersionedId.parse(rs.getString(1)), rs.getInt(2)))
                  .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
              return counts;
            });
  }

  /** Checks that {@code actor} may read {@code annotatorId}'s queue; true for an overseer. */
  private static boolean requireQueueReader(Handle handle, Actor actor, String annotatorId) {
    Set<Role> roles =
        Access.require(handle, actor, "read a queue", Role.ANNOTATOR, Role.ADJUDICATOR, Role.LEAD);
    boolean overseer = roles.contains(Role.LEAD) || roles.contains(Role.ADJUDICATOR);
    if (!overseer && !actor.userId().equals(annotatorId)) {
      throw new PermissionDeniedException(
          actor.userId() + " cannot read the queue of " + annotatorId + ": only their own");
    }
    return overseer;
  }

  private List<QueueItem> queue(
      Actor actor, String annotatorId, OptionalLong after, OptionalInt limit) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              boolean overseer = requireQueueReader(handle, actor, annotatorId);
              Optional<QueuePosition> from =
                  after.isPresent()
                      ? Optional.of(position(handle, annotatorId, after.getAsLong()))
                      : Optional.empty();
              Query query =
                  handle
                      .createQuery(
                          "SELECT a.id, a.clip_id, c.clip_key, a.annotator_id, a.rubric_version,"
                              + " a.is_gold, a.priority, a.state FROM assignments a JOIN clips c"
                              + " ON c.id = a.clip_id WHERE a.annotator_id = :annotator AND"
                              + " a.state <> 'submitted' AND c.status = 'active'"
                              + (from.isPresent()
                                  ? " AND (a.priority < :priority OR (a.priority = :priority AND"
                                      + " (a.clip_id > :clip OR (a.clip_id = :clip AND a.id >"
                                      + " :id))))"
                                  : "")
                              + " ORDER BY a.priority DESC, a.clip_id, a.id"
                              + (limit.isPresent() ? " LIMIT " + limit.getAsInt() : ""))
                      .bind("annotator", annotatorId);
              from.ifPresent(
                  position ->
                      query
                          .bind("priority", position.priority())
                          .bind("clip", position.clipId())
                          .bind("id", position.assignmentId()));
              return query
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

  /** Where assignment {@code id} stands in the queue order (whatever its state now). */
  private static QueuePosition position(Handle handle, String annotatorId, long id) {
    return handle
        .createQuery(
            "SELECT priority, clip_id, id FROM assignments WHERE id = :id AND annotator_id ="
                + " :annotator")
        .bind("id", id)
        .bind("annotator", annotatorId)
        .map((rs, ctx) -> new QueuePosition(rs.getDouble(1), rs.getLong(2), rs.getLong(3)))
        .findOne()
        .orElseThrow(
            () ->
                new StorageException(
                    "assignment "
                        + id
                        + " is not in the queue of "
                        + annotatorId
                        + ": page on from an assignment id the queue listed"));
  }

  private record QueuePosition(double priority, long clipId, long assignmentId) {}

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
              List<QueueCandidate> clips = new ArrayList<>();
              handle
                  .createQuery(
                      "SELECT DISTINCT clip_id FROM assignments WHERE rubric_version = :rubric"
                          + " AND state <> 'submitted' ORDER BY clip_id")
                  .bind("rubric", rubric.toString())
                  .mapTo(Long.class)
                  .list()
                  .forEach(
                      id ->
                          Clips.find(handle, id).map(Assignments::candidate).ifPresent(clips::add));
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
                      AuditAction.ASSIGNMENT_REPRIORITIZE.created(
                          rubric.toString(),
                          AuditLog.json().createObjectNode().put("assignments", updated)));
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
    project.jdbi().useTransaction(handle -> writeGold(handle, actor, clipId, answer));
  }

  /** Stores a validated gold answer; writes and audits nothing when it is already stored. */
  private void writeGold(Handle handle, Actor actor, long clipId, LabelValue answer) {
    String json = ContentHash.canonicalJson(LabelValueJson.toJson(answer));
    Optional<String> previous = goldJson(handle, clipId, answer.rubric());
    if (previous.isPresent() && previous.get().equals(json)) {
      return;
    }
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
            AuditAction.GOLD_SET.changed(
                Long.toString(clipId), previous.map(Assignments::tree).orElse(null), tree(json)));
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

  /**
   * The gold answers under {@code rubric} of those of {@code clipIds} that have one, by clip id:
   * {@link #goldAnswer} for many clips, {@value #GOLD_PER_QUERY} ids a statement (issue 22: routing
   * the 60k items of one imported label file asked once per item). Leads and adjudicators only.
   */
  public Map<Long, LabelValue> goldAnswers(
      Actor actor, VersionedId rubric, Collection<Long> clipIds) {
    Rubric version = policies.rubric(rubric);
    List<Long> ids = List.copyOf(new TreeSet<>(clipIds));
    Map<Long, String> found =
        project
            .jdbi()
            .inTransaction(
                handle -> {
                  Access.require(handle, actor, "read gold answers", Role.LEAD, Role.ADJUDICATOR);
                  Map<Long, String> json = new TreeMap<>();
                  for (int from = 0; from < ids.size(); from += GOLD_PER_QUERY) {
                    handle
                        .createQuery(
                            "SELECT clip_id, value_json FROM gold_answers WHERE rubric_version ="
                                + " :rubric AND clip_id IN (<clips>)")
                        .bind("rubric", rubric.toString())
                        .bindList(
                            "clips", ids.subList(from, Math.min(ids.size(), from + GOLD_PER_QUERY)))
                        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                        .forEach(entry -> json.put(entry.getKey(), entry.getValue()));
                  }
                  return json;
                });
    Map<Long, LabelValue> answers = new TreeMap<>();
    found.forEach((clip, json) -> answers.put(clip, LabelValueJson.read(tree(json), version)));
    return answers;
  }

  private static final int GOLD_PER_QUERY = 1_000;

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

  /** A deactivated user gets no new work (they keep what they already labelled). */
  private static void refuseDeactivated(User annotator) {
    if (!annotator.active()) {
      throw new StorageException(
          annotator.id()
              + " is deactivated and gets no new work; assign to an active annotator, or have a"
              + " lead reactivate them");
    }
  }
}
