package dev.earmark.app.gui.adjudication;

import dev.earmark.app.gui.labeling.ClipDetails;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeComparison;
import dev.earmark.storage.adjudicate.DisputeComparisons;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.adjudicate.RoutingEvidence;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The storage calls of one adjudication session, on behalf of the acting user. Roles are checked by
 * storage on every call (only adjudicators and leads read disputes, labels of others, or decide).
 * Every method blocks on the database: call it through the background executor. Thread-safe.
 */
public class AdjudicationService {
  private final Project project;
  private final String userId;
  private final Policies policies;
  private final Labels labels;
  private final Adjudications adjudications;
  private final DisputeComparisons comparisons;
  private final Clips clips;

  public AdjudicationService(Project project, String userId) {
    this.project = project;
    this.userId = userId;
    this.policies = new Policies(project);
    this.labels = new Labels(project, policies, new ProjectSettings(project));
    this.adjudications = new Adjudications(project, policies);
    this.comparisons = new DisputeComparisons(project);
    this.clips = new Clips(project);
  }

  public Project project() {
    return project;
  }

  public String userId() {
    return userId;
  }

  private Actor actor() {
    return project.users().actor(userId);
  }

  /** Every dispute: open first, then escalated, then resolved; oldest first within each. */
  public List<DisputeRow> queue() {
    Actor actor = actor();
    List<DisputeRecord> disputes = new ArrayList<>();
    for (DisputeStatus status :
        List.of(DisputeStatus.OPEN, DisputeStatus.ESCALATED, DisputeStatus.RESOLVED)) {
      disputes.addAll(adjudications.disputes(actor, status));
    }
    Map<String, Set<String>> annotators = new HashMap<>();
    for (VersionedId rubric : disputes.stream().map(DisputeRecord::rubric).distinct().toList()) {
      for (Label label : labels.labels(actor, rubric)) {
        if (label.state() == LabelState.SUBMITTED) {
          annotators
              .computeIfAbsent(label.clipId() + "|" + rubric, k -> new TreeSet<>())
              .add(label.annotatorId());
        }
      }
    }
    Map<Long, Map<String, String>> slices =
        slices(disputes.stream().map(DisputeRecord::clipId).distinct().toList());
    return disputes.stream()
        .map(
            dispute ->
                new DisputeRow(
                    dispute,
                    slices.getOrDefault(dispute.clipId(), Map.of()),
                    annotators.getOrDefault(dispute.clipId() + "|" + dispute.rubric(), Set.of()),
                    RoutingEvidence.summaries(dispute.evidenceJson())))
        .toList();
  }

  /**
   * Opens {@code row}: the clip, the rubric, the submitted labels and the normalizer, as storage's
   * {@link DisputeComparisons} assembles them for {@code earmark disputes show} too.
   */
  public DisputeCase open(DisputeRow row) {
    DisputeComparison comparison = comparisons.compare(actor(), row.dispute().id());
    return new DisputeCase(
        row,
        clip(row.dispute().clipId()),
        comparison.rubric(),
        comparison.labels().stream()
            .map(l -> new DisputeCase.AnnotatorLabel(l.annotatorId(), l.value()))
            .toList(),
        comparison.normalizer(),
        comparison.ruleSet());
  }

  /**
   * The rule set of the label policy in force per task type ("none" without one): what {@link
   * #open} normalizes with now. A screen compares it with the case it shows to notice a policy
   * adopted since.
   */
  public Map<TaskType, String> ruleSetsInForce() {
    Map<TaskType, String> ruleSets = new EnumMap<>(TaskType.class);
    for (TaskType type : TaskType.values()) {
      ruleSets.put(
          type,
          policies.policy(type).flatMap(LabelPolicy::ruleSet).map(Object::toString).orElse("none"));
    }
    return ruleSets;
  }

  /** Decides a dispute; see {@link Adjudications#decide}. */
  public Adjudication decide(long disputeId, LabelValue value, ReasonCode reason, String note) {
    return adjudications.decide(actor(), disputeId, value, reason, note);
  }

  /** Takes a decision back; see {@link Adjudications#undo}. */
  public DisputeRecord undo(long adjudicationId) {
    return adjudications.undo(actor(), adjudicationId);
  }

  /** Takes an escalation back; see {@link Adjudications#undoEscalation}. */
  public DisputeRecord undoEscalation(long disputeId) {
    return adjudications.undoEscalation(actor(), disputeId);
  }

  /** Passes a dispute to the lead; see {@link Adjudications#escalate}. */
  public void escalate(long disputeId, String note) {
    adjudications.escalate(actor(), disputeId, note);
  }

  /** The header facts of a clip and where its audio is. */
  private ClipDetails clip(long clipId) {
    return ClipDetails.of(clips.get(clipId));
  }

  private Map<Long, Map<String, String>> slices(Collection<Long> clipIds) {
    Map<Long, Map<String, String>> slices = new HashMap<>();
    clips.byIds(clipIds).forEach((id, clip) -> slices.put(id, clip.slices()));
    return slices;
  }
}
