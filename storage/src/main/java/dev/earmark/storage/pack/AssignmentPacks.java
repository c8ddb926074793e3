package dev.earmark.storage.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricJson;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.FaultPoints;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.ExplicitAssignment;
import dev.earmark.storage.audit.AuditAnchor;
import dev.earmark.storage.audit.AuditAnchors;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.importer.Checksums;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.pack.PackFile.OpenedPack;
import dev.earmark.storage.pack.PackRefusedException.Reason;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PublishedVersion;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.team.Users;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Assignment packs (PRODUCT.md §3.4): {@link #export} writes one annotator's open assignments out
 * of the lead's project; {@link #importInto} turns such a pack into a new working project on the
 * annotator's machine. The working project has its own project id and is linked to the source by
 * the imported pack's row in its {@code packs} table (kind {@code assignment}, direction {@code
 * imported}, {@code source_project_id}); clips keep their dataset and clip ids, rubric and rule-set
 * versions their ids and content hashes, so the labels made there can be matched back.
 *
 * <p>A pack never reveals which items are gold, carries no reference transcripts, and holds only
 * the annotator's own drafts (blind labeling). Stateless apart from the project; thread-safe as far
 * as the project is.
 */
public final class AssignmentPacks {
  static final String POLICY = "policy.json";
  static final String DATASETS = "datasets.json";
  static final String CLIPS = "clips.json";
  static final String ASSIGNMENTS = "assignments.json";
  static final String DRAFTS = "drafts.json";

  /** Project settings an annotator's working copy needs to behave like the source project. */
  private static final List<Setting> CARRIED_SETTINGS = List.of(Setting.PREFILL_HYPOTHESIS);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Project project;
  private final Policies policies;

  public AssignmentPacks(Project project, Policies policies) {
    this.project = project;
    this.policies = policies;
  }

  private record OpenAssignment(
      long assignmentId,
      String rubric,
      double priority,
      long clipId,
      String datasetId,
      String clipKey,
      String taskType) {}

  /**
   * Writes the open (pending or drafted) assignments of {@code annotatorId} on active clips, with
   * their clips' audio and metadata, the published policy they are labeled under, and the
   * annotator's drafts, to the new file {@code out} (lead only). The pack is recorded in the {@code
   * packs} table and audited ({@code pack.export}).
   *
   * @throws StorageException when the annotator is unknown or has no open assignments, when a
   *     clip's audio file is missing or no longer matches its checksum, or when {@code out} exists
   */
  public AssignmentPackExport export(Actor lead, String annotatorId, Path out, String appVersion) {
    Instant now = StoredTime.now(project.clock()).toInstant();
    String packId = UUID.randomUUID().toString();
    PreparedPack prepared =
        project
            .jdbi()
            .inTransaction(
                handle -> {
                  Access.require(handle, lead, "export an assignment pack", Role.LEAD);
                  Users.requireAnnotator(handle, annotatorId, "exporting a pack for them");
                  List<OpenAssignment> open =
                      handle
                          .createQuery(
                              "SELECT a.id, a.rubric_version, a.priority, c.id AS clip_id,"
                                  + " c.dataset_id, c.clip_key, c.task_type FROM assignments a JOIN"
                                  + " clips c ON c.id = a.clip_id WHERE a.annotator_id = :annotator"
                                  + " AND a.state <> 'submitted' AND c.status = 'active' ORDER BY"
                                  + " a.priority DESC, c.dataset_id, c.clip_key, a.id")
                          .bind("annotator", annotatorId)
                          .map(
                              (rs, ctx) ->
                                  new OpenAssignment(
                                      rs.getLong(1),
                                      rs.getString(2),
                                      rs.getDouble(3),
                                      rs.getLong(4),
                                      rs.getString(5),
                                      rs.getString(6),
                                      rs.getString(7)))
                          .list();
                  if (open.isEmpty()) {
                    throw new StorageException(
                        annotatorId
                            + " has no open assignments, so there is nothing to pack; assign clips to"
                            + " them first");
                  }
                  List<PackFile.Entry> entries = new ArrayList<>();
                  ObjectNode policy = policyDocument(handle, open);
                  entries.add(PackFile.Entry.json(POLICY, policy));
                  entries.add(PackFile.Entry.json(DATASETS, datasets(handle, open)));
                  Map<Long, String> audioEntries = new LinkedHashMap<>();
                  ArrayNode clips = clips(handle, open, audioEntries, entries);
                  entries.add(PackFile.Entry.json(CLIPS, clips));
                  ArrayNode assignments = JSON.createArrayNode();
                  for (OpenAssignment assignment : open) {
                    ObjectNode node = assignments.addObject();
                    node.put("dataset_id", assignment.datasetId());
                    node.put("clip_id", assignment.clipKey());
                    node.put("rubric", assignment.rubric());
                    node.put("priority", assignment.priority());
                  }
                  entries.add(PackFile.Entry.json(ASSIGNMENTS, assignments));
                  ArrayNode drafts = drafts(handle, annotatorId, open);
                  entries.add(PackFile.Entry.json(DRAFTS, drafts));

                  ObjectNode header = JSON.createObjectNode();
                  header.put("format", PackFile.FORMAT);
                  header.put("kind", PackKind.ASSIGNMENT.code());
                  header.put("pack_id", packId);
                  ObjectNode projectNode = header.putObject("project");
                  projectNode.put("id", project.projectId());
                  projectNode.put("name", projectName(handle));
                  header.put("annotator", annotatorId);
                  header.put("created_at", now.toString());
                  header.put("created_by", lead.userId());
                  header.put("app_version", appVersion);
                  AuditAnchor anchor = project.audit().head(handle, "pack " + packId);
                  header.set(
                      "audit_anchor",
                      AuditAnchors.toJson(anchor).put("project_id", project.projectId()));
                  project.anchors().ifPresent(file -> file.record(anchor));
                  ObjectNode counts = header.putObject("counts");
                  counts.put("assignments", open.size());
                  counts.put("clips", clips.size());
                  counts.put("drafts", drafts.size());

                  return new PreparedPack(
                      header, entries, open.size(), clips.size(), drafts.size());
                });
    // Write under a temporary name, record the pack, then rename (PackFile.writeAndPublish).
    return PackFile.writeAndPublish(
        project,
        packId,
        out,
        prepared.header(),
        prepared.entries(),
        now,
        (handle, written) -> {
          Access.require(handle, lead, "export an assignment pack", Role.LEAD);
          PackLedger.exported(
              project,
              handle,
              lead,
              now,
              packId,
              PackKind.ASSIGNMENT,
              annotatorId,
              project.projectId(),
              written.target().toString(),
              written.sha256(),
              prepared.assignments(),
              AuditLog.json()
                  .createObjectNode()
                  .put("annotator", annotatorId)
                  .put("assignments", prepared.assignments())
                  .put("clips", prepared.clips())
                  .put("drafts", prepared.drafts()));
          return new AssignmentPackExport(
              packId,
              written.target(),
              annotatorId,
              prepared.assignments(),
              prepared.clips(),
              prepared.drafts(),
              written.sha256());
        });
  }

  /** An assignment pack's content, read in one transaction, before it is written. */
  private record PreparedPack(
      ObjectNode header, List<PackFile.Entry> entries, int assignments, int clips, int drafts) {}

  private ObjectNode policyDocument(Handle handle, List<OpenAssignment> open) {
    Set<String> rubricIds = new TreeSet<>();
    Set<String> taskTypes = new TreeSet<>();
    for (OpenAssignment assignment : open) {
      rubricIds.add(assignment.rubric());
      taskTypes.add(assignment.taskType());
    }
    ObjectNode policy = JSON.createObjectNode();
    ArrayNode labelPolicies = policy.putArray("label_policies");
    Set<String> ruleSetIds = new TreeSet<>();
    for (String taskType : taskTypes) {
      handle
          .createQuery(
              "SELECT rubric_version, rule_set_version FROM label_policies WHERE task_type ="
                  + " :type")
          .bind("type", taskType)
          .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
          .findOne()
          .ifPresent(
              row -> {
                ObjectNode node = labelPolicies.addObject();
                node.put("task_type", taskType);
                node.put("rubric", row[0]);
                node.put("rule_set", row[1]);
                rubricIds.add(row[0]);
                if (row[1] != null) {
                  ruleSetIds.add(row[1]);
                }
              });
    }
    ArrayNode rubrics = policy.putArray("rubrics");
    for (String id : rubricIds) {
      PublishedVersion published = policies.publishedRubric(VersionedId.parse(id)).orElseThrow();
      rubrics.add(versionNode(published));
    }
    ArrayNode ruleSets = policy.putArray("rule_sets");
    for (String id : ruleSetIds) {
      PublishedVersion published = policies.ruleSet(VersionedId.parse(id)).orElseThrow();
      ruleSets.add(versionNode(published));
    }
    ObjectNode settings = policy.putObject("settings");
    ProjectSettings projectSettings = new ProjectSettings(project);
    for (Setting setting : CARRIED_SETTINGS) {
      settings.put(setting.key(), projectSettings.get(setting));
    }
    return policy;
  }

  private static ObjectNode versionNode(PublishedVersion published) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", published.id().toString());
    node.put("content_hash", published.contentHash());
    node.set("content", readJson(published.contentJson(), published.id().toString()));
    return node;
  }

  private static ArrayNode datasets(Handle handle, List<OpenAssignment> open) {
    Set<String> ids = new TreeSet<>();
    open.forEach(assignment -> ids.add(assignment.datasetId()));
    ArrayNode datasets = JSON.createArrayNode();
    for (String id : ids) {
      handle
          .createQuery("SELECT contract_json, contract_hash FROM datasets WHERE id = :id")
          .bind("id", id)
          .map(
              (rs, ctx) -> {
                ObjectNode node = JSON.createObjectNode();
                node.put("id", id);
                node.put("contract_hash", rs.getString(2));
                node.set("contract", readJson(rs.getString(1), "dataset " + id));
                return node;
              })
          .findOne()
          .ifPresent(datasets::add);
    }
    return datasets;
  }

  private static ArrayNode clips(
      Handle handle,
      List<OpenAssignment> open,
      Map<Long, String> audioEntries,
      List<PackFile.Entry> entries) {
    ArrayNode clips = JSON.createArrayNode();
    for (OpenAssignment assignment : open) {
      if (audioEntries.containsKey(assignment.clipId())) {
        continue;
      }
      ObjectNode clip =
          handle
              .createQuery(
                  "SELECT dataset_id, clip_key, audio_path, sha256, size_bytes, codec,"
                      + " sample_rate, channels, bits_per_sample, frames, duration_s, task_type,"
                      + " hypothesis, slices_json, speaker_id, consent_scope, retention_until,"
                      + " split, source, language, payload_json FROM clips WHERE id = :id")
              .bind("id", assignment.clipId())
              .map(
                  (rs, ctx) -> {
                    ObjectNode node = JSON.createObjectNode();
                    node.put("dataset_id", rs.getString("dataset_id"));
                    node.put("clip_id", rs.getString("clip_key"));
                    node.put("audio_path", rs.getString("audio_path"));
                    node.put("audio_sha256", rs.getString("sha256"));
                    node.put("size_bytes", (Long) rs.getObject("size_bytes", Long.class));
                    node.put("codec", rs.getString("codec"));
                    node.put("sample_rate", (Integer) rs.getObject("sample_rate", Integer.class));
                    node.put("channels", (Integer) rs.getObject("channels", Integer.class));
                    node.put(
                        "bits_per_sample",
                        (Integer) rs.getObject("bits_per_sample", Integer.class));
                    node.put("frames", (Long) rs.getObject("frames", Long.class));
                    node.put("duration_s", (Double) rs.getObject("duration_s", Double.class));
                    node.put("task_type", rs.getString("task_type"));
                    node.put("hypothesis", rs.getString("hypothesis"));
                    node.set("slices", readJson(rs.getString("slices_json"), "slices"));
                    node.put("speaker_id", rs.getString("speaker_id"));
                    node.put("consent_scope", rs.getString("consent_scope"));
                    java.sql.Date retention = rs.getDate("retention_until");
                    node.put("retention_until", retention == null ? null : retention.toString());
                    node.put("split", rs.getString("split"));
                    node.put("source", rs.getString("source"));
                    node.put("language", rs.getString("language"));
                    node.set("payload", readJson(rs.getString("payload_json"), "payload"));
                    return node;
                  })
              .one();
      Path audio = Path.of(clip.path("audio_path").asText());
      String key = clip.path("clip_id").asText();
      String expected = clip.path("audio_sha256").asText();
      String actual;
      try {
        actual = Checksums.sha256(audio);
      } catch (IOException e) {
        throw new StorageException(
            "The audio of clip "
                + key
                + " cannot be read at "
                + audio
                + " ("
                + e.getMessage()
                + "); restore the file before packing it.",
            e);
      }
      if (!actual.equals(expected)) {
        throw new StorageException(
            "The audio of clip "
                + key
                + " at "
                + audio
                + " no longer matches the checksum stored at import ("
                + expected
                + "); restore the file or re-import the clip before packing it.");
      }
      String entry =
          String.format(Locale.ROOT, "audio/%05d-%s", audioEntries.size() + 1, safe(audio));
      audioEntries.put(assignment.clipId(), entry);
      clip.remove("audio_path");
      clip.put("audio_entry", entry);
      entries.add(PackFile.Entry.file(entry, audio));
      clips.add(clip);
    }
    return clips;
  }

  /** The file name reduced to characters every file system and the entry-name rule accept. */
  private static String safe(Path audio) {
    String name = audio.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    while (name.startsWith(".") || name.startsWith("_") || name.startsWith("-")) {
      name = name.substring(1);
    }
    return name.isEmpty() ? "audio" : name;
  }

  private static ArrayNode drafts(Handle handle, String annotatorId, List<OpenAssignment> open) {
    Map<Long, OpenAssignment> byId = new LinkedHashMap<>();
    open.forEach(assignment -> byId.put(assignment.assignmentId(), assignment));
    ArrayNode drafts = JSON.createArrayNode();
    handle
        .createQuery(
            "SELECT assignment_id, value_json, time_spent_ms, listened_coverage, created_at,"
                + " updated_at FROM labels WHERE annotator_id = :annotator AND state = 'draft'"
                + " ORDER BY assignment_id")
        .bind("annotator", annotatorId)
        .map(
            (rs, ctx) -> {
              OpenAssignment assignment = byId.get(rs.getLong(1));
              if (assignment == null) {
                return null;
              }
              ObjectNode node = JSON.createObjectNode();
              node.put("dataset_id", assignment.datasetId());
              node.put("clip_id", assignment.clipKey());
              node.put("rubric", assignment.rubric());
              node.set("value", readJson(rs.getString(2), "label value"));
              node.put("time_spent_ms", rs.getLong(3));
              node.put("listened_coverage", rs.getDouble(4));
              node.put("created_at", rs.getObject(5, OffsetDateTime.class).toInstant().toString());
              node.put("updated_at", rs.getObject(6, OffsetDateTime.class).toInstant().toString());
              return node;
            })
        .forEach(
            node -> {
              if (node != null) {
                drafts.add(node);
              }
            });
    return drafts;
  }

  /**
   * Where a clip's audio goes in the audio directory: its own name when that is free or already
   * holds this very audio (same SHA-256), else the name with the first 12 hex digits of the audio's
   * SHA-256 before the extension, so a different file of the same name is never overwritten and
   * both are kept. Refuses when even that name holds other content.
   */
  private static Path audioTarget(Path named, String sha256) {
    if (!Files.exists(named, LinkOption.NOFOLLOW_LINKS) || holds(named, sha256)) {
      return named;
    }
    String name = named.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String extension = dot > 0 ? name.substring(dot) : "";
    String hex = sha256.substring("sha256:".length(), "sha256:".length() + 12);
    Path keepBoth = named.resolveSibling(stem + "-" + hex + extension);
    if (!Files.exists(keepBoth, LinkOption.NOFOLLOW_LINKS) || holds(keepBoth, sha256)) {
      return keepBoth;
    }
    throw new StorageException(
        "The audio directory already holds "
            + named
            + " and "
            + keepBoth
            + " with other content; import with an empty --audio-dir.");
  }

  private static boolean holds(Path file, String sha256) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      return Checksums.sha256(file).equals(sha256);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Makes this project, which must be new and empty, the annotator's working copy of the assignment
   * pack {@code packFile}: the source lead (role lead) and the annotator (role annotator) as users,
   * the rubric and rule-set versions published under their ids with their content hashes checked,
   * the label policies and carried settings, the datasets and clips with their audio copied into
   * {@code audioDirectory} (each copy checked against the clip's SHA-256), the assignments and the
   * annotator's drafts. The pack is recorded as imported from its source project and audited
   * ({@code pack.import}).
   *
   * <p>Checks come first, so a refused pack changes nothing. An import that is interrupted part of
   * the way leaves a project that refuses further imports as not empty: delete it and import again.
   *
   * @throws PackRefusedException when the pack is not an intact assignment pack, was already
   *     imported here, or the project is not empty
   */
  public AssignmentPackImport importInto(Path packFile, Path audioDirectory) {
    OpenedPack pack = PackFile.open(packFile);
    refuseUnlessFirstImportIntoEmptyProject(pack);
    JsonNode manifest = pack.manifest();
    String leadId = manifest.path("created_by").asText();
    String annotatorId = pack.annotator();
    JsonNode policy = pack.json(POLICY);
    JsonNode datasets = pack.json(DATASETS);
    JsonNode clips = pack.json(CLIPS);
    JsonNode assignments = pack.json(ASSIGNMENTS);
    JsonNode drafts = pack.json(DRAFTS);
    // Everything is checked before anything is written.
    List<Rubric> rubrics = checkedPolicy(pack, policy);
    checkBeforeStoring(pack, rubrics, clips, assignments, drafts);

    // Audio first, outside the transaction: each copy is checked against the clip's checksum.
    Map<String, Path> audioFiles = copyAudio(pack, clips, audioDirectory);
    // Users: the source lead first (the first user of a new project may be added by anyone).
    Actor lead = addUsers(leadId, annotatorId);
    ProjectSettings settings = publishPolicy(lead, rubrics, policy);
    FaultPoints.reach("pack-import.users-stored");
    Map<String, Long> clipIds =
        project
            .jdbi()
            .inTransaction(handle -> storeClips(handle, lead, pack, datasets, clips, audioFiles));

    FaultPoints.reach("pack-import.clips-stored");
    Map<String, Long> assignmentIds = assign(pack, lead, annotatorId, assignments, clipIds);
    int restoredDrafts =
        restoreDrafts(lead, new Labels(project, policies, settings), drafts, assignmentIds);
    PackLedger.imported(
        project,
        lead,
        pack,
        annotatorId,
        assignmentIds.size(),
        AuditLog.json()
            .createObjectNode()
            .put("source_project_id", pack.projectId())
            .put("annotator", annotatorId)
            .put("assignments", assignmentIds.size())
            .put("clips", clipIds.size())
            .put("drafts", restoredDrafts));
    return new AssignmentPackImport(
        pack.packId(),
        pack.projectId(),
        lead.userId(),
        annotatorId,
        assignmentIds.size(),
        clipIds.size(),
        restoredDrafts);
  }

  /** Refuses a label pack, a pack imported here before, and a project that already holds one. */
  private void refuseUnlessFirstImportIntoEmptyProject(OpenedPack pack) {
    if (pack.kind() != PackKind.ASSIGNMENT) {
      throw new PackRefusedException(
          Reason.WRONG_KIND,
          pack.file()
              + " is a label pack; it is imported into the project it answers, by its lead"
              + " ('earmark pack import' there), not into a new project.");
    }
    project
        .jdbi()
        .useHandle(
            handle -> {
              if (recorded(handle, pack.packId(), "imported")) {
                throw new PackRefusedException(
                    Reason.ALREADY_IMPORTED,
                    "Pack "
                        + pack.packId()
                        + " is already imported into "
                        + project.description()
                        + "; nothing changed.");
              }
              long users = handle.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one();
              long clips = handle.createQuery("SELECT COUNT(*) FROM clips").mapTo(Long.class).one();
              if (users > 0 || clips > 0) {
                throw new PackRefusedException(
                    Reason.PROJECT_NOT_EMPTY,
                    project.description()
                        + " already holds a project; import an assignment pack into a new or empty"
                        + " directory.");
              }
            });
  }

  /**
   * The pack's rubrics, parsed, each checked against its id and content hash, after the rule sets'
   * content hashes are checked too.
   */
  private static List<Rubric> checkedPolicy(OpenedPack pack, JsonNode policy) {
    List<Rubric> rubrics = new ArrayList<>();
    for (JsonNode node : policy.path("rubrics")) {
      Rubric rubric;
      try {
        rubric =
            RubricJson.fromJson(
                "rubric " + node.path("id").asText() + " in pack " + pack.file(),
                node.path("content"));
      } catch (EngineException e) {
        // Data that fails a check (exit 1), not unreadable input: the pack was edited.
        throw tampered(
            pack,
            "rubric "
                + node.path("id").asText()
                + " is not a valid rubric ("
                + e.getMessage()
                + "); ask for a fresh pack.");
      }
      if (!rubric.hash().equals(node.path("content_hash").asText())
          || !rubric.id().toString().equals(node.path("id").asText())) {
        throw tampered(
            pack,
            "rubric "
                + node.path("id").asText()
                + " does not match its id and content hash; ask for a fresh pack.");
      }
      rubrics.add(rubric);
    }
    for (JsonNode node : policy.path("rule_sets")) {
      if (!ContentHash.of(node.path("content"), "hash")
          .equals(node.path("content_hash").asText())) {
        throw tampered(
            pack,
            "rule set "
                + node.path("id").asText()
                + " does not match its content hash; ask for a fresh pack.");
      }
    }

    return rubrics;
  }

  /** Copies each clip's audio into {@code audioDirectory}; the copies by clip key. */
  private Map<String, Path> copyAudio(OpenedPack pack, JsonNode clips, Path audioDirectory) {
    Map<String, Path> audioFiles = new TreeMap<>();
    try {
      Files.createDirectories(audioDirectory);
    } catch (IOException e) {
      throw new StorageException(
          "Could not create the audio directory " + audioDirectory + ": " + e.getMessage(), e);
    }
    for (JsonNode clip : clips) {
      String entry = clip.path("audio_entry").asText();
      String expected = clip.path("audio_sha256").asText();
      if (!expected.matches("sha256:[0-9a-f]{64}")) {
        throw tampered(
            pack,
            "clip "
                + clip.path("clip_id").asText()
                + " has no valid audio SHA-256; ask for a fresh pack.");
      }
      Path target =
          audioTarget(
              audioDirectory.resolve(entry.substring(entry.lastIndexOf('/') + 1)).toAbsolutePath(),
              expected);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        audioFiles.put(clipKey(clip), target); // the very same audio is already there
        continue;
      }
      pack.copy(entry, target);
      String sha;
      try {
        sha = Checksums.sha256(target);
      } catch (IOException e) {
        throw new StorageException("Could not read back " + target + ": " + e.getMessage(), e);
      }
      if (!sha.equals(clip.path("audio_sha256").asText())) {
        deleteQuietly(target);
        throw tampered(
            pack,
            "the audio of clip "
                + clip.path("clip_id").asText()
                + " does not match the clip's checksum; ask for a fresh pack.");
      }
      audioFiles.put(clipKey(clip), target);
    }

    return audioFiles;
  }

  /** Adds the source lead and the annotator (one user when the lead is the annotator). */
  private Actor addUsers(String leadId, String annotatorId) {
    Actor lead;
    if (leadId.equals(annotatorId)) {
      lead =
          project
              .users()
              .add(Actor.system(), leadId, leadId, EnumSet.of(Role.LEAD, Role.ANNOTATOR))
              .asActor();
    } else {
      lead =
          project
              .users()
              .add(
                  Actor.system(),
                  leadId,
                  leadId + " (lead of the source project)",
                  EnumSet.of(Role.LEAD))
              .asActor();
      project.users().add(lead, annotatorId, annotatorId, EnumSet.of(Role.ANNOTATOR));
    }
    return lead;
  }

  /** Publishes the rubrics and rule sets, sets the label policies and the carried settings. */
  private ProjectSettings publishPolicy(Actor lead, List<Rubric> rubrics, JsonNode policy) {
    for (Rubric rubric : rubrics) {
      policies.publishRubric(lead, rubric);
    }
    for (JsonNode node : policy.path("rule_sets")) {
      policies.publishRuleSet(
          lead, VersionedId.parse(node.path("id").asText()), node.path("content"));
    }
    for (JsonNode node : policy.path("label_policies")) {
      String ruleSet = node.path("rule_set").isTextual() ? node.path("rule_set").asText() : null;
      policies.setPolicy(
          lead,
          VersionedId.parse(node.path("rubric").asText()),
          ruleSet == null ? null : VersionedId.parse(ruleSet));
    }
    ProjectSettings settings = new ProjectSettings(project);
    policy
        .path("settings")
        .fields()
        .forEachRemaining(
            entry -> {
              if (Setting.forKey(entry.getKey()).isPresent()) {
                settings.set(lead, entry.getKey(), entry.getValue().asText());
              }
            });

    return settings;
  }

  /**
   * Assigns each carried assignment to the annotator at its priority; the assignment ids by clip
   * key and rubric.
   */
  private Map<String, Long> assign(
      OpenedPack pack,
      Actor lead,
      String annotatorId,
      JsonNode assignments,
      Map<String, Long> clipIds) {
    Assignments assigner = new Assignments(project, policies);
    Map<String, Long> assignmentIds = new TreeMap<>();
    for (JsonNode node : assignments) {
      String key = clipKey(node);
      Long clipId = clipIds.get(key);
      if (clipId == null) {
        throw tampered(
            pack,
            "an assignment names clip "
                + node.path("clip_id").asText()
                + ", which the pack does not carry.");
      }
      ExplicitAssignment made =
          assigner.assignExplicit(
              lead, VersionedId.parse(node.path("rubric").asText()), clipId, annotatorId, false);
      double priority = node.path("priority").asDouble(0.0);
      project
          .jdbi()
          .useHandle(
              handle ->
                  handle
                      .createUpdate("UPDATE assignments SET priority = :priority WHERE id = :id")
                      .bind("priority", priority)
                      .bind("id", made.assignmentId())
                      .execute());
      assignmentIds.put(key + "\u0000" + node.path("rubric").asText(), made.assignmentId());
    }
    return assignmentIds;
  }

  /** Restores the annotator's drafts onto their assignments; how many were restored. */
  private int restoreDrafts(
      Actor lead, Labels labels, JsonNode drafts, Map<String, Long> assignmentIds) {
    int restored = 0;
    for (JsonNode draft : drafts) {
      Long assignmentId =
          assignmentIds.get(clipKey(draft) + "\u0000" + draft.path("rubric").asText());
      if (assignmentId == null) {
        continue;
      }
      Rubric rubric = policies.rubric(VersionedId.parse(draft.path("rubric").asText()));
      labels.importLabel(
          lead,
          assignmentId,
          new LabelInput(
              LabelValueJson.read(draft.path("value"), rubric),
              Duration.ofMillis(draft.path("time_spent_ms").asLong()),
              draft.path("listened_coverage").asDouble()),
          LabelState.DRAFT,
          Instant.parse(draft.path("created_at").asText()),
          Instant.parse(draft.path("updated_at").asText()),
          0);
      restored++;
    }
    return restored;
  }

  /** The refusal of an edited pack: {@code what} is wrong in it, and a fresh pack is the cure. */
  private static PackRefusedException tampered(OpenedPack pack, String what) {
    return new PackRefusedException(Reason.TAMPERED, pack.file() + ": " + what);
  }

  private Map<String, Long> storeClips(
      Handle handle,
      Actor lead,
      OpenedPack pack,
      JsonNode datasets,
      JsonNode clips,
      Map<String, Path> audioFiles) {
    OffsetDateTime at = StoredTime.now(project.clock());
    Map<String, Long> runs = new TreeMap<>();
    for (JsonNode dataset : datasets) {
      String id = dataset.path("id").asText();
      handle
          .createUpdate(
              "INSERT INTO datasets (id, contract_json, contract_hash, created_at, updated_at)"
                  + " VALUES (:id, :json, :hash, :at, :at)")
          .bind("id", id)
          .bind("json", ContentHash.canonicalJson(dataset.path("contract")))
          .bind("hash", dataset.path("contract_hash").asText())
          .bind("at", at)
          .execute();
      long run =
          handle
              .createUpdate(
                  "INSERT INTO import_runs (dataset_id, manifest_path, manifest_sha256, actor,"
                      + " started_at, finished_at, report_json) VALUES (:dataset, :path, :sha,"
                      + " :actor, :at, :at, :report)")
              .bind("dataset", id)
              .bind("path", pack.file() + "!" + CLIPS)
              .bind("sha", pack.entries().get(CLIPS))
              .bind("actor", lead.userId())
              .bind("at", at)
              .bind(
                  "report",
                  ContentHash.canonicalJson(JSON.createObjectNode().put("pack_id", pack.packId())))
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .one();
      runs.put(id, run);
    }
    Map<String, Long> ids = new TreeMap<>();
    int line = 0;
    for (JsonNode clip : clips) {
      line++;
      String datasetId = clip.path("dataset_id").asText();
      Long run = runs.get(datasetId);
      if (run == null) {
        throw tampered(
            pack,
            "clip "
                + clip.path("clip_id").asText()
                + " names dataset "
                + datasetId
                + ", which the pack does not carry.");
      }
      long id =
          handle
              .createUpdate(
                  "INSERT INTO clips (dataset_id, clip_key, status, audio_path, sha256,"
                      + " size_bytes, codec, sample_rate, channels, bits_per_sample, frames,"
                      + " duration_s, task_type, hypothesis, slices_json, speaker_id,"
                      + " consent_scope, retention_until, split, source, language, payload_json,"
                      + " import_run_id, manifest_line, created_at) VALUES (:dataset, :key,"
                      + " 'active', :path, :sha, :size, :codec, :rate, :channels, :bits, :frames,"
                      + " :duration, :task, :hypothesis, :slices, :speaker, :consent, :retention,"
                      + " :split, :source, :language, :payload, :run, :line, :at)")
              .bind("dataset", datasetId)
              .bind("key", clip.path("clip_id").asText())
              .bind("path", audioFiles.get(clipKey(clip)).toString())
              .bind("sha", clip.path("audio_sha256").asText())
              .bind("size", longOrNull(clip, "size_bytes"))
              .bind("codec", textOrNull(clip, "codec"))
              .bind("rate", intOrNull(clip, "sample_rate"))
              .bind("channels", intOrNull(clip, "channels"))
              .bind("bits", intOrNull(clip, "bits_per_sample"))
              .bind("frames", longOrNull(clip, "frames"))
              .bind(
                  "duration",
                  clip.path("duration_s").isNumber() ? clip.path("duration_s").asDouble() : null)
              .bind("task", clip.path("task_type").asText())
              .bind("hypothesis", textOrNull(clip, "hypothesis"))
              .bind("slices", ContentHash.canonicalJson(clip.path("slices")))
              .bind("speaker", textOrNull(clip, "speaker_id"))
              .bind("consent", textOrNull(clip, "consent_scope"))
              .bind(
                  "retention",
                  clip.path("retention_until").isTextual()
                      ? java.time.LocalDate.parse(clip.path("retention_until").asText())
                      : null)
              .bind("split", textOrNull(clip, "split"))
              .bind("source", textOrNull(clip, "source"))
              .bind("language", textOrNull(clip, "language"))
              .bind("payload", ContentHash.canonicalJson(clip.path("payload")))
              .bind("run", run)
              .bind("line", line)
              .bind("at", at)
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .one();
      ids.put(clipKey(clip), id);
    }
    return ids;
  }

  static String clipKey(JsonNode node) {
    return node.path("dataset_id").asText() + "\u0000" + node.path("clip_id").asText();
  }

  private static String textOrNull(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.path(field).asText() : null;
  }

  private static Integer intOrNull(JsonNode node, String field) {
    return node.path(field).isNumber() ? node.path(field).asInt() : null;
  }

  private static Long longOrNull(JsonNode node, String field) {
    return node.path(field).isNumber() ? node.path(field).asLong() : null;
  }

  /** Whether pack {@code packId} is recorded here in {@code direction}. */
  static boolean recorded(Handle handle, String packId, String direction) {
    return handle
            .createQuery("SELECT COUNT(*) FROM packs WHERE id = :id AND direction = :direction")
            .bind("id", packId)
            .bind("direction", direction)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  /**
   * Every check that can refuse the pack, run before anything is stored (docs/formats/packs.md):
   * each clip has a valid audio checksum, each assignment names a clip the pack carries under one
   * of its rubrics, and each draft is a valid value of its rubric.
   */
  private static void checkBeforeStoring(
      OpenedPack pack,
      List<Rubric> rubrics,
      JsonNode clips,
      JsonNode assignments,
      JsonNode drafts) {
    Set<String> clipKeys = new TreeSet<>();
    for (JsonNode clip : clips) {
      if (!clip.path("audio_sha256").asText().matches("sha256:[0-9a-f]{64}")) {
        throw tampered(
            pack,
            "clip "
                + clip.path("clip_id").asText()
                + " has no valid audio SHA-256; ask for a fresh pack.");
      }
      clipKeys.add(clipKey(clip));
    }
    Map<String, Rubric> byId = new TreeMap<>();
    rubrics.forEach(rubric -> byId.put(rubric.id().toString(), rubric));
    for (JsonNode node : assignments) {
      if (!clipKeys.contains(clipKey(node))) {
        throw tampered(
            pack,
            "an assignment names clip "
                + node.path("clip_id").asText()
                + ", which the pack does not carry.");
      }
      if (!byId.containsKey(node.path("rubric").asText())) {
        throw tampered(
            pack,
            "an assignment names rubric "
                + node.path("rubric").asText()
                + ", which the pack does not carry; ask for a fresh pack.");
      }
    }
    for (JsonNode draft : drafts) {
      Rubric rubric = byId.get(draft.path("rubric").asText());
      if (rubric == null) {
        continue; // a draft of no carried assignment is skipped on import
      }
      try {
        LabelValueJson.read(draft.path("value"), rubric);
        Instant.parse(draft.path("created_at").asText());
        Instant.parse(draft.path("updated_at").asText());
      } catch (EngineException | java.time.format.DateTimeParseException e) {
        throw tampered(
            pack,
            "the draft of clip "
                + draft.path("clip_id").asText()
                + " is not a valid label ("
                + e.getMessage()
                + "); ask for a fresh pack.");
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The refusal matters more; a stray copy is reused only if its checksum matches.
    }
  }

  static String projectName(Handle handle) {
    return handle
        .createQuery("SELECT name FROM project_meta WHERE id = 1")
        .mapTo(String.class)
        .findOne()
        .orElse("");
  }

  static JsonNode readJson(String text, String what) {
    try {
      return JSON.readTree(text == null ? "null" : text);
    } catch (IOException e) {
      throw new StorageException("The stored " + what + " is not readable JSON.", e);
    }
  }

  /** The project's link to the source of the assignment pack it was made from, if any. */
  public Optional<SourceLink> source() {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT id, source_project_id, annotator_id FROM packs WHERE kind ="
                            + " 'assignment' AND direction = 'imported' ORDER BY recorded_at, id")
                    .map(
                        (rs, ctx) ->
                            new SourceLink(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .findFirst());
  }

  /**
   * How a working project links back to the project it was made from.
   *
   * @param assignmentPackId the assignment pack it was made from
   * @param sourceProjectId the project that exported that pack
   * @param annotator the annotator who works here
   */
  public record SourceLink(String assignmentPackId, String sourceProjectId, String annotator) {}
}
