package dev.earmark.app.cli;

import dev.earmark.audio.qe.DriftReport;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.ImportDrift;
import dev.earmark.storage.qe.QeDrift;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.nio.file.Path;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code earmark qe drift --baseline MODEL --batch MANIFEST}: population stability index of a new
 * batch against the model's training data, per feature and for predicted WER. Without both options:
 * the project's newest stored drift check (made by {@code earmark import}). Exit 1 when any PSI
 * exceeds the warning threshold, 0 otherwise, 2 for unreadable input.
 */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {
      "Population stability index (PSI) of a batch of clips against a QE model's training data,"
          + " per feature and for predicted WER.",
      "Without --baseline and --batch: show the project's newest drift check (stored by earmark"
          + " import).",
      "With --history: the project's stored checks, newest first, each with its import and the"
          + " distributions it moved.",
      "Exit 1 when any PSI exceeds --psi-warning (or the stored check's threshold); --history"
          + " exits 0."
    })
public final class QeDriftCommand implements Callable<Integer> {
  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @ParentCommand QeCommand qe;

  @Option(names = "--baseline", paramLabel = "MODEL", description = "Model file.")
  Path baseline;

  @Option(
      names = "--batch",
      paramLabel = "MANIFEST",
      description = "JSONL manifest of the new clips (id, audio_filepath).")
  Path batch;

  @Option(
      names = "--psi-warning",
      paramLabel = "PSI",
      defaultValue = "0.2",
      description = "PSI above which a distribution counts as shifted (default: ${DEFAULT-VALUE}).")
  double psiWarning;

  @Option(
      names = "--history",
      description =
          "Show the project's stored drift checks, newest first: which import moved which"
              + " feature.")
  boolean history;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many checks --history shows (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    if (history) {
      if (baseline != null || batch != null) {
        throw new InputException(
            "--history shows the project's stored checks; it takes no --baseline or --batch");
      }
      if (limit < 1) {
        throw new InputException("--limit must be at least 1");
      }
      return showHistory();
    }
    if (baseline == null && batch == null) {
      return showStored();
    }
    if (baseline == null || batch == null) {
      throw new InputException(
          "give both --baseline MODEL and --batch MANIFEST, or neither to show the project's"
              + " newest drift check");
    }
    QeModel model = QeCommand.loadModel(baseline);
    List<QeManifest.Entry> entries = QeManifest.read(batch);
    if (entries.isEmpty()) {
      throw new InputException(batch + ": the manifest lists no clips");
    }
    List<double[]> vectors = new ArrayList<>();
    for (QeManifest.Entry entry : entries) {
      vectors.add(QeCommand.features(entry.audio()).vector());
    }
    DriftReport report = model.drift(vectors, psiWarning);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("model", QeCommand.modelJson(model.metadata()));
      result.put("batch", batch.toString());
      result.put("clips", report.batchSize());
      result.put("psi_warning", psiWarning);
      result.put("warning", report.warning());
      result.put("predicted_wer", driftJson(report.predictedWer()));
      List<Map<String, Object>> features = new ArrayList<>();
      report.features().forEach(drift -> features.add(driftJson(drift)));
      result.put("features", features);
      JsonOutput.print(out, result);
    } else {
      out.printf(
          Locale.ROOT,
          "%s: %d clips against model %s; %s (PSI warning above %.2f)%n",
          batch,
          report.batchSize(),
          model.metadata().modelId(),
          report.warning() ? "DRIFT WARNING" : "no drift above the threshold",
          psiWarning);
      printDrift(out, report.predictedWer());
      report.features().forEach(drift -> printDrift(out, drift));
    }
    out.flush();
    return report.warning() ? ExitCode.CHECK_FAILED : ExitCode.OK;
  }

  private Integer showStored() {
    try (Project project = ProjectAccess.openExisting(qe.root.global)) {
      Actor actor = ProjectAccess.actor(project, qe.root.global);
      Optional<QeDrift> stored =
          new QeHints(project, new ProjectSettings(project)).latestDrift(actor);
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("project", project.description());
        if (stored.isPresent()) {
          QeDrift drift = stored.get();
          result.put("model_id", drift.modelId());
          result.put(
              "import_run",
              drift.importRunId().isPresent() ? drift.importRunId().getAsLong() : null);
          result.put("computed_at", drift.computedAt().toString());
          result.put("clips", drift.report().batchSize());
          result.put("psi_warning", drift.report().warningThreshold());
          result.put("warning", drift.warning());
          result.put("predicted_wer", driftJson(drift.report().predictedWer()));
          List<Map<String, Object>> features = new ArrayList<>();
          drift.report().features().forEach(feature -> features.add(driftJson(feature)));
          result.put("features", features);
        } else {
          result.put("warning", false);
          result.put("checked", false);
        }
        JsonOutput.print(out, result);
      } else if (stored.isEmpty()) {
        out.println(
            "no drift check stored in "
                + project.description()
                + " (earmark import checks imports of at least qe.drift_min_clips clips)");
      } else {
        QeDrift drift = stored.get();
        DriftReport report = drift.report();
        out.printf(
            Locale.ROOT,
            "import run %s, %d clips against model %s, %s: %s (PSI warning above %.2f)%n",
            drift.importRunId().isPresent() ? drift.importRunId().getAsLong() : "-",
            report.batchSize(),
            drift.modelId(),
            drift.computedAt(),
            report.warning() ? "DRIFT WARNING" : "no drift above the threshold",
            report.warningThreshold());
        printDrift(out, report.predictedWer());
        report.features().forEach(feature -> printDrift(out, feature));
      }
      out.flush();
      return stored.map(QeDrift::warning).orElse(false) ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }
  }

  private Integer showHistory() {
    try (Project project = ProjectAccess.openExisting(qe.root.global)) {
      Actor actor = ProjectAccess.actor(project, qe.root.global);
      List<ImportDrift> checks =
          new QeHints(project, new ProjectSettings(project)).driftHistory(actor, limit);
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ImportDrift check : checks) {
          QeDrift drift = check.drift();
          Map<String, Object> row = new LinkedHashMap<>();
          row.put(
              "import_run",
              drift.importRunId().isPresent() ? drift.importRunId().getAsLong() : null);
          row.put("dataset", check.datasetId().orElse(null));
          row.put("manifest", check.manifestPath().orElse(null));
          row.put("computed_at", drift.computedAt().toString());
          row.put("model_id", drift.modelId());
          row.put("clips", drift.report().batchSize());
          row.put("psi_warning", drift.report().warningThreshold());
          row.put("warning", drift.warning());
          List<Map<String, Object>> shifted = new ArrayList<>();
          drift.shifted().forEach(shift -> shifted.add(driftJson(shift)));
          row.put("shifted", shifted);
          row.put("largest", drift.report().largest().map(QeDriftCommand::driftJson).orElse(null));
          rows.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("project", project.description());
        result.put("checks", rows);
        JsonOutput.print(out, result);
      } else if (checks.isEmpty()) {
        out.println(
            "no drift check stored in "
                + project.description()
                + " (earmark import checks imports of at least qe.drift_min_clips clips)");
      } else {
        out.printf("drift checks of %s, newest first:%n", project.description());
        for (ImportDrift check : checks) {
          QeDrift drift = check.drift();
          String moved = drift.movedSummary();
          out.printf(
              Locale.ROOT,
              "  %s  import run %s of %s (%s), %d clips, model %s: %s%n",
              drift.computedAt(),
              drift.importRunId().isPresent() ? drift.importRunId().getAsLong() : "-",
              check.datasetId().orElse("-"),
              check.manifestPath().orElse("no manifest"),
              drift.report().batchSize(),
              drift.modelId(),
              moved);
        }
      }
      out.flush();
      return ExitCode.OK;
    }
  }

  private static Map<String, Object> driftJson(DriftReport.Drift drift) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", drift.name());
    row.put("psi", drift.psi());
    row.put("exceeds", drift.exceeds());
    return row;
  }

  private static void printDrift(PrintWriter out, DriftReport.Drift drift) {
    out.printf(
        Locale.ROOT,
        "  %-26s PSI %7.3f%s%n",
        drift.name(),
        drift.psi(),
        drift.exceeds() ? "  shifted" : "");
  }
}
