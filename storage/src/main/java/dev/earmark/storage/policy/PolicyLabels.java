package dev.earmark.storage.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.EngineException;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.policy.PolicyLabel;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.clip.SliceTags;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the label-policy diff and the rule editor read from a project: the published normalization
 * rule-set versions (parsed), the rule set a policy name stands for, the next free version of a
 * rule set, and the submitted transcript labels with their slice and ASR hypothesis. Publishing
 * goes through {@link Policies#publishRuleSet}, so it stays lead-only, audited and immutable.
 *
 * <p>A <em>policy name</em> is either a published rule-set version ({@code en-asr@1}) or a task
 * type ({@code asr-transcript}), which stands for the rule set of that task type's label policy in
 * force. Thread-safe (it holds no state besides the project).
 */
public final class PolicyLabels {
  /** The slice of a label whose clip has no tag under the slice key. */
  public static final String NO_SLICE = "(none)";

  private final Project project;
  private final Policies policies;

  public PolicyLabels(Project project, Policies policies) {
    this.project = project;
    this.policies = policies;
  }

  /** Every published rule-set version, by name and then version. */
  public List<VersionedId> publishedRuleSets() {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT id FROM rule_set_versions ORDER BY name, version")
                    .mapTo(String.class)
                    .map(VersionedId::parse)
                    .list());
  }

  /**
   * The published rule-set version {@code id}, parsed; an unpublished id is an error naming the
   * published ones.
   */
  public RuleSet ruleSet(VersionedId id) {
    PublishedVersion published =
        policies
            .ruleSet(id)
            .orElseThrow(
                () ->
                    new StorageException(
                        "rule set "
                            + id
                            + " is not published in this project; published: "
                            + known()));
    try {
      return RuleSetJson.parse(
          published.contentJson(), "rule set " + id + " published in " + project.description());
    } catch (EngineException e) {
      throw new StorageException(
          "the stored rule set " + id + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * The rule-set version a policy name stands for: a published rule-set version as written, or for
   * a task type the rule set of its label policy in force.
   *
   * @throws StorageException naming the published rule sets and task types when {@code policy} is
   *     neither
   */
  public VersionedId resolve(String policy) {
    String name = policy == null ? "" : policy.strip();
    if (VersionedId.looksLikeId(name)) {
      VersionedId id = VersionedId.parse(name);
      if (policies.ruleSet(id).isPresent()) {
        return id;
      }
    } else {
      for (TaskType type : TaskType.values()) {
        if (type.id().equals(name)) {
          return policies
              .policy(type)
              .flatMap(LabelPolicy::ruleSet)
              .orElseThrow(
                  () ->
                      new StorageException(
                          "the label policy of "
                              + name
                              + " has no rule set; name a published rule set instead: "
                              + known()));
        }
      }
    }
    throw new StorageException(
        "'"
            + name
            + "' is neither a published rule set ("
            + known()
            + ") nor a task type with a label policy (asr-transcript)");
  }

  /** The version after the highest published version of {@code name} ({@code name@1} if none). */
  public VersionedId nextVersion(String name) {
    Integer highest =
        project
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT MAX(version) FROM rule_set_versions WHERE name = :name")
                        .bind("name", name)
                        .mapTo(Integer.class)
                        .findOne()
                        .orElse(null));
    return new VersionedId(name, highest == null ? 1 : highest + 1);
  }

  /**
   * Publishes {@code ruleSet} (lead only) as a new version; its id must be the {@link #nextVersion}
   * of its name, so a published version is never replaced and none is skipped.
   */
  public PublishedVersion publish(Actor actor, RuleSet ruleSet) {
    Access.require(project, actor, "publish a rule-set version", Role.LEAD);
    VersionedId next = nextVersion(ruleSet.id().name());
    if (!ruleSet.id().equals(next)) {
      throw new StorageException(
          "rule set "
              + ruleSet.id()
              + " cannot be published: the next version of "
              + ruleSet.id().name()
              + " is "
              + next);
    }
    JsonNode content;
    try {
      content = AuditLog.json().readTree(RuleSetJson.write(ruleSet));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a rule set did not write as JSON", e);
    }
    return policies.publishRuleSet(actor, ruleSet.id(), content);
  }

  /**
   * The submitted transcripts of every active ASR clip, one {@link PolicyLabel} per annotator, by
   * clip key and annotator. Leads and adjudicators only (they see every label).
   *
   * @param sliceKey the clip slice tag that groups the report ({@code domain}, {@code accent}…);
   *     clips without it are in the slice {@value #NO_SLICE}
   */
  public List<PolicyLabel> transcriptLabels(Actor actor, String sliceKey) {
    return project
        .jdbi()
        .withHandle(
            handle -> {
              // Every annotator's label: the roles must be the user table's, not the actor's claim.
              Access.require(
                  handle, actor, "read every label for a policy diff", Role.LEAD, Role.ADJUDICATOR);
              return handle
                  .createQuery(
                      "SELECT c.clip_key, c.slices_json, c.hypothesis, l.annotator_id,"
                          + " l.value_json FROM labels l JOIN clips c ON c.id = l.clip_id"
                          + " JOIN rubric_versions r ON r.id = l.rubric_version"
                          + " WHERE l.state = 'submitted' AND c.status = 'active'"
                          + " AND r.task_type = :type ORDER BY c.clip_key, l.annotator_id,"
                          + " l.id")
                  .bind("type", TaskType.ASR_TRANSCRIPT.id())
                  .map(
                      (rs, ctx) -> {
                        String text = transcript(rs.getString(5));
                        return text == null
                            ? Optional.<PolicyLabel>empty()
                            : Optional.of(
                                new PolicyLabel(
                                    rs.getString(1),
                                    slice(rs.getString(2), sliceKey),
                                    rs.getString(4),
                                    text,
                                    rs.getString(3)));
                      })
                  .list();
            })
        .stream()
        .flatMap(Optional::stream)
        .toList();
  }

  private static String transcript(String valueJson) {
    JsonNode text = read(valueJson).path("fields").path("transcript");
    return text.isTextual() ? text.asText() : null;
  }

  private static String slice(String slicesJson, String key) {
    String value = SliceTags.parse(slicesJson).get(key);
    return value == null || value.isBlank() ? NO_SLICE : value;
  }

  private static JsonNode read(String json) {
    try {
      return AuditLog.json().readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored label or clip is not readable JSON: " + json, e);
    }
  }

  private String known() {
    List<String> ids = new ArrayList<>();
    publishedRuleSets().forEach(id -> ids.add(id.toString()));
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }
}
