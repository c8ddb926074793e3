package dev.earmark.app.cli;

import dev.earmark.app.about.Version;
import dev.earmark.storage.identity.Identities;
import dev.earmark.storage.pack.AssignmentPacks;
import dev.earmark.storage.pack.LabelPackExport;
import dev.earmark.storage.pack.LabelPacks;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earmark pack export-labels --out FILE}: the label pack of a project made from an
 * assignment pack, as its annotator.
 */
@Command(
    name = "export-labels",
    mixinStandardHelpOptions = true,
    description = {
      "Write the label pack of a project made from an assignment pack.",
      "Run it in the project 'earmark pack import' made; it holds the annotator's",
      "submitted labels and drafts (flagged as drafts), for the lead's 'earmark pack import'."
    })
public final class PackExportLabelsCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The label pack file to write (must not exist).")
  Path out;

  @Override
  public Integer call() {
    try (Project project = ProjectAccess.openExisting(global())) {
      Policies policies = new Policies(project);
      // A project 'pack import' made is one annotator's working copy: without --user, its
      // command acts as that annotator (docs/formats/packs.md), still through the OS-account
      // sign-in of ADR 14.
      AssignmentPacks.SourceLink source =
          new AssignmentPacks(project, policies)
              .source()
              .orElseThrow(() -> LabelPacks.notAWorkingCopy(project));
      Optional<String> claimed =
          Optional.ofNullable(global().user()).or(() -> Optional.of(source.annotator()));
      Actor actor = new Identities(project).signIn(global().osAccount(), claimed);
      LabelPackExport exported =
          new LabelPacks(project, policies).export(actor, out, Version.current());
      PrintWriter printer = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("kind", "label");
        report.put("pack_id", exported.packId());
        report.put("file", exported.file().toString());
        report.put("annotator", exported.annotator());
        report.put("project_id", exported.sourceProjectId());
        report.put("answers_pack", exported.answersPack());
        report.put("submitted", exported.submitted());
        report.put("drafts", exported.drafts());
        report.put("pack_sha256", exported.sha256());
        JsonOutput.print(printer, report);
      } else {
        printer.println(
            "label pack of "
                + exported.annotator()
                + " written to "
                + exported.file()
                + ": "
                + exported.submitted()
                + " submitted labels, "
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
