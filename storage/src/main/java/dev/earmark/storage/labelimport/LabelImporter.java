package dev.earmark.storage.labelimport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.rubric.Violation;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeRouting;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Imports labels made outside Earmark as one annotator's submitted labels (lead only; {@code
 * earmark labels import}). Each line of the JSONL file (docs/formats/label-import.md) names a clip
 * and gives a value; the value is read and validated under the rubric of the label policy in force
 * for the clip's task type before anything is written, the clip is assigned to the annotator when
 * it is not yet ({@link Assignments#assignExplicit}, audited), and the label is stored through
 * {@link Labels#importLabel} (audited as {@code label.import}, submitted at the project clock's
 * now). A line that fails is reported with its number and reason; the other lines still import.
 * Lines are written {@value #LINES_PER_TRANSACTION} to a transaction. After the file, disputes are
 * routed among its clips by the project's one routing path ({@link DisputeRouting}).
 *
 * <p>Importing the same file again changes nothing: a clip whose annotator already holds the same
 * submitted value is reported unchanged, and a submitted label is never overwritten (a different
 * value is refused). Thread-safe.
 */
public final class LabelImporter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Project project;
  private final Policies policies;
  private final Assignments assignments;
  private final Labels labels;
  private final DisputeRouting routing;

  public LabelImporter(Project project) {
    this.project = project;
    this.policies = new Policies(project);
    ProjectSettings settings = new ProjectSettings(project);
    this.assignments = new Assignments(project, policies);
    this.labels = new Labels(project, policies, settings);
    this.routing =
        new DisputeRouting(
            project, policies, settings, labels, assignments, new Adjudications(project, policies));
  }

  /**
   * Imports {@code file} as {@code annotatorId}'s submitted labels.
   *
   * @throws dev.earmark.storage.PermissionDeniedException unless {@code lead} is a lead
   * @throws StorageException when the annotator is not an annotator of the project or the file
   *     cannot be read; bad lines are reported, not thrown
   */
  public LabelImportReport run(Actor lead, String annotatorId, Path file) {
    project.jdbi().useHandle(handle -> Access.require(handle, lead, "import labels", Role.LEAD));
    User annotator =
        project
            .users()
            .find(annotatorId)
            .orElseThrow(
                () ->
                    new StorageException(
                        "no user '"
                            + annotatorId
                            + "' in this project; add them as an annotator before importing their"
                            + " labels"));
    if (!annotator.roles().contains(Role.ANNOTATOR)) {
      throw new StorageException(
          annotatorId
              + " is not an annotator of this project; give them the annotator role before"
              + " importing their labels");
    }
    List<LineOutcome> outcomes = new ArrayList<>();
    Map<VersionedId, Set<Long>> touched = new LinkedHashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<NumberedLine> chunk = new ArrayList<>(LINES_PER_TRANSACTION);
      String text;
      int number = 0;
      while ((text = reader.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        chunk.add(new NumberedLine(number, text));
        if (chunk.size() == LINES_PER_TRANSACTION) {
          outcomes.addAll(chunk(lead, annotatorId, chunk, touched));
          chunk.clear();
        }
      }
      outcomes.addAll(chunk(lead, annotatorId, chunk, touched));
    } catch (IOException e) {
      throw new StorageException("cannot read the label file " + file + ": " + e.getMessage(), e);
    }
    List<DisputeRecord> opened = new ArrayList<>();
    for (Map.Entry<VersionedId, Set<Long>> rubric : touched.entrySet()) {
      opened.addAll(routing.route(lead, rubric.getKey(), rubric.getValue()));
    }
    return new LabelImportReport(annotatorId, outcomes, opened);
  }

  /**
   * Lines written per transaction (issue 22: one transaction per line made 1,000 lines take 20 s of
   * CPU on H2). Small enough that the audit chain's lock, which every write takes and a team's
   * label saves wait for, is held for a short while only.
   */
  static final int LINES_PER_TRANSACTION = 128;

  private record NumberedLine(int number, String text) {}

  /**
   * The outcomes of {@code lines}, written in one transaction. A refused line writes nothing and
   * the others go on, as one by one. Should a statement fail inside (not a refusal: a database
   * error), the chunk leaves nothing behind and its lines are written again one transaction each,
   * so that what was good is kept and the failure is reported where it happened.
   */
  private List<LineOutcome> chunk(
      Actor lead,
      String annotatorId,
      List<NumberedLine> lines,
      Map<VersionedId, Set<Long>> touched) {
    if (lines.isEmpty()) {
      return List.of();
    }
    Map<VersionedId, Set<Long>> chunkTouched = new LinkedHashMap<>();
    List<LineOutcome> outcomes;
    try {
      outcomes =
          project
              .jdbi()
              .inTransaction(
                  handle -> {
                    List<LineOutcome> written = new ArrayList<>(lines.size());
                    for (NumberedLine line : lines) {
                      written.add(
                          line(
                              handle, lead, annotatorId, line.number(), line.text(), chunkTouched));
                    }
                    return written;
                  });
    } catch (JdbiException e) {
      outcomes = new ArrayList<>(lines.size());
      for (NumberedLine line : lines) {
        outcomes.add(
            project
                .jdbi()
                .inTransaction(
                    handle ->
                        line(handle, lead, annotatorId, line.number(), line.text(), touched)));
      }
      return outcomes;
    }
    chunkTouched.forEach(
        (rubric, clips) ->
            touched.computeIfAbsent(rubric, k -> new LinkedHashSet<>()).addAll(clips));
    return outcomes;
  }

  private LineOutcome line(
      Handle handle,
      Actor lead,
      String annotatorId,
      int number,
      String text,
      Map<VersionedId, Set<Long>> touched) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return new LineOutcome.Refused(
          number, "", "not a JSON object: " + e.getOriginalMessage() + "; fix the line");
    }
    if (node == null || !node.isObject()) {
      return new LineOutcome.Refused(number, "", "not a JSON object; fix the line");
    }
    JsonNode id = node.get("clip_id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      return new LineOutcome.Refused(
          number, "", "the line has no \"clip_id\"; name the clip as the manifest did");
    }
    String clipKey = id.asText();
    try {
      return stored(handle, lead, annotatorId, number, clipKey, node, touched);
    } catch (StorageException | EngineException e) {
      return new LineOutcome.Refused(number, clipKey, e.getMessage());
    }
  }

  private LineOutcome stored(
      Handle handle,
      Actor lead,
      String annotatorId,
      int number,
      String clipKey,
      JsonNode node,
      Map<VersionedId, Set<Long>> touched) {
    ClipRow clip = clip(handle, clipKey);
    TaskType taskType = TaskType.fromId(clip.taskType());
    VersionedId rubricId =
        policies
            .policy(taskType)
            .map(LabelPolicy::rubric)
            .orElseThrow(
                () ->
                    new StorageException(
                        "the project has no label policy for "
                            + taskType.id()
                            + "; set one (earmark policy set) before importing labels of it"));
    Rubric rubric = policies.rubric(rubricId);
    LabelValue value = readValue(node.get("value"), rubric);
    List<Violation> violations = rubric.validate(value);
    if (!violations.isEmpty()) {
      throw new StorageException(
          "the value breaks rubric "
              + rubricId
              + ": "
              + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }
    Duration timeSpent = timeSpent(node.get("time_spent_ms"));
    if (!"active".equals(clip.status())) {
      throw new StorageException(
          "clip " + clipKey + " is " + clip.status() + ", so it takes no labels");
    }
    Optional<Label> existing =
        labels.labelsForClip(handle, lead, clip.id()).stream()
            .filter(l -> l.annotatorId().equals(annotatorId) && l.rubric().equals(rubricId))
            .findFirst();
    if (existing.isPresent()) {
      Label label = existing.get();
      if (label.state() != LabelState.SUBMITTED) {
        throw new StorageException(
            annotatorId
                + " has a draft for "
                + clipKey
                + " in Earmark; let them submit or clear it before importing over it");
      }
      if (!canonical(label.value()).equals(canonical(value))) {
        throw new StorageException(
            annotatorId
                + " already submitted another label for "
                + clipKey
                + "; a submitted label is never overwritten");
      }
      touched.computeIfAbsent(rubricId, k -> new LinkedHashSet<>()).add(clip.id());
      return new LineOutcome.Unchanged(number, clipKey, rubricId);
    }
    // An existing assignment (a gold item too) is used as it is; otherwise the clip is assigned.
    Optional<Long> assigned = assignment(handle, clip.id(), annotatorId, rubricId);
    long assignmentId =
        assigned.orElseGet(
            () ->
                assignments
                    .assignExplicit(handle, lead, rubricId, clip.id(), annotatorId, false)
                    .assignmentId());
    Instant now = project.clock().instant();
    labels.importLabel(
        handle,
        lead,
        assignmentId,
        new LabelInput(value, timeSpent, 0),
        LabelState.SUBMITTED,
        now,
        now,
        0);
    touched.computeIfAbsent(rubricId, k -> new LinkedHashSet<>()).add(clip.id());
    return new LineOutcome.Imported(number, clipKey, rubricId, assigned.isEmpty());
  }

  /**
   * A label value given in a file: the rubric's fields by name ({@code {"transcript": "…"}}), or a
   * whole label value as label packs and exports write it ({@code {"rubric": …, "fields": {…}}}).
   * Read, not validated: call {@link Rubric#validate} (or let the storing service do it).
   *
   * @throws StorageException when {@code value} is not a JSON object
   * @throws EngineException when a whole label value names another rubric version
   */
  public static LabelValue readValue(JsonNode value, Rubric rubric) {
    if (value == null || !value.isObject()) {
      throw new StorageException(
          "the value is not a JSON object; give the answers by field name, e.g. {\"transcript\":"
              + " \"…\"}");
    }
    if (value.has("fields") && value.get("fields").isObject()) {
      return LabelValueJson.read(value, rubric);
    }
    ObjectNode whole = JSON.createObjectNode();
    whole.put("rubric", rubric.id().toString());
    whole.set("fields", value);
    return LabelValueJson.read(whole, rubric);
  }

  private static Duration timeSpent(JsonNode node) {
    if (node == null || node.isNull()) {
      return Duration.ZERO;
    }
    if (!node.isIntegralNumber() || node.asLong() < 0) {
      throw new StorageException(
          "\"time_spent_ms\" must be a whole number of milliseconds, 0 or more, not " + node);
    }
    return Duration.ofMillis(node.asLong());
  }

  private static String canonical(LabelValue value) {
    return ContentHash.canonicalJson(LabelValueJson.toJson(value));
  }

  private static Optional<Long> assignment(
      Handle handle, long clipId, String annotatorId, VersionedId rubric) {
    return handle
        .createQuery(
            "SELECT id FROM assignments WHERE clip_id = :clip AND annotator_id = :annotator AND"
                + " rubric_version = :rubric")
        .bind("clip", clipId)
        .bind("annotator", annotatorId)
        .bind("rubric", rubric.toString())
        .mapTo(Long.class)
        .findOne();
  }

  private record ClipRow(long id, String status, String taskType) {}

  private static ClipRow clip(Handle handle, String clipKey) {
    List<ClipRow> rows =
        handle
            .createQuery("SELECT id, status, task_type FROM clips WHERE clip_key = :key")
            .bind("key", clipKey)
            .map((rs, ctx) -> new ClipRow(rs.getLong(1), rs.getString(2), rs.getString(3)))
            .list();
    if (rows.isEmpty()) {
      throw new StorageException(
          "there is no clip " + clipKey + " in the project; import it with its manifest first");
    }
    if (rows.size() > 1) {
      throw new StorageException(
          "clip id " + clipKey + " is in " + rows.size() + " datasets; it is ambiguous");
    }
    return rows.get(0);
  }
}
