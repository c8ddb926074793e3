package dev.earmark.app.cli;

import dev.earmark.engine.priority.SliceQuota;
import dev.earmark.engine.priority.SliceQuotas;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.assign.AssignRequest;
import dev.earmark.storage.assign.AssignmentReport;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earmark assign}: assigns the clips of a task type to annotators under the policy's rubric,
 * with overlap, gold items, a priority order, slice quotas and a limit (PRODUCT.md §3.2). Leads
 * only; all checks are storage's ({@link AssignRequest#run}).
 */
@Command(
    name = "assign",
    mixinStandardHelpOptions = true,
    description = {
      "Assign clips to annotators under the label policy's rubric (leads only).",
      "Only active clips whose consent allows labeling are assigned. Re-running adds only what is",
      "new: the limit and the quotas count clips assigned by earlier runs. --dry-run shows the",
      "same report and changes nothing."
    })
public final class AssignCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Option(
      names = "--task",
      required = true,
      paramLabel = "T",
      description = "Task type: asr-transcript, tts-rating or rag-stages.")
  String task;

  @Option(
      names = "--annotators",
      required = true,
      split = ",",
      paramLabel = "NAME",
      description = "The annotators, comma-separated (a,b,c).")
  List<String> annotators = new ArrayList<>();

  @Option(
      names = "--overlap",
      paramLabel = "SHARE",
      defaultValue = "0",
      description = "Share of clips labeled by two annotators (gold ones count), 0-1. Default: 0.")
  double overlap;

  @Option(
      names = "--gold",
      paramLabel = "FILE.jsonl",
      description =
          "Gold clips with their answers, one per line: {\"clip_id\": …, \"fields\": {…}},"
              + " validated under the rubric.")
  Path goldFile;

  @Option(
      names = "--gold-share",
      paramLabel = "SHARE",
      defaultValue = "0",
      description =
          "Share of clips made gold items, chosen by the seed; a lead writes their answers later."
              + " Default: 0.")
  double goldShare;

  @Option(
      names = "--priority",
      paramLabel = "P",
      defaultValue = "import",
      description =
          "Which clips go first when a limit or quota leaves some out, and queue order: qe (review"
              + " priority: QE uncertainty, coverage gap of the first quota's tag), import or"
              + " random. Default: import.")
  String priority;

  @Option(
      names = "--quota",
      paramLabel = "TAG=SHARE",
      description =
          "Cap any one value of a slice tag at this share of the batch (repeatable, e.g."
              + " accent=0.4); the shares may sum to 1 at most.")
  List<String> quotas = new ArrayList<>();

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N clips assigned under the rubric in total (earlier runs count).")
  Integer limit;

  @Option(names = "--dataset", paramLabel = "D", description = "Assign clips of this dataset only.")
  String dataset;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seed of the gold, overlap and random choices. Default: 1.")
  long seed;

  @Option(
      names = "--every-annotator",
      description =
          "Every annotator labels every clip, as a listening test needs (each rater on each"
              + " trial); leave --overlap at 0.")
  boolean everyAnnotator;

  @Option(names = "--dry-run", description = "Report what would be assigned; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    if (goldFile != null && goldShare > 0) {
      throw new InputException("Give either --gold FILE or --gold-share SHARE, not both.");
    }
    if (!List.of("qe", "import", "random").contains(priority)) {
      throw new InputException("--priority " + priority + " is not one of qe, import, random.");
    }
    TaskType taskType = TaskType.fromId(task);
    SliceQuotas sliceQuotas = new SliceQuotas(quotas.stream().map(SliceQuota::parse).toList());
    AssignRequest request =
        new AssignRequest(
            taskType,
            annotators,
            overlap,
            Optional.ofNullable(goldFile),
            goldShare,
            priority,
            sliceQuotas,
            limit == null ? OptionalInt.empty() : OptionalInt.of(limit),
            Optional.ofNullable(dataset),
            seed,
            everyAnnotator);
    try (Project project = ProjectAccess.openExisting(global())) {
      Actor actor = ProjectAccess.actor(project, global());
      AssignRequest.Outcome outcome = request.run(project, actor, dryRun);
      print(outcome.report(), outcome.qeModel());
      return ExitCode.OK;
    }
  }

  private void print(AssignmentReport report, Optional<String> qeModel) {
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("dry_run", report.dryRun());
      result.put("task", task);
      result.put("rubric", report.rubric().toString());
      result.put("priority", priority);
      qeModel.ifPresent(model -> result.put("qe_model", model));
      result.put("clips", report.summary().clips());
      result.put("assignments", report.summary().assignments());
      result.put("overlapped_clips", report.summary().overlappedClips());
      result.put("gold_clips", report.summary().goldClips());
      List<Map<String, Object>> loads = new ArrayList<>();
      for (AssignmentReport.AnnotatorLoad load : report.annotators()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("annotator", load.annotatorId());
        entry.put("clips", load.clips());
        entry.put("overlapped", load.overlapped());
        entry.put("gold", load.gold());
        loads.add(entry);
      }
      result.put("annotators", loads);
      result.put("slice_mix", report.sliceMix());
      result.put("already_assigned", report.alreadyAssigned());
      result.put("excluded_by_consent", report.excludedByConsent());
      result.put("held_back_by_quota", report.heldBackByQuota());
      result.put("left_over_by_limit", report.leftOverByLimit());
      JsonOutput.print(out, result);
      return;
    }
    out.println(
        (report.dryRun() ? "dry run, nothing written: would assign " : "assigned ")
            + report.summary().clips()
            + " clips under "
            + report.rubric()
            + ": "
            + report.summary().assignments()
            + " assignments, "
            + report.summary().overlappedClips()
            + " overlapped, "
            + report.summary().goldClips()
            + " gold");
    out.println(
        String.format(
            Locale.ROOT, "  %-20s %6s %11s %5s", "annotator", "clips", "overlapped", "gold"));
    for (AssignmentReport.AnnotatorLoad load : report.annotators()) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-20s %6d %11d %5d",
              load.annotatorId(),
              load.clips(),
              load.overlapped(),
              load.gold()));
    }
    report
        .sliceMix()
        .forEach(
            (tag, values) ->
                out.println(
                    "  slice mix "
                        + tag
                        + ": "
                        + values.entrySet().stream()
                            .map(entry -> entry.getKey() + " " + entry.getValue())
                            .collect(Collectors.joining(", "))));
    out.println(
        "  already assigned "
            + report.alreadyAssigned()
            + " · excluded by consent "
            + report.excludedByConsent()
            + " · held back by quotas "
            + report.heldBackByQuota()
            + " · left over by the limit "
            + report.leftOverByLimit());
    qeModel.ifPresent(model -> out.println("  priority from QE model " + model));
    out.flush();
  }

  private GlobalOptions global() {
    return ((EarmarkCommand) spec.root().userObject()).global;
  }
}
