package dev.earmark.storage.label;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.rubric.LabelContext;
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
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.listening.trial.ListeningTrials;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Saves and reads labels. This is where blind labeling is enforced, whatever a caller asks:
 *
 * <ul>
 *   <li>an annotator reads only their own label of an item until they have submitted it; after
 *       submitting, still only their own unless the lead turned on {@link
 *       Setting#SHOW_OTHER_LABELS_AFTER_SUBMIT};
 *   <li>adjudicators and leads read every label;
 *   <li>the roles that count are those the project's user table grants, so an {@link Actor} built
 *       with roles its user does not hold gains nothing.
 * </ul>
 *
 * <p>Every write is one committed transaction with its audit event before the method returns, and
 * carries the label version its caller read: a write based on an older version is refused with a
 * {@link StaleLabelException} naming who changed the label and when, so no save silently overwrites
 * another. Values are validated against the exact rubric version of the assignment; drafts may
 * leave required fields empty, submissions may not. Thread-safe.
 */
public final class Labels {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Project project;
  private final Policies policies;
  private final ProjectSettings settings;

  public Labels(Project project, Policies policies, ProjectSettings settings) {
    this.project = project;
    this.policies = policies;
    this.settings = settings;
  }

  /** Autosaves a draft of the label of {@code assignmentId}; committed when this returns. */
  public SavedLabel saveDraft(
      Actor actor, long assignmentId, LabelInput input, int expectedVersion) {
    return write(actor, assignmentId, input, expectedVersion, LabelState.DRAFT);
  }

  /**
   * Submits the label of {@code assignmentId}; committed when this returns. A submitted label may
   * be submitted again (corrected, audited as {@code label.correct}) with its current version, but
   * no longer saved as a draft; once its item is disputed, adjudicated or exported a correction is
   * refused with a {@link LabelLockedException} saying why ({@link LabelSession#readOnlyBecause()}
   * tells a caller beforehand).
   */
  public SavedLabel submit(Actor actor, long assignmentId, LabelInput input, int expectedVersion) {
    return write(actor, assignmentId, input, expectedVersion, LabelState.SUBMITTED);
  }

  /**
   * Opens an assignment for labeling: its rubric version and the label saved so far. Only the
   * assignment's annotator, adjudicators and leads may open it.
   */
  public LabelSession open(Actor actor, long assignmentId) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Set<Role> roles = verifiedRoles(handle, actor);
              AssignmentRow assignment = assignment(handle, assignmentId, false);
              boolean own = assignment.annotatorId().equals(actor.userId());
              if (!own && !roles.contains(Role.LEAD) && !roles.contains(Role.ADJUDICATOR)) {
                throw new PermissionDeniedException(
                    actor.userId()
                        + " cannot open the assignment of "
                        + assignment.clipKey()
                        + " for "
                        + assignment.annotatorId()
                        + ": annotators open only their own assignments");
              }
              if (own && !roles.contains(Role.ANNOTATOR) && !roles.contains(Role.LEAD)) {
                throw new PermissionDeniedException(
                    actor.userId() + " cannot label: that needs the annotator role");
              }
              Optional<Label> label =
                  handle
                      .createQuery(SELECT_LABEL + " WHERE l.assignment_id = :id")
                      .bind("id", assignmentId)
                      .map((rs, ctx) -> readLabel(rs))
                      .findOne();
              return new LabelSession(
                  assignmentId,
                  assignment.clipId(),
                  assignment.clipKey(),
                  assignment.annotatorId(),
                  assignment.rubric(),
                  label,
                  label.isPresent() && label.get().state() == LabelState.SUBMITTED
                      ? correctionLock(handle, assignment)
                      : Optional.empty());
            });
  }

  /**
   * The acting annotator's own submitted work, as queue entries in the order their queue serves
   * open work (priority, then clip): what "Show: submitted" lists after a restart. Only active
   * clips, like the open queue. Never lists another annotator's assignment.
   */
  public List<QueueItem> submittedWork(Actor actor) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              verifiedRoles(handle, actor);
              return handle
                  .createQuery(
                      "SELECT a.id, a.clip_id, c.clip_key, a.annotator_id, a.rubric_version,"
                          + " a.priority FROM assignments a JOIN clips c ON c.id = a.clip_id"
                          + " WHERE a.annotator_id = :annotator AND a.state = 'submitted' AND"
                          + " c.status = 'active' ORDER BY a.priority DESC, a.clip_id, a.id")
                  .bind("annotator", actor.userId())
                  .map(
                      (rs, ctx) ->
                          new QueueItem(
                              rs.getLong(1),
                              rs.getLong(2),
                              rs.getString(3),
                              rs.getString(4),
                              VersionedId.parse(rs.getString(5)),
                              false,
                              rs.getDouble(6),
                              AssignmentState.SUBMITTED))
                  .list();
            });
  }

  /**
   * Why a submitted label of this assignment can no longer be corrected, or empty while it can:
   * once its item is disputed, adjudicated or exported in a batch, the label is evidence of what
   * was decided or released, so it stays as it is.
   */
  private static Optional<String> correctionLock(Handle handle, AssignmentRow assignment) {
    Optional<String> dispute =
        handle
            .createQuery(
                "SELECT status FROM disputes WHERE clip_id = :clip AND rubric_version = :rubric"
                    + " ORDER BY id DESC")
            .bind("clip", assignment.clipId())
            .bind("rubric", assignment.rubric().toString())
            .mapTo(String.class)
            .findFirst();
    if (dispute.isPresent()) {
      return Optional.of(
          "resolved".equals(dispute.get())
              ? "the item has been adjudicated"
              : "the item is disputed and waits for an adjudicator");
    }
    return handle
        .createQuery(
            "SELECT b.name FROM batch_items i JOIN batches b ON b.id = i.batch_id WHERE i.clip_id"
                + " = :clip ORDER BY b.id")
        .bind("clip", assignment.clipId())
        .mapTo(String.class)
        .findFirst()
        .map(batch -> "the item was exported in batch " + batch);
  }

  /**
   * The labels of clip {@code clipId} that {@code actor} may see (see the class comment), drafts
   * included for leads, adjudicators and the label's own annotator.
   */
  public List<Label> labelsForClip(Actor actor, long clipId) {
    return project
        .jdbi()
        .inTransaction(
            handle ->
                visible(
                    handle,
                    actor,
                    handle
                        .createQuery(SELECT_LABEL + " WHERE l.clip_id = :clip ORDER BY l.id")
                        .bind("clip", clipId)
                        .map((rs, ctx) -> readLabel(rs))
                        .list()));
  }

  /**
   * The labels under {@code rubric} of the clips {@code clipIds} that {@code actor} may see, by id:
   * what {@link #labels(Actor, VersionedId)} holds for those clips, without reading the rest (issue
   * 22: routing a few finished items of a 1M-label project read every label).
   */
  public List<Label> labels(Actor actor, VersionedId rubric, Collection<Long> clipIds) {
    List<Long> ids = List.copyOf(new TreeSet<>(clipIds));
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              List<Label> found = new ArrayList<>();
              for (int from = 0; from < ids.size(); from += CLIPS_PER_QUERY) {
                handle
                    .createQuery(
                        SELECT_LABEL
                            + " WHERE l.rubric_version = :rubric AND l.clip_id IN (<clips>)"
                            + " ORDER BY l.id")
                    .bind("rubric", rubric.toString())
                    .bindList(
                        "clips", ids.subList(from, Math.min(ids.size(), from + CLIPS_PER_QUERY)))
                    .map((rs, ctx) -> readLabel(rs))
                    .forEach(found::add);
              }
              found.sort(Comparator.comparingLong(Label::id));
              return visible(handle, actor, found);
            });
  }

  /**
   * Every label under rubric version {@code rubric} that {@code actor} may see, by id: all of them
   * for leads and adjudicators (agreement, adjudication, export), an annotator's own otherwise.
   */
  public List<Label> labels(Actor actor, VersionedId rubric) {
    return project
        .jdbi()
        .inTransaction(
            handle ->
                visible(
                    handle,
                    actor,
                    handle
                        .createQuery(
                            SELECT_LABEL + " WHERE l.rubric_version = :rubric ORDER BY l.id")
                        .bind("rubric", rubric.toString())
                        .map((rs, ctx) -> readLabel(rs))
                        .list()));
  }

  private List<Label> visible(Handle handle, Actor actor, List<Label> labels) {
    Set<Role> roles = verifiedRoles(handle, actor);
    if (roles.contains(Role.LEAD) || roles.contains(Role.ADJUDICATOR)) {
      return labels;
    }
    if (!roles.contains(Role.ANNOTATOR)) {
      throw new PermissionDeniedException(
          actor.userId()
              + " cannot read labels: that needs the annotator, adjudicator or lead role");
    }
    boolean showOthers = settings.flag(handle, Setting.SHOW_OTHER_LABELS_AFTER_SUBMIT);
    Set<Long> submittedClips = new HashSet<>();
    for (Label label : labels) {
      if (label.annotatorId().equals(actor.userId()) && label.state() == LabelState.SUBMITTED) {
        submittedClips.add(label.clipId());
      }
    }
    return labels.stream()
        .filter(
            label ->
                label.annotatorId().equals(actor.userId())
                    || (showOthers
                        && label.state() == LabelState.SUBMITTED
                        && submittedClips.contains(label.clipId())))
        .toList();
  }

  private SavedLabel write(
      Actor actor, long assignmentId, LabelInput input, int expectedVersion, LabelState state) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Set<Role> roles = verifiedRoles(handle, actor);
              AssignmentRow assignment = assignment(handle, assignmentId, true);
              refuseUnlessAssigneeOrLead(actor, roles, assignment);
              validate(handle, assignment, input.value(), state);
              Optional<Current> current = current(handle, assignmentId);
              int storedVersion = current.map(Current::version).orElse(0);
              if (storedVersion != expectedVersion) {
                throw stale(assignment, current, expectedVersion);
              }
              boolean correction =
                  current.isPresent() && current.get().state() == LabelState.SUBMITTED;
              if (correction) {
                refuseUncorrectable(handle, assignment, state);
              }
              OffsetDateTime at = StoredTime.now(project.clock());
              String json = ContentHash.canonicalJson(LabelValueJson.toJson(input.value()));
              int version = storedVersion + 1;
              long labelId;
              if (current.isEmpty()) {
                labelId =
                    insertLabel(
                        handle,
                        assignment,
                        json,
                        input,
                        state,
                        version,
                        at,
                        at,
                        state == LabelState.SUBMITTED ? at : null,
                        actor.userId());
              } else {
                labelId = current.get().id();
                if (!updateLabel(
                    handle, labelId, json, input, state, version, at, actor, expectedVersion)) {
                  throw stale(assignment, current(handle, assignmentId), expectedVersion);
                }
              }
              followLabelState(handle, assignment, state);
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      savedAs(correction, state)
                          .changed(
                              Long.toString(labelId),
                              current.map(Labels::describe).orElse(null),
                              describe(
                                  new Current(
                                      labelId,
                                      version,
                                      state,
                                      actor.userId(),
                                      at.toInstant(),
                                      json),
                                  assignment)));
              return new SavedLabel(labelId, assignmentId, version, state, at.toInstant());
            });
  }

  /**
   * Stores a label that was made and submitted elsewhere (the demo's simulated annotators, a pack
   * from another project) with its original creation and submission times and time spent (lead
   * only). The value is validated against the assignment's exact rubric version like any
   * submission; the listened share is kept as given, not enforced. Refused when the assignment
   * already has a label, so importing the same labels twice stores nothing new. The audit event
   * ({@code label.import}) names the lead as actor and the assignment's annotator in its content.
   */
  public SavedLabel importSubmitted(
      Actor lead, long assignmentId, LabelInput input, Instant createdAt, Instant submittedAt) {
    return importLabel(lead, assignmentId, input, LabelState.SUBMITTED, createdAt, submittedAt, 0);
  }

  /** One label for {@link #importSubmittedAll}: what {@link #importSubmitted} takes. */
  public record SubmittedImport(
      long assignmentId, LabelInput input, Instant createdAt, Instant submittedAt) {}

  /**
   * {@link #importSubmitted} for many labels in one transaction (issue 22: one transaction, five
   * statements and one audit-head lock per label made importing 1M labels take hours). Every label
   * is checked exactly as {@link #importSubmitted} checks it and gets its own {@code label.import}
   * event with the same content, in the order given; the rows and events are written in batched
   * statements. All or nothing: when any one label would be refused (an assignment that already has
   * a label or is named twice, a value its rubric refuses, bad times) nothing is stored and the
   * refusal of the first such label is thrown, so a caller that needs per-label outcomes stores
   * that group one label at a time instead.
   *
   * @return the saved labels, in the order given
   */
  public List<SavedLabel> importSubmittedAll(Actor lead, List<SubmittedImport> imports) {
    for (SubmittedImport item : imports) {
      refuseBadImportTimes(item.createdAt(), item.submittedAt());
    }
    if (imports.isEmpty()) {
      return List.of();
    }
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(handle, lead, "import labels", Role.LEAD);
              List<Long> ids = new ArrayList<>(imports.size());
              imports.forEach(item -> ids.add(item.assignmentId()));
              Map<Long, AssignmentRow> rows = assignments(handle, ids);
              Map<Long, Current> labelled = currents(handle, ids);
              Set<Long> seen = new HashSet<>();
              List<String> jsons = new ArrayList<>(imports.size());
              for (SubmittedImport item : imports) {
                AssignmentRow assignment = rows.get(item.assignmentId());
                if (assignment == null) {
                  throw new StorageException(
                      "there is no assignment " + item.assignmentId() + " in the project");
                }
                Optional<Current> current = Optional.ofNullable(labelled.get(assignment.id()));
                refuseImportOverLabel(assignment, current, 0);
                if (!seen.add(assignment.id())) {
                  throw new StorageException(
                      "the assignment of "
                          + assignment.clipKey()
                          + " to "
                          + assignment.annotatorId()
                          + " is given two labels in one import; store one");
                }
                validate(handle, assignment, item.input().value(), LabelState.SUBMITTED);
                jsons.add(ContentHash.canonicalJson(LabelValueJson.toJson(item.input().value())));
              }
              PreparedBatch insert = handle.prepareBatch(INSERT_LABEL);
              List<Long> toSubmitted = new ArrayList<>();
              for (int i = 0; i < imports.size(); i++) {
                SubmittedImport item = imports.get(i);
                AssignmentRow assignment = rows.get(item.assignmentId());
                OffsetDateTime updated = StoredTime.of(item.submittedAt());
                bindLabel(
                        insert,
                        assignment,
                        jsons.get(i),
                        item.input(),
                        LabelState.SUBMITTED,
                        1,
                        StoredTime.of(item.createdAt()),
                        updated,
                        updated,
                        assignment.annotatorId())
                    .add();
                if (assignment.state() != AssignmentState.SUBMITTED) {
                  toSubmitted.add(assignment.id());
                }
              }
              List<Long> labelIds = insert.executePreparedBatch("id").mapTo(Long.class).list();
              if (labelIds.size() != imports.size()) {
                throw new StorageException(
                    "the database returned "
                        + labelIds.size()
                        + " ids for "
                        + imports.size()
                        + " labels");
              }
              if (!toSubmitted.isEmpty()) {
                PreparedBatch follow =
                    handle.prepareBatch("UPDATE assignments SET state = :state WHERE id = :id");
                for (long id : toSubmitted) {
                  follow.bind("state", AssignmentState.SUBMITTED.code()).bind("id", id).add();
                }
                follow.execute();
              }
              List<AuditLog.Pending> events = new ArrayList<>(imports.size());
              List<SavedLabel> saved = new ArrayList<>(imports.size());
              for (int i = 0; i < imports.size(); i++) {
                SubmittedImport item = imports.get(i);
                AssignmentRow assignment = rows.get(item.assignmentId());
                OffsetDateTime created = StoredTime.of(item.createdAt());
                OffsetDateTime updated = StoredTime.of(item.submittedAt());
                long labelId = labelIds.get(i);
                events.add(
                    AuditAction.LABEL_IMPORT.changed(
                        Long.toString(labelId),
                        null,
                        importedAfter(
                            labelId,
                            assignment,
                            jsons.get(i),
                            item.input(),
                            LabelState.SUBMITTED,
                            1,
                            created,
                            updated)));
                saved.add(
                    new SavedLabel(
                        labelId, assignment.id(), 1, LabelState.SUBMITTED, updated.toInstant()));
              }
              project.audit().appendAll(handle, lead, events);
              return saved;
            });
  }

  /** The audit content of an imported label: the label as stored, with its own times. */
  private static ObjectNode importedAfter(
      long labelId,
      AssignmentRow assignment,
      String json,
      LabelInput input,
      LabelState state,
      int version,
      OffsetDateTime created,
      OffsetDateTime updated) {
    ObjectNode after =
        describe(
            new Current(
                labelId, version, state, assignment.annotatorId(), updated.toInstant(), json),
            assignment);
    after.put("created_at", created.toString());
    after.put("updated_at", updated.toString());
    if (state == LabelState.SUBMITTED) {
      after.put("submitted_at", updated.toString());
    }
    after.put("time_spent_ms", input.timeSpent().toMillis());
    after.put("listened_coverage", input.listenedCoverage());
    return after;
  }

  /**
   * Stores a label that its annotator made in another copy of the project (an offline pack), as a
   * draft or a submission, with its original creation and last-change times (lead only). The value
   * is validated like a save in that state. With {@code expectedVersion == 0} the assignment must
   * have no label yet; otherwise its label must be a draft at exactly that version, which is then
   * replaced. A submitted label is never replaced, so no import overwrites finished work. The audit
   * event ({@code label.import}) names the lead as actor and the assignment's annotator in its
   * content; the label counts as last modified by that annotator.
   *
   * @param updatedAt the label's last change elsewhere; for a submission also its submission time
   */
  public SavedLabel importLabel(
      Actor lead,
      long assignmentId,
      LabelInput input,
      LabelState state,
      Instant createdAt,
      Instant updatedAt,
      int expectedVersion) {
    refuseBadImportTimes(createdAt, updatedAt);
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(handle, lead, "import labels", Role.LEAD);
              AssignmentRow assignment = assignment(handle, assignmentId, true);
              Optional<Current> current = current(handle, assignmentId);
              int storedVersion = current.map(Current::version).orElse(0);
              refuseImportOverLabel(assignment, current, expectedVersion);
              if (storedVersion != expectedVersion) {
                throw stale(assignment, current, expectedVersion);
              }
              validate(handle, assignment, input.value(), state);
              OffsetDateTime created = StoredTime.of(createdAt);
              OffsetDateTime updated = StoredTime.of(updatedAt);
              String json = ContentHash.canonicalJson(LabelValueJson.toJson(input.value()));
              int version = storedVersion + 1;
              long labelId;
              if (current.isEmpty()) {
                labelId =
                    insertLabel(
                        handle,
                        assignment,
                        json,
                        input,
                        state,
                        version,
                        created,
                        updated,
                        state == LabelState.SUBMITTED ? updated : null,
                        assignment.annotatorId());
              } else {
                labelId = current.get().id();
                replaceImportedDraft(
                    handle,
                    labelId,
                    json,
                    input,
                    state,
                    version,
                    created,
                    updated,
                    assignment.annotatorId(),
                    expectedVersion);
              }
              followLabelState(handle, assignment, state);
              ObjectNode after =
                  importedAfter(labelId, assignment, json, input, state, version, created, updated);
              project
                  .audit()
                  .append(
                      handle,
                      lead,
                      AuditAction.LABEL_IMPORT.changed(
                          Long.toString(labelId),
                          current.map(Labels::describe).orElse(null),
                          after));
              return new SavedLabel(labelId, assignmentId, version, state, updated.toInstant());
            });
  }

  /** An imported label needs both times, the last change no earlier than the creation. */
  private static void refuseBadImportTimes(Instant createdAt, Instant updatedAt) {
    if (createdAt == null || updatedAt == null || updatedAt.isBefore(createdAt)) {
      throw new StorageException(
          "an imported label needs a creation time and a last-change (or submission) time no"
              + " earlier than it, not "
              + createdAt
              + " and "
              + updatedAt);
    }
  }

  /** Refuses anyone but the assigned annotator (holding the role) and a lead. */
  private static void refuseUnlessAssigneeOrLead(
      Actor actor, Set<Role> roles, AssignmentRow assignment) {
    boolean own = assignment.annotatorId().equals(actor.userId());
    if (!(own && roles.contains(Role.ANNOTATOR)) && !roles.contains(Role.LEAD)) {
      throw new PermissionDeniedException(
          actor.userId()
              + " cannot label "
              + assignment.clipKey()
              + " for "
              + assignment.annotatorId()
              + ": only the assigned annotator or a lead can");
    }
  }

  /**
   * Refuses to correct a submitted label once it is locked (see {@link #correctionLock}), and to
   * turn it back into a draft.
   */
  private static void refuseUncorrectable(
      Handle handle, AssignmentRow assignment, LabelState state) {
    Optional<String> lock = correctionLock(handle, assignment);
    if (lock.isPresent()) {
      throw new LabelLockedException(
          "the submitted label for "
              + assignment.clipKey()
              + " can no longer be corrected: "
              + lock.get(),
          lock.get());
    }
    if (state == LabelState.DRAFT) {
      throw new StorageException(
          "the label for "
              + assignment.clipKey()
              + " is already submitted, so it is no longer saved as a draft; submit"
              + " it again to change it");
    }
  }

  /** Refuses to import over a submitted label, or over any label when none is expected. */
  private static void refuseImportOverLabel(
      AssignmentRow assignment, Optional<Current> current, int expectedVersion) {
    if (current.isPresent()
        && (current.get().state() == LabelState.SUBMITTED || expectedVersion == 0)) {
      throw new StorageException(
          "the assignment of "
              + assignment.clipKey()
              + " to "
              + assignment.annotatorId()
              + " already has a "
              + current.get().state().code()
              + " label, so an imported one is not stored over it");
    }
  }

  /** What a save is audited as. */
  private static AuditAction savedAs(boolean correction, LabelState state) {
    if (correction) {
      return AuditAction.LABEL_CORRECT;
    }
    return state == LabelState.SUBMITTED ? AuditAction.LABEL_SUBMIT : AuditAction.LABEL_SAVE_DRAFT;
  }

  /**
   * Writes a new version over label {@code labelId} if it is still at {@code expectedVersion};
   * false when another save came first.
   */
  private static boolean updateLabel(
      Handle handle,
      long labelId,
      String valueJson,
      LabelInput input,
      LabelState state,
      int version,
      OffsetDateTime at,
      Actor actor,
      int expectedVersion) {
    return handle
            .createUpdate(
                "UPDATE labels SET value_json = :value, time_spent_ms = :time,"
                    + " listened_coverage = :coverage, state = :state, row_version ="
                    + " :version, updated_at = :at, submitted_at = "
                    + (state == LabelState.SUBMITTED ? ":at" : "submitted_at")
                    + ", last_modified_by = :by WHERE id = :id AND row_version ="
                    + " :expected")
            .bind("value", valueJson)
            .bind("time", input.timeSpent().toMillis())
            .bind("coverage", input.listenedCoverage())
            .bind("state", state.code())
            .bind("version", version)
            .bind("at", at)
            .bind("by", actor.userId())
            .bind("id", labelId)
            .bind("expected", expectedVersion)
            .execute()
        == 1;
  }

  /** Replaces a draft with one imported from elsewhere, keeping that label's own times. */
  private static void replaceImportedDraft(
      Handle handle,
      long labelId,
      String valueJson,
      LabelInput input,
      LabelState state,
      int version,
      OffsetDateTime created,
      OffsetDateTime updated,
      String annotatorId,
      int expectedVersion) {
    handle
        .createUpdate(
            "UPDATE labels SET value_json = :value, time_spent_ms = :time,"
                + " listened_coverage = :coverage, state = :state, row_version ="
                + " :version, created_at = :created, updated_at = :updated,"
                + " submitted_at = :submitted, last_modified_by = :by WHERE id = :id"
                + " AND row_version = :expected")
        .bind("value", valueJson)
        .bind("time", input.timeSpent().toMillis())
        .bind("coverage", input.listenedCoverage())
        .bind("state", state.code())
        .bind("version", version)
        .bind("created", created)
        .bind("updated", updated)
        .bind("submitted", state == LabelState.SUBMITTED ? updated : null)
        .bind("by", annotatorId)
        .bind("id", labelId)
        .bind("expected", expectedVersion)
        .execute();
  }

  /**
   * Moves the assignment to drafted or submitted with its label, when it is not there yet (an
   * update to the same state would change nothing).
   */
  private static void followLabelState(Handle handle, AssignmentRow assignment, LabelState state) {
    AssignmentState target =
        state == LabelState.SUBMITTED ? AssignmentState.SUBMITTED : AssignmentState.DRAFTED;
    if (assignment.state() != target) {
      handle
          .createUpdate("UPDATE assignments SET state = :state WHERE id = :id")
          .bind("state", target.code())
          .bind("id", assignment.id())
          .execute();
    }
  }

  /** Inserts the first label row of an assignment and returns its id. */
  private static long insertLabel(
      Handle handle,
      AssignmentRow assignment,
      String valueJson,
      LabelInput input,
      LabelState state,
      int version,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      OffsetDateTime submittedAt,
      String modifiedBy) {
    return bindLabel(
            handle.createUpdate(INSERT_LABEL),
            assignment,
            valueJson,
            input,
            state,
            version,
            createdAt,
            updatedAt,
            submittedAt,
            modifiedBy)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  private static final String INSERT_LABEL =
      "INSERT INTO labels (assignment_id, clip_id, annotator_id, rubric_version, value_json,"
          + " time_spent_ms, listened_coverage, state, row_version, created_at, updated_at,"
          + " submitted_at, last_modified_by) VALUES (:assignment, :clip, :annotator,"
          + " :rubric, :value, :time, :coverage, :state, :version, :created, :updated,"
          + " :submitted, :by)";

  /** Binds the columns of {@link #INSERT_LABEL}, for one insert or one row of a batch. */
  private static <T extends SqlStatement<T>> T bindLabel(
      T statement,
      AssignmentRow assignment,
      String valueJson,
      LabelInput input,
      LabelState state,
      int version,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      OffsetDateTime submittedAt,
      String modifiedBy) {
    return statement
        .bind("assignment", assignment.id())
        .bind("clip", assignment.clipId())
        .bind("annotator", assignment.annotatorId())
        .bind("rubric", assignment.rubric().toString())
        .bind("value", valueJson)
        .bind("time", input.timeSpent().toMillis())
        .bind("coverage", input.listenedCoverage())
        .bind("state", state.code())
        .bind("version", version)
        .bind("created", createdAt)
        .bind("updated", updatedAt)
        .bind("submitted", submittedAt)
        .bind("by", modifiedBy);
  }

  private void validate(
      Handle handle, AssignmentRow assignment, LabelValue value, LabelState state) {
    if (!value.rubric().equals(assignment.rubric())) {
      throw new LabelValidationException(
          assignment.clipKey(),
          assignment.rubric().toString(),
          List.of(
              new Violation(
                  "rubric",
                  "the label was made under "
                      + value.rubric()
                      + " but the assignment is under "
                      + assignment.rubric()
                      + "; reopen the item to label it under "
                      + assignment.rubric())));
    }
    Rubric rubric = policies.rubric(assignment.rubric());
    LabelContext context =
        assignment.durationSeconds() > 0
            ? LabelContext.clip(assignment.durationSeconds())
            : LabelContext.none();
    if (rubric.taskType().isMultiStimulus()) {
      // One label scores a whole trial: it may name the trial's stimuli and must cover them.
      context =
          ListeningTrials.trials(handle, rubric.taskType())
              .ofKeyClip(assignment.clipId())
              .map(trial -> LabelContext.trial(trial.clipKeys()))
              .orElseThrow(
                  () ->
                      new LabelValidationException(
                          assignment.clipKey(),
                          assignment.rubric().toString(),
                          List.of(
                              new Violation(
                                  "rubric",
                                  "clip "
                                      + assignment.clipKey()
                                      + " is not the key clip of a complete "
                                      + rubric.taskType()
                                      + " trial; see earmark tts report for the trial's problem"))));
    }
    List<Violation> violations;
    try {
      violations = rubric.validate(value, context);
    } catch (EngineException e) {
      throw new LabelValidationException(
          assignment.clipKey(),
          assignment.rubric().toString(),
          List.of(new Violation("rubric", e.getMessage())));
    }
    if (state == LabelState.DRAFT) {
      // A draft is work in progress: a field not filled in yet is not a problem, a wrong value is.
      violations =
          violations.stream()
              .filter(violation -> value.fields().containsKey(violation.field()))
              .toList();
    }
    if (!violations.isEmpty()) {
      throw new LabelValidationException(
          assignment.clipKey(), assignment.rubric().toString(), violations);
    }
  }

  private StaleLabelException stale(
      AssignmentRow assignment, Optional<Current> current, int expectedVersion) {
    if (current.isEmpty()) {
      return new StaleLabelException(
          "the label for "
              + assignment.clipKey()
              + " you are saving (version "
              + expectedVersion
              + ") no longer exists; reload the item",
          null,
          null,
          0);
    }
    Current now = current.get();
    String at = TIME.format(now.updatedAt().atZone(project.clock().getZone()));
    return new StaleLabelException(
        assignment.clipKey()
            + " was changed by "
            + now.lastModifiedBy()
            + " at "
            + at
            + " after you opened it; reload to see their version",
        now.lastModifiedBy(),
        now.updatedAt(),
        now.version());
  }

  /** The actor's verified roles; an actor with none may not touch labels at all. */
  private static Set<Role> verifiedRoles(Handle handle, Actor actor) {
    Set<Role> roles = Access.verifiedRoles(handle, actor);
    if (roles.isEmpty()) {
      throw new PermissionDeniedException(
          actor.userId()
              + " holds no role in this project that allows working with labels; ask a lead to"
              + " add the annotator, adjudicator or lead role");
    }
    return roles;
  }

  private record AssignmentRow(
      long id,
      long clipId,
      String clipKey,
      String annotatorId,
      VersionedId rubric,
      AssignmentState state,
      double durationSeconds) {}

  /** An assignment with what a label's checks need of its clip; add the WHERE clause. */
  private static final String SELECT_ASSIGNMENT_ROW =
      "SELECT a.id, a.clip_id, c.clip_key, a.annotator_id, a.rubric_version, a.state, c.duration_s"
          + " FROM assignments a JOIN clips c ON c.id = a.clip_id";

  private static AssignmentRow readAssignmentRow(ResultSet rs) throws SQLException {
    return new AssignmentRow(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        VersionedId.parse(rs.getString(5)),
        AssignmentState.fromCode(rs.getString(6)),
        rs.getDouble(7));
  }

  private static AssignmentRow assignment(Handle handle, long assignmentId, boolean lock) {
    if (lock) {
      // Serializes writers of one assignment's label, on H2 and PostgreSQL alike.
      handle
          .createQuery("SELECT id FROM assignments WHERE id = :id FOR UPDATE")
          .bind("id", assignmentId)
          .mapTo(Long.class)
          .findOne();
    }
    return handle
        .createQuery(SELECT_ASSIGNMENT_ROW + " WHERE a.id = :id")
        .bind("id", assignmentId)
        .map((rs, ctx) -> readAssignmentRow(rs))
        .findOne()
        .orElseThrow(
            () ->
                new StorageException("there is no assignment " + assignmentId + " in the project"));
  }

  private record Current(
      long id,
      int version,
      LabelState state,
      String lastModifiedBy,
      Instant updatedAt,
      String valueJson) {}

  /**
   * The rows of the assignments {@code ids}, by id, each locked for update (as {@link
   * #assignment(Handle, long, boolean)} locks one), read {@value #CLIPS_PER_QUERY} ids a statement.
   */
  private static Map<Long, AssignmentRow> assignments(Handle handle, List<Long> ids) {
    List<Long> sorted = List.copyOf(new TreeSet<>(ids));
    Map<Long, AssignmentRow> rows = new HashMap<>();
    for (int from = 0; from < sorted.size(); from += CLIPS_PER_QUERY) {
      List<Long> chunk = sorted.subList(from, Math.min(sorted.size(), from + CLIPS_PER_QUERY));
      handle
          .createQuery("SELECT id FROM assignments WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
          .bindList("ids", chunk)
          .mapTo(Long.class)
          .list();
      handle
          .createQuery(SELECT_ASSIGNMENT_ROW + " WHERE a.id IN (<ids>)")
          .bindList("ids", chunk)
          .map((rs, ctx) -> readAssignmentRow(rs))
          .forEach(row -> rows.put(row.id(), row));
    }
    return rows;
  }

  /** The labels of the assignments {@code ids} that have one, by assignment id. */
  private static Map<Long, Current> currents(Handle handle, List<Long> ids) {
    List<Long> sorted = List.copyOf(new TreeSet<>(ids));
    Map<Long, Current> labels = new HashMap<>();
    for (int from = 0; from < sorted.size(); from += CLIPS_PER_QUERY) {
      handle
          .createQuery(
              "SELECT assignment_id, id, row_version, state, last_modified_by, updated_at,"
                  + " value_json FROM labels WHERE assignment_id IN (<ids>)")
          .bindList("ids", sorted.subList(from, Math.min(sorted.size(), from + CLIPS_PER_QUERY)))
          .map(
              (rs, ctx) ->
                  Map.entry(
                      rs.getLong(1),
                      new Current(
                          rs.getLong(2),
                          rs.getInt(3),
                          LabelState.fromCode(rs.getString(4)),
                          rs.getString(5),
                          rs.getObject(6, OffsetDateTime.class).toInstant(),
                          rs.getString(7))))
          .forEach(entry -> labels.put(entry.getKey(), entry.getValue()));
    }
    return labels;
  }

  private static Optional<Current> current(Handle handle, long assignmentId) {
    return handle
        .createQuery(
            "SELECT id, row_version, state, last_modified_by, updated_at, value_json FROM labels"
                + " WHERE assignment_id = :id")
        .bind("id", assignmentId)
        .map(
            (rs, ctx) ->
                new Current(
                    rs.getLong(1),
                    rs.getInt(2),
                    LabelState.fromCode(rs.getString(3)),
                    rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class).toInstant(),
                    rs.getString(6)))
        .findOne();
  }

  private static ObjectNode describe(Current current) {
    ObjectNode node = AuditLog.json().createObjectNode();
    node.put("version", current.version());
    node.put("state", current.state().code());
    node.set("value", tree(current.valueJson()));
    return node;
  }

  private static ObjectNode describe(Current current, AssignmentRow assignment) {
    ObjectNode node = describe(current);
    node.put("assignment", assignment.id());
    node.put("clip", assignment.clipKey());
    node.put("annotator", assignment.annotatorId());
    return node;
  }

  /** Clip ids bound in one IN list; PostgreSQL takes at most 32,767 parameters a statement. */
  private static final int CLIPS_PER_QUERY = 1_000;

  private static final String SELECT_LABEL =
      "SELECT l.id, l.assignment_id, l.clip_id, c.clip_key, l.annotator_id, l.rubric_version,"
          + " l.value_json, l.time_spent_ms, l.listened_coverage, l.state, l.row_version,"
          + " l.created_at, l.updated_at, l.submitted_at, l.last_modified_by FROM labels l JOIN"
          + " clips c ON c.id = l.clip_id";

  private Label readLabel(ResultSet rs) throws SQLException {
    VersionedId rubric = VersionedId.parse(rs.getString(6));
    OffsetDateTime submitted = rs.getObject(14, OffsetDateTime.class);
    return new Label(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        rubric,
        LabelValueJson.read(tree(rs.getString(7)), policies.rubric(rubric)),
        Duration.ofMillis(rs.getLong(8)),
        rs.getDouble(9),
        LabelState.fromCode(rs.getString(10)),
        rs.getInt(11),
        rs.getObject(12, OffsetDateTime.class).toInstant(),
        rs.getObject(13, OffsetDateTime.class).toInstant(),
        Optional.ofNullable(submitted).map(OffsetDateTime::toInstant),
        rs.getString(15));
  }

  private static JsonNode tree(String json) {
    try {
      return AuditLog.json().readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored label value is not readable JSON", e);
    }
  }
}
