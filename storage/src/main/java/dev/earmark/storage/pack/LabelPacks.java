package dev.earmark.storage.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.audit.AuditAnchor;
import dev.earmark.storage.audit.AuditAnchors;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.pack.PackFile.OpenedPack;
import dev.earmark.storage.pack.PackRefusedException.Reason;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Label packs (PRODUCT.md §3.4): {@link #export} writes the annotator's labels out of a working
 * project made from an assignment pack; {@link #importInto} merges such a pack into the lead's
 * project.
 *
 * <p>Merging is refused as a whole, before anything is stored, when the pack is altered, belongs to
 * another project, answers an assignment pack this project never exported to that annotator, or was
 * already imported. Otherwise each label goes only onto its annotator's own assignment of that clip
 * and rubric version; a submitted label already there is kept (reported as {@code conflict} unless
 * identical), and a draft is replaced only by the same annotator's later work. Each stored label is
 * audited ({@code label.import}), the pack itself too ({@code pack.import}, or {@code pack.refuse}
 * with the reason). Stateless apart from the project; thread-safe as far as the project is.
 */
public final class LabelPacks {
  static final String LABELS = "labels.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Project project;
  private final Policies policies;

  public LabelPacks(Project project, Policies policies) {
    this.project = project;
    this.policies = policies;
  }

  /** The refusal of a label-pack export from a project no assignment pack made. */
  public static StorageException notAWorkingCopy(Project project) {
    return new StorageException(
        project.description()
            + " was not made from an assignment pack, so it has no labels to send back; run"
            + " export-labels in the project 'earmark pack import' made.");
  }

  /**
   * Writes every label of the working project's annotator (submitted ones, and drafts flagged as
   * drafts) to the new file {@code out}, addressed to the project the assignment pack came from.
   * Recorded and audited ({@code pack.export}) as that annotator, who must be {@code actor}: the
   * roles come from the project's tables, not from the caller's {@code Actor}.
   *
   * @throws StorageException when this project was not made from an assignment pack, or {@code out}
   *     exists
   * @throws dev.earmark.storage.PermissionDeniedException unless {@code actor} is that annotator,
   *     active here
   */
  public LabelPackExport export(Actor actor, Path out, String appVersion) {
    project
        .jdbi()
        .useHandle(handle -> Access.require(handle, actor, "export a label pack", Role.ANNOTATOR));
    AssignmentPacks.SourceLink link =
        new AssignmentPacks(project, policies).source().orElseThrow(() -> notAWorkingCopy(project));
    if (!actor.userId().equals(link.annotator())) {
      throw new PermissionDeniedException(
          actor.userId()
              + " may not export this project's labels: only "
              + link.annotator()
              + ", whose assignment pack made it, sends them back.");
    }
    Actor annotator = actor;
    Instant now = StoredTime.now(project.clock()).toInstant();
    String packId = UUID.randomUUID().toString();
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              ArrayNode labels = JSON.createArrayNode();
              int[] counts = new int[2];
              handle
                  .createQuery(
                      "SELECT c.dataset_id, c.clip_key, c.sha256, l.rubric_version, l.state,"
                          + " l.value_json, l.time_spent_ms, l.listened_coverage, l.created_at,"
                          + " l.updated_at, l.submitted_at FROM labels l JOIN clips c ON c.id ="
                          + " l.clip_id WHERE l.annotator_id = :annotator ORDER BY c.dataset_id,"
                          + " c.clip_key, l.rubric_version")
                  .bind("annotator", link.annotator())
                  .map(
                      (rs, ctx) -> {
                        ObjectNode node = JSON.createObjectNode();
                        node.put("dataset_id", rs.getString(1));
                        node.put("clip_id", rs.getString(2));
                        node.put("audio_sha256", rs.getString(3));
                        node.put("rubric", rs.getString(4));
                        node.put("state", rs.getString(5));
                        JsonNode value = AssignmentPacks.readJson(rs.getString(6), "label value");
                        node.set("value", value);
                        node.put("value_sha256", ContentHash.of(value));
                        node.put("time_spent_ms", rs.getLong(7));
                        node.put("listened_coverage", rs.getDouble(8));
                        node.put("created_at", instant(rs.getObject(9, OffsetDateTime.class)));
                        node.put("updated_at", instant(rs.getObject(10, OffsetDateTime.class)));
                        OffsetDateTime submitted = rs.getObject(11, OffsetDateTime.class);
                        node.put("submitted_at", submitted == null ? null : instant(submitted));
                        return node;
                      })
                  .forEach(
                      node -> {
                        labels.add(node);
                        counts[node.path("state").asText().equals("submitted") ? 0 : 1]++;
                      });
              ObjectNode header = JSON.createObjectNode();
              header.put("format", PackFile.FORMAT);
              header.put("kind", PackKind.LABEL.code());
              header.put("pack_id", packId);
              header.putObject("project").put("id", link.sourceProjectId());
              header.put("answers_pack", link.assignmentPackId());
              header.put("working_project_id", project.projectId());
              header.put("annotator", link.annotator());
              header.put("created_at", now.toString());
              header.put("created_by", annotator.userId());
              header.put("app_version", appVersion);
              AuditAnchor anchor = project.audit().head(handle, "pack " + packId);
              header.set(
                  "audit_anchor",
                  AuditAnchors.toJson(anchor).put("project_id", project.projectId()));
              project.anchors().ifPresent(file -> file.record(anchor));
              ObjectNode countNode = header.putObject("counts");
              countNode.put("submitted", counts[0]);
              countNode.put("drafts", counts[1]);
              return new PreparedLabels(header, labels, counts[0], counts[1]);
            })
        .publish(this, annotator, link, packId, out, now);
  }

  /** A label pack's content, read in one transaction, before it is written. */
  private record PreparedLabels(ObjectNode header, ArrayNode labels, int submitted, int drafts) {
    /** Writes under a temporary name, records the pack, then renames (PackFile.writeAndPublish). */
    LabelPackExport publish(
        LabelPacks packs,
        Actor annotator,
        AssignmentPacks.SourceLink link,
        String packId,
        Path out,
        Instant now) {
      Project project = packs.project;
      return PackFile.writeAndPublish(
          project,
          packId,
          out,
          header,
          List.of(PackFile.Entry.json(LABELS, labels)),
          now,
          (handle, written) -> {
            PackLedger.exported(
                project,
                handle,
                annotator,
                now,
                packId,
                PackKind.LABEL,
                link.annotator(),
                link.sourceProjectId(),
                written.target().toString(),
                written.sha256(),
                labels.size(),
                AuditLog.json()
                    .createObjectNode()
                    .put("answers_pack", link.assignmentPackId())
                    .put("submitted", submitted)
                    .put("drafts", drafts));
            return new LabelPackExport(
                packId,
                written.target(),
                link.assignmentPackId(),
                link.sourceProjectId(),
                link.annotator(),
                submitted,
                drafts,
                written.sha256());
          });
    }
  }

  private static String instant(OffsetDateTime time) {
    return time.toInstant().toString();
  }

  /**
   * Merges the label pack {@code packFile} into this project (lead only); see the class comment.
   *
   * @throws PackRefusedException when the pack is refused as a whole; the refusal is audited
   * @throws dev.earmark.storage.PermissionDeniedException unless {@code lead} is a lead here
   */
  public LabelPackImport importInto(Actor lead, Path packFile) {
    project
        .jdbi()
        .useTransaction(handle -> Access.require(handle, lead, "import a label pack", Role.LEAD));
    OpenedPack pack;
    try {
      pack = PackFile.open(packFile);
      check(pack);
    } catch (PackRefusedException refused) {
      project
          .jdbi()
          .useTransaction(
              handle ->
                  project
                      .audit()
                      .append(
                          handle,
                          lead,
                          AuditAction.PACK_REFUSE.created(
                              packFile.toAbsolutePath().normalize().toString(),
                              AuditLog.json()
                                  .createObjectNode()
                                  .put("reason", refused.reason().code())
                                  .put("message", refused.getMessage()))));
      throw refused;
    }
    String annotator = pack.annotator();
    Labels labels = new Labels(project, policies, new ProjectSettings(project));
    List<LabelMerge> merges = new ArrayList<>();
    for (JsonNode node : pack.json(LABELS)) {
      merges.add(merge(lead, labels, annotator, node));
    }
    long imported = merges.stream().filter(LabelMerge.Imported.class::isInstance).count();
    PackLedger.imported(
        project,
        lead,
        pack,
        annotator,
        (int) imported,
        AuditLog.json()
            .createObjectNode()
            .put("answers_pack", answersPack(pack))
            .put("annotator", annotator)
            .put("imported", imported)
            .put("skipped", merges.size() - imported));
    return new LabelPackImport(pack.packId(), answersPack(pack), annotator, merges);
  }

  private static String answersPack(OpenedPack pack) {
    return pack.manifest().path("answers_pack").asText();
  }

  /** The whole-pack checks, in the order the docs list them. */
  private void check(OpenedPack pack) {
    checkKindAndProject(pack);
    for (JsonNode label : pack.json(LABELS)) {
      String recorded = label.path("value_sha256").asText("");
      String actual = ContentHash.of(label.path("value"));
      if (!recorded.equals(actual)) {
        throw new PackRefusedException(
            Reason.TAMPERED,
            "Pack "
                + pack.packId()
                + " was altered: the label of "
                + label.path("clip_id").asText()
                + " under "
                + label.path("rubric").asText()
                + " has value_sha256 "
                + (recorded.isEmpty() ? "(none)" : recorded)
                + " but its value hashes to "
                + actual
                + "; ask the annotator to export the pack again.");
      }
    }
  }

  private void checkKindAndProject(OpenedPack pack) {
    if (pack.kind() != PackKind.LABEL) {
      throw new PackRefusedException(
          Reason.WRONG_KIND,
          pack.file()
              + " is an assignment pack: import it on the annotator's machine into a new project"
              + " (--project NEW_DIR), not into the project it came from.");
    }
    if (!pack.projectId().equals(project.projectId())) {
      throw new PackRefusedException(
          Reason.OTHER_PROJECT,
          "Pack "
              + pack.packId()
              + " belongs to project "
              + pack.projectId()
              + ", not to this project ("
              + project.projectId()
              + "); import it into the project it came from.");
    }
    project
        .jdbi()
        .useHandle(
            handle -> {
              if (AssignmentPacks.recorded(handle, pack.packId(), "imported")) {
                throw new PackRefusedException(
                    Reason.ALREADY_IMPORTED,
                    "Pack "
                        + pack.packId()
                        + " was already imported into this project; nothing changed.");
              }
              if (!exportedTo(handle, answersPack(pack), pack.annotator())) {
                throw new PackRefusedException(
                    Reason.OTHER_PROJECT,
                    "Pack "
                        + pack.packId()
                        + " answers assignment pack "
                        + answersPack(pack)
                        + ", which this project never exported to "
                        + pack.annotator()
                        + "; import it into the project that sent that assignment pack.");
              }
            });
  }

  private static boolean exportedTo(Handle handle, String assignmentPack, String annotator) {
    return handle
            .createQuery(
                "SELECT COUNT(*) FROM packs WHERE id = :id AND kind = 'assignment' AND direction ="
                    + " 'exported' AND annotator_id = :annotator")
            .bind("id", assignmentPack)
            .bind("annotator", annotator)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  private LabelMerge merge(Actor lead, Labels labels, String annotator, JsonNode node) {
    String clipId = node.path("clip_id").asText();
    String rubric = node.path("rubric").asText();
    LabelState state =
        node.path("state").asText().equals("submitted") ? LabelState.SUBMITTED : LabelState.DRAFT;
    Optional<Long> assignment =
        project
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT a.id FROM assignments a JOIN clips c ON c.id = a.clip_id"
                                + " WHERE c.dataset_id = :dataset AND c.clip_key = :key AND"
                                + " a.annotator_id = :annotator AND a.rubric_version = :rubric")
                        .bind("dataset", node.path("dataset_id").asText())
                        .bind("key", clipId)
                        .bind("annotator", annotator)
                        .bind("rubric", rubric)
                        .mapTo(Long.class)
                        .findOne());
    if (assignment.isEmpty()) {
      return new LabelMerge.Skipped(
          clipId,
          rubric,
          "no-assignment",
          "this project has no assignment of " + clipId + " to " + annotator + " under " + rubric);
    }
    LabelInput input;
    try {
      LabelValue value =
          LabelValueJson.read(node.path("value"), policies.rubric(VersionedId.parse(rubric)));
      input =
          new LabelInput(
              value,
              Duration.ofMillis(node.path("time_spent_ms").asLong()),
              node.path("listened_coverage").asDouble());
    } catch (EngineException | StorageException e) {
      return new LabelMerge.Skipped(clipId, rubric, "invalid", e.getMessage());
    }
    Instant createdAt = Instant.parse(node.path("created_at").asText());
    Instant updatedAt = Instant.parse(node.path("updated_at").asText());
    Optional<Label> current = labels.open(lead, assignment.get()).label();
    String incoming = ContentHash.of(LabelValueJson.toJson(input.value()));
    int expected = 0;
    boolean replacing = false;
    if (current.isPresent()) {
      Label here = current.get();
      boolean same = incoming.equals(ContentHash.of(LabelValueJson.toJson(here.value())));
      if (here.state() == LabelState.SUBMITTED) {
        return same && state == LabelState.SUBMITTED
            ? new LabelMerge.Skipped(
                clipId, rubric, "already-present", "the same submitted label is already stored")
            : new LabelMerge.Skipped(
                clipId,
                rubric,
                "conflict",
                "kept the label submitted here on "
                    + here.submittedAt().map(Instant::toString).orElse("an earlier date")
                    + "; the pack's "
                    + state.code()
                    + " label differs");
      }
      if (!here.lastModifiedBy().equals(annotator)) {
        return new LabelMerge.Skipped(
            clipId,
            rubric,
            "conflict",
            "kept the draft "
                + here.lastModifiedBy()
                + " saved here; it is not "
                + annotator
                + "'s");
      }
      if (state == LabelState.DRAFT) {
        if (same) {
          return new LabelMerge.Skipped(
              clipId, rubric, "already-present", "the same draft is already stored");
        }
        if (!updatedAt.isAfter(here.updatedAt())) {
          return new LabelMerge.Skipped(
              clipId,
              rubric,
              "newer-draft-kept",
              "kept the draft saved here at " + here.updatedAt() + ", later than the pack's");
        }
      }
      expected = here.version();
      replacing = true;
    }
    try {
      labels.importLabel(lead, assignment.get(), input, state, createdAt, updatedAt, expected);
    } catch (StorageException e) {
      return new LabelMerge.Skipped(clipId, rubric, "invalid", e.getMessage());
    }
    return new LabelMerge.Imported(clipId, rubric, state, replacing);
  }
}
