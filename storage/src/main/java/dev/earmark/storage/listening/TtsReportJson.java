package dev.earmark.storage.listening;

import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.listening.Screening;
import dev.earmark.engine.listening.SystemResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of a {@link TtsReport}: what {@code earmark tts report --json} prints and what a
 * batch carries as {@code listening/<task>/report.json} (docs/formats/listening-tests.md).
 * Stateless.
 */
public final class TtsReportJson {
  private TtsReportJson() {}

  /**
   * The report as ordered JSON members; {@code project} names the project (the CLI gives the
   * project's description, a batch its project id).
   */
  public static Map<String, Object> of(String project, TtsReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("project", project);
    root.put("confidence", SystemResults.CONFIDENCE);
    root.put("resamples", report.resamples());
    root.put("seed", report.seed());
    List<Object> designs = new ArrayList<>();
    for (TtsReport.Design design : report.designs()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("task_type", design.taskType().id());
      node.put("rubrics", design.rubrics());
      node.put("trials", design.trials());
      node.put("trial_problems", design.trialProblems());
      node.put("labels", design.labels());
      node.put("training_labels", design.trainingLabels());
      node.put("excluded_labels", design.excludedLabels());
      List<Object> screening = new ArrayList<>();
      for (TtsReport.RuleOutcome rule : design.screening()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rule", rule.rule());
        r.put("checked", rule.checked());
        List<Object> exclusions = new ArrayList<>();
        for (Screening.Exclusion exclusion : rule.exclusions()) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("rater", exclusion.rater());
          e.put("session", exclusion.session().isEmpty() ? null : exclusion.session());
          e.put("rule", exclusion.rule());
          e.put("reason", exclusion.reason());
          exclusions.add(e);
        }
        r.put("exclusions", exclusions);
        screening.add(r);
      }
      node.put("screening", screening);
      node.put("means", means(design.means()));
      List<Object> differences = new ArrayList<>();
      for (SystemResults.Difference difference : design.differences()) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dimension", difference.dimension());
        d.put("first", difference.first());
        d.put("second", difference.second());
        d.put("difference", difference.difference());
        d.put("interval", interval(difference.interval()));
        d.put("excludes_zero", difference.excludesZero());
        differences.add(d);
      }
      node.put("differences", differences);
      List<Object> alphas = new ArrayList<>();
      for (SystemResults.DimensionAlpha alpha : design.alphas()) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("dimension", alpha.dimension());
        a.put("level", "interval");
        a.put("alpha", alpha.alpha().isDefined() ? alpha.alpha().value().getAsDouble() : null);
        a.put(
            "undefined_reason",
            alpha.alpha().undefinedReason().map(reason -> reason.explanation()).orElse(null));
        a.put("interval", interval(alpha.interval()));
        alphas.add(a);
      }
      node.put("alpha", alphas);
      node.put("preferences", preferences(design.preferences()));
      List<Object> slices = new ArrayList<>();
      for (TtsReport.Slice slice : design.slices()) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("prompt_type", slice.promptType());
        s.put("means", means(slice.means()));
        s.put("preferences", preferences(slice.preferences()));
        slices.add(s);
      }
      node.put("slices", slices);
      List<Object> latency = new ArrayList<>();
      for (SystemResults.LatencySummary summary : design.latency()) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("system", summary.system());
        l.put("clips", summary.clips());
        l.put("first_audio_byte_ms_mean", summary.meanMs());
        l.put("first_audio_byte_ms_p95", summary.p95Ms());
        latency.add(l);
      }
      node.put("latency", latency);
      designs.add(node);
    }
    root.put("designs", designs);
    return root;
  }

  private static List<Object> means(List<SystemResults.SystemMean> means) {
    List<Object> list = new ArrayList<>();
    for (SystemResults.SystemMean mean : means) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("system", mean.system());
      m.put("dimension", mean.dimension());
      m.put("mean", mean.mean());
      m.put("interval", interval(mean.interval()));
      m.put("ratings", mean.ratings());
      m.put("raters", mean.raters());
      m.put("items", mean.items());
      list.add(m);
    }
    return list;
  }

  private static List<Object> preferences(List<SystemResults.PreferenceShares> shares) {
    List<Object> list = new ArrayList<>();
    for (SystemResults.PreferenceShares share : shares) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("first", share.first());
      p.put("second", share.second());
      p.put("votes", share.votes());
      p.put("first_share", share.firstShare());
      p.put("first_interval", interval(share.firstInterval()));
      p.put("second_share", share.secondShare());
      p.put("second_interval", interval(share.secondInterval()));
      p.put("no_preference_share", share.noPreferenceShare());
      p.put("no_preference_interval", interval(share.noPreferenceInterval()));
      list.add(p);
    }
    return list;
  }

  private static List<Double> interval(Optional<ConfidenceInterval> interval) {
    return interval.map(ci -> List.of(ci.low(), ci.high())).orElse(null);
  }
}
