package dev.earmark.storage.adjudicate;

import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.util.List;
import java.util.Optional;

/**
 * Opens a dispute for comparison ({@link DisputeComparison}): what {@code earmark disputes show}
 * prints and {@code earmark adjudicate} decides from. Adjudicators and leads only (checked by
 * {@link Adjudications#dispute} and by {@link Labels}). Transcripts are normalized under the rule
 * set of the label policy in force for the dispute's task type. Thread-safe.
 */
public final class DisputeComparisons {
  private final Project project;
  private final Policies policies;
  private final Labels labels;
  private final Adjudications adjudications;

  public DisputeComparisons(Project project) {
    this.project = project;
    this.policies = new Policies(project);
    this.labels = new Labels(project, policies, new ProjectSettings(project));
    this.adjudications = new Adjudications(project, policies);
  }

  /**
   * Dispute {@code disputeId} with its labels, hypothesis, rule set and evidence.
   *
   * @throws dev.earmark.storage.StorageException when there is no such dispute
   */
  public DisputeComparison compare(Actor actor, long disputeId) {
    DisputeRecord dispute = adjudications.dispute(actor, disputeId);
    List<DisputeComparison.AnnotatorLabel> submitted =
        labels.labelsForClip(actor, dispute.clipId()).stream()
            .filter(l -> l.state() == LabelState.SUBMITTED && l.rubric().equals(dispute.rubric()))
            .map(l -> new DisputeComparison.AnnotatorLabel(l.annotatorId(), l.value()))
            .toList();
    Rubric rubric = policies.rubric(dispute.rubric());
    Optional<VersionedId> ruleSet =
        policies.policy(rubric.taskType()).flatMap(LabelPolicy::ruleSet);
    Normalizer normalizer =
        ruleSet
            .map(
                id ->
                    Normalizer.compile(
                        RuleSetJson.parse(
                            policies.ruleSet(id).orElseThrow().contentJson(),
                            "rule set " + id + " published in the project")))
            .orElse(Normalizer.identity());
    Optional<String> hypothesis =
        project
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT hypothesis FROM clips WHERE id = :id")
                        .bind("id", dispute.clipId())
                        .mapTo(String.class)
                        .list())
            .stream()
            .filter(text -> text != null && !text.isBlank())
            .findFirst();
    return new DisputeComparison(
        dispute,
        rubric,
        ruleSet.map(VersionedId::toString).orElse("none"),
        normalizer,
        hypothesis,
        submitted,
        RoutingEvidence.summaries(dispute.evidenceJson()));
  }
}
