package dev.earmark.app.gui.rules;

import dev.earmark.engine.normalize.RuleSet;
import dev.earmark.engine.policy.PolicyLabel;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PolicyLabels;
import dev.earmark.storage.policy.PublishedVersion;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.util.List;
import java.util.Optional;

/**
 * The rule editor's reads and writes on one project for one acting user. Every method blocks on the
 * database: call it through the background executor. Storage checks the user's roles again on every
 * call. Thread-safe.
 */
public final class RulesService {
  /** The slice tag the editor's policy diff groups by. */
  static final String SLICE_TAG = "domain";

  private final Project project;
  private final String userId;
  private final Policies policies;
  private final PolicyLabels policyLabels;

  public RulesService(Project project, String userId) {
    this.project = project;
    this.userId = userId;
    this.policies = new Policies(project);
    this.policyLabels = new PolicyLabels(project, policies);
  }

  /** What the editor needs to start: versions, the one in force, labels and the threshold. */
  public record Start(
      List<VersionedId> versions,
      Optional<VersionedId> inForce,
      List<PolicyLabel> labels,
      double disputeWerAbove,
      boolean mayPublish) {}

  /** Reads the published versions, the ASR policy in force and the labels a diff compares. */
  public Start start() {
    Actor actor = actor();
    List<PolicyLabel> labels =
        actor.has(Role.LEAD) || actor.has(Role.ADJUDICATOR)
            ? policyLabels.transcriptLabels(actor, SLICE_TAG)
            : List.of();
    return new Start(
        policyLabels.publishedRuleSets(),
        policies.policy(TaskType.ASR_TRANSCRIPT).flatMap(LabelPolicy::ruleSet),
        labels,
        new ProjectSettings(project).number(Setting.ROUTING_TRANSCRIPT_WER),
        actor.has(Role.LEAD));
  }

  /** The rule set of the ASR label policy in force, if the policy names one. */
  public Optional<VersionedId> inForce() {
    return policies.policy(TaskType.ASR_TRANSCRIPT).flatMap(LabelPolicy::ruleSet);
  }

  /** The published version {@code id}. */
  public RuleSet ruleSet(VersionedId id) {
    return policyLabels.ruleSet(id);
  }

  /** The id the next version of {@code name} gets. */
  public VersionedId nextVersion(String name) {
    return policyLabels.nextVersion(name);
  }

  /** Publishes {@code ruleSet} as the next version of its name (leads only; audited). */
  public PublishedVersion publish(RuleSet ruleSet) {
    return policyLabels.publish(actor(), ruleSet);
  }

  /** The acting user. */
  public String userId() {
    return userId;
  }

  private Actor actor() {
    return project.users().actor(userId);
  }
}
