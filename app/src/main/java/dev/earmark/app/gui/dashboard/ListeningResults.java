package dev.earmark.app.gui.dashboard;

import dev.earmark.engine.listening.Screening.Exclusion;
import dev.earmark.engine.listening.SystemResults.Difference;
import dev.earmark.engine.listening.SystemResults.DimensionAlpha;
import dev.earmark.engine.listening.SystemResults.LatencySummary;
import dev.earmark.engine.listening.SystemResults.PreferenceShares;
import dev.earmark.engine.listening.SystemResults.SystemMean;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard's TTS section shows for one listening-test design, in the engine's own result
 * records: per system and dimension the mean with its 95% interval (overall and per prompt-type
 * slice), differences between systems, A/B preference shares, Krippendorff's α per dimension, the
 * screening outcome of every rater and the systems' latency (metadata, never rated).
 *
 * @param design what was measured, e.g. "tts-mushra@1 (MUSHRA, 0–100)"
 * @param scaleLow the lowest score of the design's scale (1 for ACR, 0 for MUSHRA)
 * @param scaleHigh the highest (5 for ACR, 100 for MUSHRA)
 * @param raters every rater who submitted, excluded or not, in display order
 * @param bySlice the means per prompt-type slice (e.g. "names", "numbers"); empty when unsliced
 * @param basis one sentence on how the intervals were made (resamples, seed)
 */
public record ListeningResults(
    String design,
    double scaleLow,
    double scaleHigh,
    List<SystemMean> means,
    Map<String, List<SystemMean>> bySlice,
    List<Difference> differences,
    List<PreferenceShares> preferences,
    List<DimensionAlpha> alphas,
    List<String> raters,
    List<Exclusion> exclusions,
    List<LatencySummary> latency,
    String basis) {
  public ListeningResults {
    means = List.copyOf(means);
    bySlice = Map.copyOf(bySlice);
    differences = List.copyOf(differences);
    preferences = List.copyOf(preferences);
    alphas = List.copyOf(alphas);
    raters = List.copyOf(raters);
    exclusions = List.copyOf(exclusions);
    latency = List.copyOf(latency);
  }
}
