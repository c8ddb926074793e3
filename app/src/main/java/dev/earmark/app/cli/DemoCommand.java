package dev.earmark.app.cli;

import dev.earmark.app.demo.DemoCreation;
import dev.earmark.storage.demo.DemoProgress;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.demo.DemoReport;
import dev.earmark.storage.project.Project;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code earmark demo}: builds the bundled demo project headless (issue 6), through {@link
 * DemoCreation} as the workbench's first run does, so both make the same project.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Create the demo project from the bundled sample dataset: clips, policy, the simulated"
          + " annotators' assignments and labels, gold items and the disputes routing finds.",
      "The data is copied to <project>/demo-data/. Re-running adds nothing."
    })
public final class DemoCommand implements Callable<Integer> {
  @ParentCommand EarmarkCommand root;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path data = root.global.project().resolve(DemoCreation.DATA_FOLDER);
    try (Project project = ProjectAccess.openOrCreate(root.global)) {
      String operator =
          root.global.user() != null ? root.global.user() : root.global.osAccount().name();
      DemoReport report = build(project, data, operator, DemoProgress.NONE);
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOutput.print(out, toJson(project, data, report));
      } else {
        printHuman(out, project, data, report);
      }
      return ExitCode.OK;
    }
  }

  private static DemoReport build(Project project, Path data, String user, DemoProgress progress) {
    try {
      return DemoCreation.build(project, data, user, progress);
    } catch (DemoCreation.CopyFailed e) {
      throw new InputException(e.getMessage());
    }
  }

  private static Map<String, Object> toJson(Project project, Path data, DemoReport report) {
    Map<String, Object> added = new LinkedHashMap<>();
    DemoReport.Added a = report.added();
    added.put("users", a.users());
    added.put("published_versions", a.publishedVersions());
    added.put("policies", a.policies());
    added.put("clips", a.clips());
    added.put("assignments", a.assignments());
    added.put("labels", a.labels());
    added.put("gold_answers", a.goldAnswers());
    added.put("disputes", a.disputes());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("project", project.description());
    result.put("data", data.toAbsolutePath().normalize().toString());
    result.put("dataset", report.datasetId());
    result.put("clips_active", report.activeClips());
    result.put("clips_excluded", report.excludedClips());
    result.put("clips_quarantined", report.quarantinedClips());
    result.put("users", report.users());
    result.put("labels", report.labels());
    result.put("labels_skipped", report.skippedLabels());
    result.put("gold_items", report.goldItems());
    result.put("disputes", report.disputes());
    result.put("already_complete", a.nothing());
    result.put("added", added);
    return result;
  }

  private void printHuman(PrintWriter out, Project project, Path data, DemoReport report) {
    if (report.added().nothing()) {
      out.printf(
          "the demo project in %s is already complete; nothing changed%n", project.description());
    } else {
      out.printf("created the demo project in %s%n", project.description());
    }
    out.printf(
        "  clips: %d to label, %d excluded at import (consent or retention), %d quarantined%n",
        report.activeClips(), report.excludedClips(), report.quarantinedClips());
    out.printf(
        "  users: %d (lead %s, adjudicator %s, three simulated annotators)%n",
        report.users(), DemoProject.LEAD_ID, DemoProject.ADJUDICATOR_ID);
    out.printf(
        "  labels: %d submitted, %d gold items, %d disputes routed to adjudication%n",
        report.labels(), report.goldItems(), report.disputes());
    if (report.skippedLabels() > 0) {
      out.printf(
          "  %d demo labels left out: their clips are no longer labelable%n",
          report.skippedLabels());
    }
    out.printf("  data: %s%n", data.toAbsolutePath().normalize());
    String where = projectOption();
    out.println();
    out.println("next, try:");
    for (String command :
        List.of("earmark audit verify" + where, "earmark" + where + "   (opens the workbench)")) {
      out.println("  " + command);
    }
  }

  private String projectOption() {
    if (root.global.db() != null) {
      return " --db " + Project.redact(root.global.db());
    }
    return " --project " + root.global.project().toAbsolutePath().normalize();
  }
}
