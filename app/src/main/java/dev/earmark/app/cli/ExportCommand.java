package dev.earmark.app.cli;

import dev.earmark.app.about.Version;
import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.release.ReleaseBlocker;
import dev.earmark.storage.export.BatchExporter;
import dev.earmark.storage.export.ExportOutcome;
import dev.earmark.storage.export.ExportRequest;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code earmark export}: writes an audited batch (final labels, chosen formats, manifest) or lists
 * the release blockers that stop it.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export a batch: final labels (adjudicated, or consensus), the chosen formats and a",
      "manifest.json with full lineage, written atomically. Leads only.",
      "Release blockers stop the export (exit 1); waive one with --allow CODE --reason TEXT.",
      "A project of listening tests only exports with --listening TASK and no asr-transcript",
      "policy: the batch holds the tests, and no transcript format is written."
    })
public final class ExportCommand implements Callable<Integer> {
  @ParentCommand EarmarkCommand root;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Option(names = "--batch", required = true, paramLabel = "NAME", description = "Batch name.")
  String batch;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory to create (must not exist or be empty).")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "F",
      description =
          "Format to write (repeatable): earmark-jsonl, nemo, hf-audiofolder, kaldi, stm, ctm,"
              + " textgrid, eaf, rttm, webvtt, srt, audacity, lhotse, label-studio, csv, tsv,"
              + " trn; or all. Default: earmark-jsonl, nemo, hf-audiofolder, kaldi, stm, ctm,"
              + " textgrid, eaf.")
  List<String> formats = new ArrayList<>();

  @Option(
      names = "--allow",
      paramLabel = "CODE",
      description = "Release blocker code to waive (repeatable; each needs a --reason).")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why the preceding --allow is waived; recorded in the manifest.")
  List<String> reasons = new ArrayList<>();

  @Option(
      names = "--timestamp",
      paramLabel = "ISO",
      description =
          "Pin the batch's creation time (e.g. 2026-01-01T00:00:00Z) for reproducibility.")
  String timestamp;

  @Option(
      names = "--use",
      paramLabel = "USE",
      defaultValue = "training",
      description = "What the batch is for: labeling, evaluation or training. Default: training.")
  String use;

  @Option(
      names = "--with-audio",
      description =
          "Copy each exported clip's audio file into the batch's audio/ directory, checksummed in"
              + " the manifest; every format then names it by a path relative to its own file,"
              + " which 'earmark verify' checks.")
  boolean withAudio;

  @Option(
      names = "--normalize",
      description =
          "Write STM, CTM, Kaldi text and trn normalized by the asr-transcript policy's rule set"
              + " (recorded in the manifest), so sclite scores as the policy does.")
  boolean normalize;

  @Option(
      names = "--listening",
      paramLabel = "TASK",
      description =
          "Also export this listening test (tts-rating, tts-mushra or tts-preference; repeatable):"
              + " every label per trial and rater with its screening outcome, excluded raters'"
              + " labels marked, into listening/TASK/labels.jsonl, the report as 'earmark tts"
              + " report --json' gives it into listening/TASK/report.json, and the screening rules"
              + " with their versions and each rater's outcome in the manifest.")
  List<String> listening = new ArrayList<>();

  @Override
  public Integer call() {
    if (allow.size() != reasons.size()) {
      throw new InputException(
          "Each --allow CODE needs its own --reason TEXT (got "
              + allow.size()
              + " --allow and "
              + reasons.size()
              + " --reason).");
    }
    Map<String, String> allowed = new LinkedHashMap<>();
    for (int i = 0; i < allow.size(); i++) {
      allowed.put(allow.get(i), reasons.get(i));
    }
    Optional<Instant> pinned = Optional.empty();
    if (timestamp != null) {
      try {
        pinned = Optional.of(Instant.parse(timestamp));
      } catch (DateTimeParseException e) {
        throw new InputException(
            "--timestamp " + timestamp + " is not an ISO instant such as 2026-01-01T00:00:00Z.");
      }
    }
    DataUse dataUse = DataUse.fromId(use);
    try (Project project = ProjectAccess.openExisting(root.global)) {
      ExportOutcome outcome =
          new BatchExporter(project, new Policies(project))
              .export(
                  ProjectAccess.actor(project, root.global),
                  new ExportRequest(
                      batch,
                      out,
                      formats,
                      allowed,
                      pinned,
                      dataUse,
                      Version.current(),
                      withAudio,
                      normalize,
                      listening.stream().map(PolicyCommand::taskType).toList()));
      return report(outcome);
    }
  }

  private int report(ExportOutcome outcome) {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("batch", batch);
    if (outcome instanceof ExportOutcome.Blocked blocked) {
      report.put("exported", false);
      List<Map<String, Object>> blockers = new ArrayList<>();
      for (ReleaseBlocker blocker : blocked.blockers()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", blocker.code());
        entry.put("reason", blocker.reason());
        blockers.add(entry);
      }
      report.put("blockers", blockers);
      if (json.enabled()) {
        JsonOutput.print(out, report);
      } else {
        out.println("batch " + batch + " NOT exported: " + blockers.size() + " release blocker(s)");
        for (ReleaseBlocker blocker : blocked.blockers()) {
          out.println("  " + blocker.code() + ": " + blocker.reason());
        }
        out.println("Fix them, or waive one with --allow CODE --reason TEXT.");
      }
      return ExitCode.CHECK_FAILED;
    }
    ExportOutcome.Exported exported = (ExportOutcome.Exported) outcome;
    report.put("exported", true);
    report.put("batch_id", exported.batchId());
    report.put("directory", exported.directory().toString());
    report.put("items", exported.items());
    report.put("excluded", exported.excluded());
    report.put("manifest_sha256", exported.manifestSha256());
    report.put("files", exported.files());
    report.put("reproduced", exported.reproduced());
    if (json.enabled()) {
      JsonOutput.print(out, report);
    } else {
      out.println(
          (exported.reproduced() ? "re-exported batch " : "exported batch ")
              + batch
              + ": "
              + exported.items()
              + " items, "
              + exported.files().size()
              + " files + manifest.json in "
              + exported.directory());
      if (exported.items() == 0
          && !listening.isEmpty()
          && exported.files().stream().allMatch(file -> file.startsWith("listening/"))) {
        out.println(
            "listening tests only: no asr-transcript item, so no transcript format was written"
                + " (formats_not_written in manifest.json)");
      }
      out.println("manifest " + exported.manifestSha256());
    }
    return ExitCode.OK;
  }
}
