package dev.earmark.storage.listening;

import dev.earmark.engine.listening.Screening;
import dev.earmark.engine.listening.SystemResults;
import dev.earmark.engine.rubric.TaskType;
import java.util.List;

/**
 * The screened system-level results of a project's listening tests, one {@link Design} per task
 * type that has trials: what {@code earmark tts report} prints and the dashboard's TTS section
 * shows. Immutable.
 *
 * @param resamples bootstrap resamples behind every interval
 * @param seed the seed that reproduces every interval
 */
public record TtsReport(List<Design> designs, int resamples, long seed) {
  public TtsReport {
    designs = List.copyOf(designs);
  }

  /**
   * One test design's results.
   *
   * @param rubrics the rubric versions of the labels read (each label is read under its own)
   * @param trials complete trials; {@code trialProblems} names the trials left out
   * @param labels submitted labels read, before screening
   * @param trainingLabels labels of training blocks, never scored
   * @param screening each rule applied, with its version and what it excluded
   * @param excludedLabels labels left out by screening
   * @param means per system × dimension, over the screened labels (MUSHRA adds the hidden reference
   *     and the anchors as pseudo-systems)
   * @param differences every pair of systems (not reference or anchors) per dimension
   * @param alphas Krippendorff's alpha (interval) per dimension, over the screened labels
   * @param preferences A/B shares per pair of systems
   * @param slices the same means and shares per {@code prompt_type}
   * @param latency {@code first_audio_byte_ms} per system: metadata, never rated
   */
  public record Design(
      TaskType taskType,
      List<String> rubrics,
      int trials,
      List<String> trialProblems,
      int labels,
      int trainingLabels,
      List<RuleOutcome> screening,
      int excludedLabels,
      List<SystemResults.SystemMean> means,
      List<SystemResults.Difference> differences,
      List<SystemResults.DimensionAlpha> alphas,
      List<SystemResults.PreferenceShares> preferences,
      List<Slice> slices,
      List<SystemResults.LatencySummary> latency) {
    public Design {
      rubrics = List.copyOf(rubrics);
      trialProblems = List.copyOf(trialProblems);
      screening = List.copyOf(screening);
      means = List.copyOf(means);
      differences = List.copyOf(differences);
      alphas = List.copyOf(alphas);
      preferences = List.copyOf(preferences);
      slices = List.copyOf(slices);
      latency = List.copyOf(latency);
    }
  }

  /**
   * One screening rule as applied: its versioned id, how many raters or sessions it checked and
   * what it excluded.
   */
  public record RuleOutcome(String rule, int checked, List<Screening.Exclusion> exclusions) {
    public RuleOutcome {
      exclusions = List.copyOf(exclusions);
    }
  }

  /** The results of one prompt-type slice. */
  public record Slice(
      String promptType,
      List<SystemResults.SystemMean> means,
      List<SystemResults.PreferenceShares> preferences) {
    public Slice {
      means = List.copyOf(means);
      preferences = List.copyOf(preferences);
    }
  }
}
