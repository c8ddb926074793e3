package dev.earmark.app.gui.adjudication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.app.gui.labeling.ClipDetails;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.adjudicate.Adjudication;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeComparison;
import dev.earmark.storage.adjudicate.DisputeComparisons;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.adjudicate.RoutingEvidence;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The storage calls of one adjudication session, on behalf of the acting user. Roles are checked by
 * storage on every call (only adjudicators and leads read disputes, labels of others, or decide).
 * Every method blocks on the database: call it through the background executor. Thread-safe.
 */
public class AdjudicationService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Project project;
  private final String userId;
  private final Policies policies;
  private final Labels labels;
  private final Adjudications adjudications;
  private final DisputeComparisons comparisons;

  public AdjudicationService(Project project, String userId) {
    this.project = project;
    this.userId = userId;
    this.policies = new Policies(project);
    this.labels = new Labels(project, policies, new ProjectSettings(project));
    this.adjudications = new Adjudications(project, policies);
    this.comparisons = new DisputeComparisons(project);
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

  /**
   * The header facts of a clip and where its audio is. Storage has no read service for them yet, so
   * this reads the clips table directly (as the labeling screen does).
   */
  private ClipDetails clip(long clipId) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT id, clip_key, audio_path, duration_s, sample_rate, channels,"
                            + " hypothesis, slices_json FROM clips WHERE id = :id")
                    .bind("id", clipId)
                    .map(
                        (rs, ctx) ->
                            new ClipDetails(
                                rs.getLong("id"),
                                rs.getString("clip_key"),
                                Path.of(rs.getString("audio_path")),
                                rs.getDouble("duration_s"),
                                rs.getInt("sample_rate"),
                                rs.getInt("channels"),
                                Optional.ofNullable(rs.getString("hypothesis"))
                                    .filter(text -> !text.isBlank()),
                                parseSlices(rs.getString("slices_json"))))
                    .one());
  }

  private Map<Long, Map<String, String>> slices(Collection<Long> clipIds) {
    Map<Long, Map<String, String>> slices = new HashMap<>();
    if (clipIds.isEmpty()) {
      return slices;
    }
    project
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createQuery("SELECT id, slices_json FROM clips WHERE id IN (<ids>)")
                    .bindList("ids", List.copyOf(clipIds))
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), parseSlices(rs.getString(2))))
                    .forEach(entry -> slices.put(entry.getKey(), entry.getValue())));
    return slices;
  }

  private static Map<String, String> parseSlices(String json) {
    Map<String, String> slices = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return slices;
    }
    try {
      JsonNode node = JSON.readTree(json);
      node.fields()
          .forEachRemaining(
              field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                  slices.put(field.getKey(), field.getValue().asText());
                }
              });
    } catch (IOException e) {
      slices.put("slices", "unreadable");
    }
    return slices;
  }
}
