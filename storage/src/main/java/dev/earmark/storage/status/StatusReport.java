package dev.earmark.storage.status;

import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.clip.ClipStatus;
import dev.earmark.storage.policy.LabelPolicy;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's state at one moment (PRODUCT.md §3, the lead's overview). Immutable.
 *
 * @param clips clips per status, every status listed
 * @param annotators each user who has assignments, by id
 * @param openDisputes disputes waiting for an adjudicator
 * @param escalatedDisputes disputes passed to the lead
 * @param policies the policy in force per task type; a task type with none maps to empty
 * @param qeModel the id of the QE model hints come from: the project's current model, else the one
 *     shipped with Earmark
 * @param qeModelShipped true when the project has no model of its own (the shipped one is used)
 * @param lastExport the most recent batch; empty before the first export
 */
public record StatusReport(
    Map<ClipStatus, Integer> clips,
    List<AnnotatorProgress> annotators,
    int openDisputes,
    int escalatedDisputes,
    Map<TaskType, Optional<LabelPolicy>> policies,
    String qeModel,
    boolean qeModelShipped,
    Optional<LastExport> lastExport) {
  public StatusReport {
    clips = Collections.unmodifiableMap(new EnumMap<>(clips));
    annotators = List.copyOf(annotators);
    policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
  }

  /**
   * One annotator's work.
   *
   * @param assigned assignments of any state
   * @param pending assignments with no label saved yet
   * @param drafted labels saved as drafts, not submitted
   * @param submitted labels submitted
   */
  public record AnnotatorProgress(
      String annotatorId, int assigned, int pending, int drafted, int submitted) {}

  /** The most recent export: its batch name, when it was made, by whom, with how many items. */
  public record LastExport(String batch, Instant createdAt, String createdBy, int items) {}
}
