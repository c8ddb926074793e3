package dev.earmark.app.cli;

import dev.earmark.storage.pack.AssignmentPackImport;
import dev.earmark.storage.pack.AssignmentPacks;
import dev.earmark.storage.pack.LabelMerge;
import dev.earmark.storage.pack.LabelPackImport;
import dev.earmark.storage.pack.LabelPacks;
import dev.earmark.storage.pack.PackFile;
import dev.earmark.storage.pack.PackKind;
import dev.earmark.storage.pack.PackRefusedException;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark pack import FILE}: an assignment pack makes a new working project at {@code
 * --project}; a label pack is merged into the lead's project. A refused pack exits 1 with the
 * reason.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import an assignment pack into a new project, or a label pack into the lead's project.",
      "An assignment pack makes a new working project in --project (a new or",
      "empty directory) for its annotator. A label pack is merged into the project it answers",
      "(leads only): each label onto its annotator's own assignment, never over a submitted",
      "label (reported as a conflict). Refused packs (tampered, other project, already",
      "imported) exit 1 with the reason; a file that is not a pack at all exits 2."
    })
public final class PackImportCommand implements Callable<Integer> {
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The assignment or label pack.")
  Path file;

  @Option(
      names = "--audio-dir",
      paramLabel = "DIR",
      description =
          "Where an assignment pack's audio is copied. Default: the project directory's audio/"
              + " (required with --db).")
  Path audioDir;

  @Override
  public Integer call() {
    GlobalOptions global = ((EarmarkCommand) spec.root().userObject()).global;
    try {
      // The full checks run in the import the declared kind selects; a file that declares no kind
      // is opened here only to say why it is refused.
      PackKind kind = PackFile.declaredKind(file).orElseGet(() -> PackFile.open(file).kind());
      return kind == PackKind.ASSIGNMENT ? importAssignments(global) : importLabels(global);
    } catch (PackRefusedException refused) {
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", file.toAbsolutePath().normalize().toString());
        report.put("imported", false);
        report.put("refused", refused.reason().code());
        report.put("reason", refused.getMessage());
        JsonOutput.print(out, report);
      }
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          spec.qualifiedName()
              + ": refused ("
              + refused.reason().code()
              + "): "
              + refused.getMessage());
      err.flush();
      // A file that is no pack at all is unreadable input; a pack that fails a check is data.
      return refused.reason() == PackRefusedException.Reason.NOT_A_PACK
          ? ExitCode.BAD_INPUT
          : ExitCode.CHECK_FAILED;
    }
  }

  private int importAssignments(GlobalOptions global) {
    Path directory = global.project().toAbsolutePath().normalize();
    if (global.db() == null
        && Files.isDirectory(directory)
        && !Project.exists(directory)
        && !Project.interruptedCreation(directory)) {
      try (Stream<Path> entries = Files.list(directory)) {
        if (entries.findAny().isPresent()) {
          throw new InputException(
              directory
                  + " is not empty and holds no Earmark project; import an assignment pack into a"
                  + " new or empty directory (--project DIR).");
        }
      } catch (IOException e) {
        throw new InputException(directory + " cannot be read: " + e.getMessage(), e);
      }
    }
    // Check the pack before a project is created for it, so a refused pack leaves nothing behind.
    PackFile.open(file);
    // A new embedded project is created with a marker that only a successful import removes: a
    // refused or killed import leaves no project behind, and running it again starts over.
    boolean creating = global.db() == null && !Project.exists(directory);
    if (!creating) {
      try (Project project = ProjectAccess.openOrCreate(global)) {
        return importAssignments(project);
      }
    }
    boolean finished = false;
    try (Project project = Project.createEmbedded(directory, global.clock())) {
      int code = importAssignments(project);
      project.finishCreation();
      finished = true;
      return code;
    } finally {
      if (!finished && Project.interruptedCreation(directory)) {
        Project.discardCreation(directory);
      }
    }
  }

  private int importAssignments(Project project) {
    {
      Path audio =
          audioDir != null
              ? audioDir
              : project
                  .directory()
                  .map(dir -> dir.resolve("audio"))
                  .orElseThrow(
                      () ->
                          new InputException(
                              "With --db, say where the pack's audio goes: --audio-dir DIR."));
      AssignmentPackImport imported =
          new AssignmentPacks(project, new Policies(project)).importInto(file, audio);
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("kind", "assignment");
        report.put("imported", true);
        report.put("pack_id", imported.packId());
        report.put("project", project.description());
        report.put("project_id", project.projectId());
        report.put("source_project_id", imported.sourceProjectId());
        report.put("annotator", imported.annotator());
        report.put("lead", imported.lead());
        report.put("assignments", imported.assignments());
        report.put("clips", imported.clips());
        report.put("drafts", imported.drafts());
        JsonOutput.print(out, report);
      } else {
        out.println(
            "made "
                + project.description()
                + " from assignment pack "
                + imported.packId()
                + " of project "
                + imported.sourceProjectId()
                + ": "
                + imported.assignments()
                + " assignments, "
                + imported.clips()
                + " clips, "
                + imported.drafts()
                + " drafts for "
                + imported.annotator());
        out.println(
            "Label with: earmark --project "
                + project.description()
                + " --user "
                + imported.annotator()
                + "; then: earmark pack export-labels --project "
                + project.description()
                + " --out FILE");
      }
      return ExitCode.OK;
    }
  }

  private int importLabels(GlobalOptions global) {
    try (Project project = ProjectAccess.openExisting(global)) {
      LabelPackImport report =
          new LabelPacks(project, new Policies(project))
              .importInto(ProjectAccess.actor(project, global), file);
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", "label");
        result.put("imported", true);
        result.put("pack_id", report.packId());
        result.put("answers_pack", report.answersPack());
        result.put("annotator", report.annotator());
        List<Map<String, Object>> imported = new ArrayList<>();
        for (LabelMerge.Imported label : report.imported()) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("clip_id", label.clipId());
          entry.put("rubric", label.rubric());
          entry.put("state", label.state().code());
          entry.put("replaced_draft", label.replacedDraft());
          imported.add(entry);
        }
        result.put("labels_imported", imported);
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (LabelMerge.Skipped label : report.skipped()) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("clip_id", label.clipId());
          entry.put("rubric", label.rubric());
          entry.put("code", label.code());
          entry.put("reason", label.reason());
          skipped.add(entry);
        }
        result.put("labels_skipped", skipped);
        JsonOutput.print(out, result);
      } else {
        out.println(
            "label pack "
                + report.packId()
                + " of "
                + report.annotator()
                + ": "
                + report.imported().size()
                + " labels imported, "
                + report.skipped().size()
                + " skipped");
        for (LabelMerge.Skipped label : report.skipped()) {
          out.println("  skipped " + label.clipId() + " (" + label.code() + "): " + label.reason());
        }
      }
      return ExitCode.OK;
    }
  }
}
