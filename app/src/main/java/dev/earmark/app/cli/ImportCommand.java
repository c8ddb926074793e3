package dev.earmark.app.cli;

import dev.earmark.app.qe.QeNotes;
import dev.earmark.audio.qe.QeModelException;
import dev.earmark.storage.importer.ClipOutcome;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.importer.ManifestSource;
import dev.earmark.storage.importer.interchange.LabelStudioSource;
import dev.earmark.storage.importer.interchange.TierFilesSource;
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
import picocli.CommandLine.ArgGroup;
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
      "Import clips under a dataset contract from a manifest (JSONL, a NeMo superset, or CSV), a"
          + " Label Studio export (JSON or JSON-MIN), Praat TextGrids or ELAN EAF documents.",
      "Bad audio is quarantined and clips whose consent or retention forbids labeling are excluded,"
          + " each with a reason; malformed lines (records) are reported by number; the rest"
          + " imports. Exit 1 when nothing could be imported.",
      "Re-running adds nothing; an interrupted import resumes. Creates the project if needed.",
      "Then predicts a QE hint for each new clip with a hypothesis (the project's current QE model,"
          + " or the shipped one) and checks the import for drift against the model's training"
          + " data; a clip whose audio cannot be measured is listed and the import still succeeds."
    })
public final class ImportCommand implements Callable<Integer> {
  @ParentCommand EarmarkCommand root;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** Exactly one input. */
  static final class Input {
    @Option(
        names = "--manifest",
        required = true,
        paramLabel = "FILE",
        description = "A manifest (docs/formats/import-manifest.md).")
    Path manifest;

    @Option(
        names = "--label-studio",
        required = true,
        paramLabel = "FILE",
        description =
            "A Label Studio JSON or JSON-MIN export: one clip per task (docs/formats/interchange.md).")
    Path labelStudio;

    @Option(
        names = "--textgrid",
        required = true,
        paramLabel = "FILE|DIR",
        description =
            "A Praat TextGrid, or a folder of them: one clip per file, tiers as segments.")
    Path textGrid;

    @Option(
        names = "--eaf",
        required = true,
        paramLabel = "FILE|DIR",
        description = "An ELAN EAF document, or a folder of them: one clip per file.")
    Path eaf;
  }

  @Option(
      names = "--audio-root",
      paramLabel = "DIR",
      description =
          "Where the audio of a Label Studio export, TextGrid or EAF lives (default: the"
              + " export's folder; for TextGrid/EAF the document's folder is searched first).")
  Path audioRoot;

  @Option(
      names = "--audio-key",
      paramLabel = "KEY",
      description =
          "The Label Studio data key of the Audio tag (default: audio, then url, then the one"
              + " value naming an audio file).")
  String audioKey;

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
    Path inputPath =
        input.manifest != null
            ? input.manifest
            : input.labelStudio != null
                ? input.labelStudio
                : input.textGrid != null ? input.textGrid : input.eaf;
    for (Path file : List.of(inputPath, contract)) {
      if (!Files.isReadable(file)) {
        throw new InputException("cannot read " + file + ": check the path");
      }
    }
    if (audioRoot != null && !Files.isDirectory(audioRoot)) {
      throw new InputException("--audio-root " + audioRoot + " is not a folder: check the path");
    }
    if (input.manifest != null && (audioRoot != null || audioKey != null)) {
      throw new InputException(
          "--audio-root and --audio-key apply to --label-studio, --textgrid and --eaf; a"
              + " manifest's paths are relative to its own folder");
    }
    ManifestSource source =
        input.manifest != null
            ? ManifestSource.manifest(input.manifest)
            : input.labelStudio != null
                ? new LabelStudioSource(input.labelStudio, audioRoot, audioKey)
                : new TierFilesSource(
                    inputPath,
                    input.textGrid != null
                        ? TierFilesSource.Kind.TEXTGRID
                        : TierFilesSource.Kind.EAF,
                    audioRoot);
    String unit = input.manifest != null ? "line" : "record";
    PrintWriter err = spec.commandLine().getErr();
    try (Project project = ProjectAccess.openOrCreate(root.global)) {
      Actor actor = ProjectAccess.actor(project, root.global);
      ImportListener progress =
          json.enabled() || System.console() == null
              ? ImportListener.NONE
              : (done, total) -> {
                err.print("\rimporting… " + done + " of " + total + " " + unit + "s");
                err.flush();
              };
      // With QE on, the import measures each new clip's features while it checks the clip's audio
      // (one pass over the files, on every core); the QE step below then only predicts.
      Importer importer = noQe ? new Importer(project) : Importer.measuringFeatures(project);
      ImportReport report = importer.run(actor, source, contract, progress);
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
                  .afterImport(actor, report, importer.measuredFeatures());
        } catch (QeModelException e) {
          // The clips are imported; hints can be computed later with earmark qe predict.
          qeUnavailable = e.getMessage() + " (the import itself succeeded)";
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> result = toJson(project, report, unit);
        if (qe != null) {
          result.put("qe", QeCommand.runJson(qe, QeInference.TOP_FEATURES));
        } else {
          result.put("qe", Map.of("unavailable", qeUnavailable));
        }
        JsonOutput.print(out, result);
      } else {
        printHuman(out, project, report, unit);
        out.println();
        if (qe != null) {
          printQe(out, qe);
        } else {
          out.println("QE hints not computed: " + qeUnavailable);
        }
      }
      return nothingImported(report) ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }
  }

  /** True when the input had lines but none became a clip or was already one. */
  static boolean nothingImported(ImportReport report) {
    int failed = report.errors().size() + report.quarantined().size() + report.excluded().size();
    return report.imported() == 0 && report.alreadyPresent() == 0 && failed > 0;
  }

  private static Map<String, Object> toJson(Project project, ImportReport report, String unit) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("project", project.description());
    result.put("run_id", report.runId());
    result.put("dataset", report.datasetId());
    result.put("manifest", report.manifest());
    result.put("numbered_by", unit);
    result.put("imported", report.imported());
    result.put("already_present", report.alreadyPresent());
    result.put("quarantined", outcomes(report.quarantined()));
    result.put("excluded", outcomes(report.excluded()));
    result.put("errors", outcomes(report.errors()));
    result.put("warnings", outcomes(report.warnings()));
    return result;
  }

  private static void printQe(PrintWriter out, QeRun qe) {
    out.println(QeNotes.modelLine(qe));
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

  private static void printHuman(
      PrintWriter out, Project project, ImportReport report, String unit) {
    out.printf(
        "imported %d clips into %s (dataset %s); %d already present, %d quarantined, %d"
            + " excluded, %d malformed %ss%n",
        report.imported(),
        project.description(),
        report.datasetId(),
        report.alreadyPresent(),
        report.quarantined().size(),
        report.excluded().size(),
        report.errors().size(),
        unit);
    String where = report.manifest() + " " + unit;
    section(out, where, "quarantined (unusable audio)", report.quarantined());
    section(out, where, "excluded (consent or retention)", report.excluded());
    section(out, where, "malformed " + unit + "s", report.errors());
    section(out, where, "warnings", report.warnings());
    if (nothingImported(report)) {
      out.println();
      out.println(
          "nothing was imported: every "
              + unit
              + " failed; fix the reasons above and run the same command again");
    }
  }

  private static void section(
      PrintWriter out, String unit, String title, List<ClipOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    out.println();
    out.println(title + ":");
    for (ClipOutcome outcome : outcomes) {
      out.printf(
          "  %s %d%s: %s (%s)%n",
          unit,
          outcome.line(),
          outcome.clipId() == null ? "" : " " + outcome.clipId(),
          outcome.reason(),
          outcome.code());
    }
  }
}
