package dev.earmark.storage.status;

import dev.earmark.audio.qe.QeModel;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a project's {@link StatusReport} for leads and adjudicators: it shows every annotator's
 * progress, which an annotator does not see (they read their own queue). Reads only; nothing is
 * audited. Thread-safe.
 */
public final class ProjectStatus {
  private final Project project;
  private final Policies policies;

  public ProjectStatus(Project project, Policies policies) {
    this.project = project;
    this.policies = policies;
  }

  /**
   * The project's state now.
   *
   * @throws dev.earmark.storage.PermissionDeniedException when {@code actor} is neither a lead nor
   *     an adjudicator of the project
   */
  public StatusReport read(Actor actor) {
    record Counts(int openDisputes, int escalated, Optional<String> model) {}
    Map<String, int[]> progress = new TreeMap<>();
    Optional<StatusReport.LastExport> lastExport =
        project
            .jdbi()
            .inTransaction(
                handle -> {
                  Access.require(
                      handle, actor, "read the project status", Role.LEAD, Role.ADJUDICATOR);
                  handle
                      .createQuery(
                          "SELECT annotator_id, state, COUNT(*) FROM assignments"
                              + " GROUP BY annotator_id, state")
                      .map(
                          (rs, ctx) ->
                              new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)})
                      .forEach(
                          row -> {
                            int[] counts =
                                progress.computeIfAbsent((String) row[0], unused -> new int[4]);
                            counts[0] += (Integer) row[2];
                            if ("pending".equals(row[1])) {
                              counts[1] += (Integer) row[2];
                            }
                          });
                  handle
                      .createQuery(
                          "SELECT annotator_id, state, COUNT(*) FROM labels"
                              + " GROUP BY annotator_id, state")
                      .map(
                          (rs, ctx) ->
                              new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)})
                      .forEach(
                          row -> {
                            int[] counts =
                                progress.computeIfAbsent((String) row[0], unused -> new int[4]);
                            counts["submitted".equals(row[1]) ? 3 : 2] += (Integer) row[2];
                          });
                  return handle
                      .createQuery(
                          "SELECT name, created_at, created_by, items FROM batches"
                              + " ORDER BY created_at DESC, id DESC LIMIT 1")
                      .map(
                          (rs, ctx) ->
                              new StatusReport.LastExport(
                                  rs.getString(1),
                                  rs.getObject(2, OffsetDateTime.class).toInstant(),
                                  rs.getString(3),
                                  rs.getInt(4)))
                      .findOne();
                });
    Counts counts =
        project
            .jdbi()
            .withHandle(
                handle -> {
                  Map<String, Integer> disputes = new LinkedHashMap<>();
                  handle
                      .createQuery("SELECT status, COUNT(*) FROM disputes GROUP BY status")
                      .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                      .forEach(row -> disputes.put(row.getKey(), row.getValue()));
                  Optional<String> model =
                      handle
                          .createQuery(
                              "SELECT id FROM qe_models WHERE passed_gate"
                                  + " ORDER BY stored_at DESC, id DESC LIMIT 1")
                          .mapTo(String.class)
                          .findOne();
                  return new Counts(
                      disputes.getOrDefault("open", 0),
                      disputes.getOrDefault("escalated", 0),
                      model);
                });
    List<StatusReport.AnnotatorProgress> annotators = new ArrayList<>();
    progress.forEach(
        (annotator, c) ->
            annotators.add(new StatusReport.AnnotatorProgress(annotator, c[0], c[1], c[2], c[3])));
    Map<TaskType, Optional<LabelPolicy>> policyByTask = new LinkedHashMap<>();
    for (TaskType type : TaskType.values()) {
      policyByTask.put(type, policies.policy(type));
    }
    return new StatusReport(
        new Clips(project).countByStatus(),
        annotators,
        counts.openDisputes(),
        counts.escalated(),
        policyByTask,
        counts.model().orElseGet(() -> QeModel.loadDefault().metadata().modelId()),
        counts.model().isEmpty(),
        lastExport);
  }
}
