package dev.earmark.app.cli;

import dev.earmark.app.about.Version;
import dev.earmark.storage.pack.AssignmentPackExport;
import dev.earmark.storage.pack.AssignmentPacks;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code earmark pack export --annotator NAME --out FILE}: an assignment pack (leads only). */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write an assignment pack for one annotator (leads only).",
      "The pack holds the annotator's open assignments with their clips' audio and metadata,",
      "the published policy and their drafts, as one checksummed file."
    })
public final class PackExportCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Option(
      names = "--annotator",
      required = true,
      paramLabel = "NAME",
      description = "The annotator whose open assignments go into the pack.")
  String annotator;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The pack file to write (must not exist).")
  Path out;

  @Override
  public Integer call() {
    try (Project project = ProjectAccess.openExisting(global())) {
      AssignmentPackExport exported =
          new AssignmentPacks(project, new Policies(project))
              .export(ProjectAccess.actor(project, global()), annotator, out, Version.current());
      PrintWriter printer = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("kind", "assignment");
        report.put("pack_id", exported.packId());
        report.put("file", exported.file().toString());
        report.put("annotator", exported.annotator());
        report.put("project_id", project.projectId());
        report.put("assignments", exported.assignments());
        report.put("clips", exported.clips());
        report.put("drafts", exported.drafts());
        report.put("pack_sha256", exported.sha256());
        JsonOutput.print(printer, report);
      } else {
        printer.println(
            "assignment pack for "
                + exported.annotator()
                + " written to "
                + exported.file()
                + ": "
                + exported.assignments()
                + " assignments, "
                + exported.clips()
                + " clips with audio, "
                + exported.drafts()
                + " drafts");
        printer.println("pack " + exported.packId() + " " + exported.sha256());
      }
      return ExitCode.OK;
    }
  }

  private GlobalOptions global() {
    return ((EarmarkCommand) spec.root().userObject()).global;
  }
}
