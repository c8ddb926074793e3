package dev.earmark.app.gui.dashboard;

import dev.earmark.engine.listening.Screening.Exclusion;
import dev.earmark.engine.listening.SystemResults.SystemMean;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.listening.TtsReport;
import dev.earmark.storage.listening.TtsReports;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads tts-engine's screened {@link TtsReport} of one listening-test design for the dashboard's
 * TTS section, with the raters who submitted under it (so the kept ones are listed beside the
 * excluded). Called off the JavaFX thread; leads and adjudicators only (the report names systems).
 */
public final class ListeningResultsReader {
  private final TtsReports reports;
  private final Labels labels;

  public ListeningResultsReader(Project project) {
    Policies policies = new Policies(project);
    this.reports = new TtsReports(project, policies);
    this.labels = new Labels(project, policies, new ProjectSettings(project));
  }

  /** The results of {@code type}, empty when it is not a listening test or has no trials. */
  public Optional<ListeningResults> read(Actor actor, TaskType type) {
    if (type != TaskType.TTS_RATING && !type.isMultiStimulus()) {
      return Optional.empty();
    }
    TtsReport report = reports.report(actor, Optional.of(type));
    return report.designs().stream()
        .filter(design -> design.taskType() == type)
        .findFirst()
        .map(design -> results(actor, design, report));
  }

  private ListeningResults results(Actor actor, TtsReport.Design design, TtsReport report) {
    TreeSet<String> raters = new TreeSet<>();
    for (String rubric : design.rubrics()) {
      for (Label label : labels.labels(actor, VersionedId.parse(rubric))) {
        raters.add(label.annotatorId());
      }
    }
    List<Exclusion> exclusions = new ArrayList<>();
    design.screening().forEach(rule -> exclusions.addAll(rule.exclusions()));
    Map<String, List<SystemMean>> bySlice = new LinkedHashMap<>();
    for (TtsReport.Slice slice : design.slices()) {
      if (!slice.means().isEmpty()) {
        bySlice.put(slice.promptType(), slice.means());
      }
    }
    boolean mushra = design.taskType() == TaskType.TTS_MUSHRA;
    String rules =
        design.screening().isEmpty()
            ? "no screening rule applies to this design"
            : "screened by "
                + String.join(
                    ", ", design.screening().stream().map(TtsReport.RuleOutcome::rule).toList());
    String basis =
        design.trials()
            + " trials, "
            + design.labels()
            + " labels ("
            + design.trainingLabels()
            + " training, never scored; "
            + design.excludedLabels()
            + " left out by screening), "
            + rules
            + ". 95% intervals: percentile bootstrap over raters and items, "
            + report.resamples()
            + " resamples, seed "
            + report.seed()
            + ". Latency is the manifest's first audio byte, metadata only."
            + (design.trialProblems().isEmpty()
                ? ""
                : " Left out: " + String.join("; ", design.trialProblems()) + ".");
    return new ListeningResults(
        String.join(", ", design.rubrics())
            + (mushra ? " · MUSHRA 0–100" : type(design.taskType())),
        mushra ? 0 : 1,
        mushra ? 100 : 5,
        design.means(),
        bySlice,
        design.differences(),
        design.preferences(),
        design.alphas(),
        List.copyOf(raters),
        exclusions,
        design.latency(),
        basis);
  }

  private static String type(TaskType type) {
    return type == TaskType.TTS_PREFERENCE ? " · A/B preference" : " · MOS 1–5";
  }
}
