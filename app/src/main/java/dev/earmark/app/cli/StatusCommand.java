package dev.earmark.app.cli;

import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.clip.ClipStatus;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.status.ProjectStatus;
import dev.earmark.storage.status.StatusReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code earmark status}: where the project stands, for leads and adjudicators. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show where the project stands (leads and adjudicators): clips by state, each annotator's",
      "assigned, pending, drafted and submitted work, open disputes, the label policy per task",
      "type, the current QE model and the last export."
    })
public final class StatusCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Project project = ProjectAccess.openExisting(global())) {
      StatusReport status =
          new ProjectStatus(project, new Policies(project))
              .read(ProjectAccess.actor(project, global()));
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOutput.print(out, json(status));
      } else {
        text(status, out);
      }
      return ExitCode.OK;
    }
  }

  private static Map<String, Object> json(StatusReport status) {
    Map<String, Object> result = new LinkedHashMap<>();
    Map<String, Object> clips = new LinkedHashMap<>();
    status.clips().forEach((state, count) -> clips.put(state.code(), count));
    result.put("clips", clips);
    List<Map<String, Object>> annotators = new ArrayList<>();
    for (StatusReport.AnnotatorProgress progress : status.annotators()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("annotator", progress.annotatorId());
      entry.put("assigned", progress.assigned());
      entry.put("pending", progress.pending());
      entry.put("drafted", progress.drafted());
      entry.put("submitted", progress.submitted());
      annotators.add(entry);
    }
    result.put("annotators", annotators);
    Map<String, Object> disputes = new LinkedHashMap<>();
    disputes.put("open", status.openDisputes());
    disputes.put("escalated", status.escalatedDisputes());
    result.put("disputes", disputes);
    Map<String, Object> policies = new LinkedHashMap<>();
    status
        .policies()
        .forEach(
            (task, policy) -> {
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("rubric", policy.map(p -> p.rubric().toString()).orElse(null));
              entry.put(
                  "rules", policy.flatMap(LabelPolicy::ruleSet).map(Object::toString).orElse(null));
              policies.put(task.id(), entry);
            });
    result.put("policies", policies);
    result.put("qe_model", status.qeModel());
    result.put("qe_model_shipped", status.qeModelShipped());
    result.put(
        "last_export",
        status
            .lastExport()
            .map(
                batch -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("batch", batch.batch());
                  entry.put("created_at", batch.createdAt().toString());
                  entry.put("created_by", batch.createdBy());
                  entry.put("items", batch.items());
                  return entry;
                })
            .orElse(null));
    return result;
  }

  private static void text(StatusReport status, PrintWriter out) {
    Map<ClipStatus, Integer> clips = status.clips();
    out.println(
        "clips: "
            + clips.get(ClipStatus.ACTIVE)
            + " active, "
            + clips.get(ClipStatus.QUARANTINED)
            + " quarantined, "
            + clips.get(ClipStatus.EXCLUDED)
            + " excluded");
    if (status.annotators().isEmpty()) {
      out.println("annotators: nothing assigned yet (see 'earmark assign')");
    } else {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-20s %8s %8s %8s %9s",
              "annotator",
              "assigned",
              "pending",
              "drafted",
              "submitted"));
      for (StatusReport.AnnotatorProgress progress : status.annotators()) {
        out.println(
            String.format(
                Locale.ROOT,
                "  %-20s %8d %8d %8d %9d",
                progress.annotatorId(),
                progress.assigned(),
                progress.pending(),
                progress.drafted(),
                progress.submitted()));
      }
    }
    out.println(
        "disputes: "
            + status.openDisputes()
            + " open, "
            + status.escalatedDisputes()
            + " escalated");
    for (Map.Entry<TaskType, Optional<LabelPolicy>> entry : status.policies().entrySet()) {
      out.println(
          "policy "
              + entry.getKey().id()
              + ": "
              + entry
                  .getValue()
                  .map(
                      policy ->
                          policy.rubric()
                              + policy.ruleSet().map(rules -> " with rules " + rules).orElse(""))
                  .orElse("none"));
    }
    out.println(
        "QE model: "
            + status.qeModel()
            + (status.qeModelShipped() ? " (shipped with Earmark; the project has none)" : ""));
    out.println(
        "last export: "
            + status
                .lastExport()
                .map(
                    batch ->
                        batch.batch()
                            + " ("
                            + batch.items()
                            + " items, "
                            + batch.createdAt()
                            + " by "
                            + batch.createdBy()
                            + ")")
                .orElse("none"));
    out.flush();
  }

  private GlobalOptions global() {
    return ((EarmarkCommand) spec.root().userObject()).global;
  }
}
