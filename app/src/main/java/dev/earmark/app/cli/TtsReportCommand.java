package dev.earmark.app.cli;

import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.listening.Screening;
import dev.earmark.engine.listening.SystemResults;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.listening.TtsReport;
import dev.earmark.storage.listening.TtsReportJson;
import dev.earmark.storage.listening.TtsReports;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code earmark tts report}: the screened system-level results of the project's listening tests
 * from {@link TtsReports}, the read model the dashboard's TTS section shows too.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "System-level results of the project's listening tests (leads and adjudicators):",
      "per system and dimension the mean (MOS, MUSHRA mean) with a 95% bootstrap interval over",
      "raters and items, differences of systems, A/B preference shares, Krippendorff's alpha",
      "per dimension, the same per prompt_type slice, and first-audio-byte latency as metadata.",
      "Raters are screened first by the published rules (p808-gold@1, p808-trap@1,",
      "bs1534-post@1); the report names every exclusion with its rule version."
    })
public final class TtsReportCommand implements Callable<Integer> {
  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @ParentCommand TtsCommand tts;

  @Option(
      names = "--task",
      paramLabel = "TASK",
      description = "Only this design: tts-rating, tts-mushra or tts-preference.")
  String task;

  @Override
  public Integer call() {
    Optional<TaskType> only = Optional.ofNullable(task).map(PolicyCommand::taskType);
    try (Project project = ProjectAccess.openExisting(tts.root.global)) {
      Actor actor = ProjectAccess.actor(project, tts.root.global);
      TtsReport report = new TtsReports(project, new Policies(project)).report(actor, only);
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        JsonOutput.print(out, TtsReportJson.of(project.description(), report));
      } else {
        print(out, project, report);
      }
      out.flush();
      return ExitCode.OK;
    }
  }

  private static String range(Optional<ConfidenceInterval> interval) {
    return interval
        .map(ci -> String.format(Locale.ROOT, "[%.2f, %.2f]", ci.low(), ci.high()))
        .orElse("[no interval]");
  }

  private static void print(PrintWriter out, Project project, TtsReport report) {
    out.printf(
        Locale.ROOT,
        "%s: listening tests (95%% bootstrap intervals over raters and items, %d resamples, seed"
            + " %d)%n",
        project.description(),
        report.resamples(),
        report.seed());
    if (report.designs().isEmpty()) {
      out.println(
          "no listening-test trials: import clips with task_type tts-rating, tts-mushra or"
              + " tts-preference (docs/formats/listening-tests.md)");
    }
    for (TtsReport.Design design : report.designs()) {
      out.printf(
          Locale.ROOT,
          "%n%s (%s): %d trials, %d labels (%d training, %d excluded by screening)%n",
          design.taskType(),
          design.rubrics().isEmpty() ? "no labels yet" : String.join(", ", design.rubrics()),
          design.trials(),
          design.labels(),
          design.trainingLabels(),
          design.excludedLabels());
      design.trialProblems().forEach(problem -> out.println("  left out: " + problem));
      for (TtsReport.RuleOutcome rule : design.screening()) {
        out.printf(
            Locale.ROOT,
            "  screening %s: %d checked, %d excluded%n",
            rule.rule(),
            rule.checked(),
            rule.exclusions().size());
        for (Screening.Exclusion exclusion : rule.exclusions()) {
          out.printf(
              Locale.ROOT,
              "    %s%s: %s%n",
              exclusion.rater(),
              exclusion.session().isEmpty() ? "" : " (session " + exclusion.session() + ")",
              exclusion.reason());
        }
      }
      printMeans(out, "  ", design.means());
      for (SystemResults.Difference difference : design.differences()) {
        out.printf(
            Locale.ROOT,
            "  %s: %s - %s = %+.2f %s%s%n",
            difference.dimension(),
            difference.first(),
            difference.second(),
            difference.difference(),
            range(difference.interval()),
            difference.excludesZero() ? "" : " (interval includes 0)");
      }
      for (SystemResults.DimensionAlpha alpha : design.alphas()) {
        out.printf(
            Locale.ROOT,
            "  alpha %s (interval): %s %s%n",
            alpha.dimension(),
            alpha.alpha().isDefined()
                ? String.format(Locale.ROOT, "%.3f", alpha.alpha().value().getAsDouble())
                : "undefined ("
                    + alpha.alpha().undefinedReason().map(r -> r.explanation()).orElse("")
                    + ")",
            range(alpha.interval()));
      }
      printPreferences(out, "  ", design.preferences());
      for (TtsReport.Slice slice : design.slices()) {
        out.println("  prompt_type " + slice.promptType() + ":");
        printMeans(out, "    ", slice.means());
        printPreferences(out, "    ", slice.preferences());
      }
      for (SystemResults.LatencySummary latency : design.latency()) {
        out.printf(
            Locale.ROOT,
            "  latency %s: first audio byte mean %.0f ms, p95 %.0f ms over %d clips (metadata,"
                + " not rated)%n",
            latency.system(),
            latency.meanMs(),
            latency.p95Ms(),
            latency.clips());
      }
    }
  }

  private static void printMeans(
      PrintWriter out, String indent, List<SystemResults.SystemMean> means) {
    for (SystemResults.SystemMean mean : means) {
      out.printf(
          Locale.ROOT,
          "%s%s %s: %.2f %s (%d ratings, %d raters, %d items)%n",
          indent,
          mean.system(),
          mean.dimension(),
          mean.mean(),
          range(mean.interval()),
          mean.ratings(),
          mean.raters(),
          mean.items());
    }
  }

  private static void printPreferences(
      PrintWriter out, String indent, List<SystemResults.PreferenceShares> shares) {
    for (SystemResults.PreferenceShares share : shares) {
      out.printf(
          Locale.ROOT,
          "%s%s vs %s (%d votes): %s %.0f%% %s, %s %.0f%% %s, no preference %.0f%% %s%n",
          indent,
          share.first(),
          share.second(),
          share.votes(),
          share.first(),
          100 * share.firstShare(),
          range(share.firstInterval()),
          share.second(),
          100 * share.secondShare(),
          range(share.secondInterval()),
          100 * share.noPreferenceShare(),
          range(share.noPreferenceInterval()));
    }
  }
}
