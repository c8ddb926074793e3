package dev.earmark.app.cli;

import dev.earmark.audio.qe.QeModelException;
import dev.earmark.storage.importer.ClipOutcome;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.qe.QeInference;
import dev.earmark.storage.qe.QeRun;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code earmark import}: clips from a manifest under a dataset contract (PRODUCT.md §3.1). */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import clips from a manifest (JSONL, a NeMo superset, or CSV) under a dataset contract.",
      "Bad audio is quarantined and clips whose consent or retention forbids labeling are excluded,"
          + " each with a reason; malformed lines are reported by number; the rest imports.",
      "Re-running adds nothing; an interrupted import resumes. Creates the project if needed.",
      "Then predicts a QE hint for each new clip with a hypothesis (the project's current QE model,"
          + " or the shipped one) and checks the import for drift against the model's training"
          + " data; a clip whose audio cannot be measured is listed and the import still succeeds."
    })
public final class ImportCommand implements Callable<Integer> {
  @ParentCommand EarmarkCommand root;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "The manifest.")
  Path manifest;

  @Option(
      names = "--contract",
      required = true,
      paramLabel = "FILE",
      description = "The dataset contract (docs/formats/dataset-contract.md).")
  Path contract;

  @Option(
      names = "--no-qe",
      description =
          "Skip QE hints and the drift check (for very large imports: measuring costs about as"
              + " much as decoding each clip; run earmark qe predict later).")
  boolean noQe;

  @Override
  public Integer call() {
    for (Path file : List.of(manifest, contract)) {
      if (!Files.isReadable(file)) {
        throw new InputException("cannot read " + file + ": check the path");
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    try (Project project = ProjectAccess.openOrCreate(root.global)) {
      Actor actor = ProjectAccess.actor(project, root.global);
      ImportListener progress =
          json.enabled() || System.console() == null
              ? ImportListener.NONE
              : (done, total) -> {
                err.print("\rimporting… " + done + " of " + total + " lines");
                err.flush();
              };
      ImportReport report = new Importer(project).run(actor, manifest, contract, progress);
      if (progress != ImportListener.NONE) {
        err.println();
      }
      ProjectSettings settings = new ProjectSettings(project);
      QeRun qe = null;
      String qeUnavailable = null;
      if (noQe) {
        qeUnavailable = "skipped (--no-qe); run earmark qe predict to compute them";
      } else {
        try {
          qe =
              new QeInference(project, settings, new QeHints(project, settings))
                  .afterImport(actor, report);
        } catch (QeModelException e) {
          // The clips are imported; hints can be computed later with earmark qe predict.
          qeUnavailable = e.getMessage() + " (the import itself succeeded)";
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> result = toJson(project, report);
        if (qe != null) {
          result.put("qe", QeCommand.runJson(qe, QeInference.TOP_FEATURES));
        } else {
          result.put("qe", Map.of("unavailable", qeUnavailable));
        }
        JsonOutput.print(out, result);
      } else {
        printHuman(out, project, report);
        out.println();
        if (qe != null) {
          printQe(out, qe);
        } else {
          out.println("QE hints not computed: " + qeUnavailable);
        }
      }
      return ExitCode.OK;
    }
  }

  private static Map<String, Object> toJson(Project project, ImportReport report) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("project", project.description());
    result.put("run_id", report.runId());
    result.put("dataset", report.datasetId());
    result.put("manifest", report.manifest());
    result.put("imported", report.imported());
    result.put("already_present", report.alreadyPresent());
    result.put("quarantined", outcomes(report.quarantined()));
    result.put("excluded", outcomes(report.excluded()));
    result.put("errors", outcomes(report.errors()));
    result.put("warnings", outcomes(report.warnings()));
    return result;
  }

  private static void printQe(PrintWriter out, QeRun qe) {
    out.println(QeCommand.modelLine(qe));
    long flagged =
        qe.hints().stream().filter(hint -> hint.prediction().reviewRecommended()).count();
    out.printf(
        "QE hints stored for %d clips (%d review recommended)%s%n",
        qe.hints().size(),
        flagged,
        qe.failures().isEmpty() ? "" : "; " + qe.failures().size() + " clips without a hint:");
    QeCommand.printFailuresAndDrift(out, qe);
  }

  private static List<Map<String, Object>> outcomes(List<ClipOutcome> outcomes) {
    return outcomes.stream()
        .map(
            outcome -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("line", outcome.line());
              row.put("id", outcome.clipId());
              row.put("code", outcome.code());
              row.put("reason", outcome.reason());
              return row;
            })
        .toList();
  }

  private static void printHuman(PrintWriter out, Project project, ImportReport report) {
    out.printf(
        "imported %d clips into %s (dataset %s); %d already present, %d quarantined, %d excluded,"
            + " %d malformed lines%n",
        report.imported(),
        project.description(),
        report.datasetId(),
        report.alreadyPresent(),
        report.quarantined().size(),
        report.excluded().size(),
        report.errors().size());
    section(out, "quarantined (unusable audio)", report.quarantined());
    section(out, "excluded (consent or retention)", report.excluded());
    section(out, "malformed manifest lines", report.errors());
    section(out, "warnings", report.warnings());
  }

  private static void section(PrintWriter out, String title, List<ClipOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    out.println();
    out.println(title + ":");
    for (ClipOutcome outcome : outcomes) {
      out.printf(
          "  line %d%s: %s (%s)%n",
          outcome.line(),
          outcome.clipId() == null ? "" : " " + outcome.clipId(),
          outcome.reason(),
          outcome.code());
    }
  }
}
