package dev.earmark.app.gui.policy;

import dev.earmark.app.rules.RuleDiff;
import dev.earmark.engine.dispute.RoutingSettings;
import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.policy.PolicyDiff;
import dev.earmark.engine.policy.PolicyDiffReport;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.RubricDiff;
import dev.earmark.engine.rubric.RubricDiffRenderer;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PolicyChange;
import dev.earmark.storage.policy.PolicyLabels;
import dev.earmark.storage.policy.PolicyUpdate;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The policy tab's storage calls on behalf of the acting user. {@link #apply} is {@code
 * Policies#setPolicy}, the call {@code earmark policy set} makes (lead check, built-in versions
 * published first, audit event); {@link #preview} computes what that command reports, without
 * changing anything. Every method blocks on the database: call it through the background executor.
 * Thread-safe.
 */
public final class PolicyService {
  /** The slice tag the policy diff groups by, as {@code earmark policy set} does. */
  static final String SLICE_TAG = "domain";

  private final Project project;
  private final String userId;
  private final Policies policies;
  private final PolicyLabels policyLabels;

  public PolicyService(Project project, String userId) {
    this.project = project;
    this.userId = userId;
    this.policies = new Policies(project);
    this.policyLabels = new PolicyLabels(project, policies);
  }

  /**
   * The versions a lead may pick for one task type: published and built-in rubrics of the type,
   * published and built-in rule sets.
   */
  public record Choices(
      TaskType taskType,
      Optional<LabelPolicy> current,
      List<VersionedId> rubrics,
      List<VersionedId> ruleSets) {}

  /** What the tab shows: the choices per task type and the history, oldest change first. */
  public record Start(List<Choices> choices, List<PolicyChange> history) {}

  /** Reads the policies, the versions to pick from and the history. */
  public Start start() {
    TreeSet<VersionedId> ruleSets = new TreeSet<>(RuleSets.builtInIds());
    ruleSets.addAll(policies.publishedRuleSetIds());
    List<Choices> choices = new ArrayList<>();
    for (TaskType type : TaskType.values()) {
      TreeSet<VersionedId> rubrics = new TreeSet<>();
      for (Rubric rubric : RubricCatalog.builtIn().all()) {
        if (rubric.taskType() == type) {
          rubrics.add(rubric.id());
        }
      }
      for (VersionedId id : policies.publishedRubricIds()) {
        if (policies.rubric(id).taskType() == type) {
          rubrics.add(id);
        }
      }
      choices.add(
          new Choices(type, policies.policy(type), List.copyOf(rubrics), List.copyOf(ruleSets)));
    }
    return new Start(choices, policies.history());
  }

  /** What setting {@code type}'s policy to ({@code rubricId}, {@code ruleSetId}) would change. */
  public PolicyPreview preview(TaskType type, VersionedId rubricId, VersionedId ruleSetId) {
    Actor actor = actor();
    Optional<LabelPolicy> current = policies.policy(type);
    Rubric to = rubric(rubricId);
    if (to.taskType() != type) {
      throw new StorageException(
          "rubric " + rubricId + " is for " + to.taskType().id() + ", not " + type.id());
    }
    String rubricDiff =
        current
            .map(
                policy -> RubricDiffRenderer.human(RubricDiff.between(rubric(policy.rubric()), to)))
            .orElse("");
    Optional<VersionedId> fromRules = current.flatMap(LabelPolicy::ruleSet);
    List<String> ruleDiff = List.of();
    Optional<PolicyDiffReport> policyDiff = Optional.empty();
    if (fromRules.isPresent() && ruleSetId != null) {
      RuleSet from = ruleSet(fromRules.get());
      RuleSet next = ruleSet(ruleSetId);
      ruleDiff = RuleDiff.lines(from, next);
      if (type == TaskType.ASR_TRANSCRIPT && !fromRules.get().equals(ruleSetId)) {
        double threshold = new ProjectSettings(project).number(Setting.ROUTING_TRANSCRIPT_WER);
        RoutingSettings routing =
            new RoutingSettings(
                false, OptionalInt.empty(), OptionalDouble.of(threshold), false, false);
        policyDiff =
            Optional.of(
                new PolicyDiff(from, next, routing, 0)
                    .compare(policyLabels.transcriptLabels(actor, SLICE_TAG)));
      }
    } else if (ruleSetId != null) {
      ruleSet(ruleSetId); // an unknown id is refused before the lead confirms
    }
    Map<VersionedId, Integer> others = new LinkedHashMap<>();
    policies
        .submittedLabelsByRubric(type)
        .forEach(
            (id, count) -> {
              if (!id.equals(rubricId)) {
                others.put(id, count);
              }
            });
    return new PolicyPreview(
        type,
        current,
        rubricId,
        Optional.ofNullable(ruleSetId),
        rubricDiff,
        ruleDiff,
        policyDiff,
        others);
  }

  /** Sets the policy, as {@code earmark policy set} does (leads only; audited). */
  public PolicyUpdate apply(TaskType type, VersionedId rubricId, VersionedId ruleSetId) {
    return policies.setPolicy(actor(), type, rubricId, ruleSetId);
  }

  private Rubric rubric(VersionedId id) {
    return policies.publishedRubric(id).isPresent()
        ? policies.rubric(id)
        : RubricCatalog.builtIn()
            .find(id)
            .orElseThrow(() -> new StorageException("no rubric " + id + " in this project"));
  }

  private RuleSet ruleSet(VersionedId id) {
    if (policies.ruleSet(id).isPresent()) {
      return policyLabels.ruleSet(id);
    }
    return RuleSets.builtIn(id).orElseGet(() -> policyLabels.ruleSet(id));
  }

  private Actor actor() {
    return project.users().actor(userId);
  }
}
