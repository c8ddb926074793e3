package dev.earmark.engine.priority;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Orders review candidates and picks batches. Consent comes first: a clip whose scope is not in the
 * allowed set is never scored. Ties keep input order (the sort is stable), so the same input always
 * gives the same queue. Immutable and thread-safe.
 */
public final class ReviewPriority {
  private final PrioritySettings settings;
  private final Set<String> labelingConsentScopes;
  private final Map<String, SliceStatus> slices;

  /**
   * @param settings weights and caps
   * @param labelingConsentScopes consent scope ids that allow labeling (from the dataset contract)
   * @param slices status per slice; a slice not listed has no target and no regression
   */
  public ReviewPriority(
      PrioritySettings settings,
      Set<String> labelingConsentScopes,
      Map<String, SliceStatus> slices) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.labelingConsentScopes = Set.copyOf(labelingConsentScopes);
    this.slices = Map.copyOf(slices);
  }

  /** True if the clip may be a candidate at all. */
  public boolean eligible(ReviewCandidate candidate) {
    return labelingConsentScopes.contains(candidate.consentScope());
  }

  /** The priority of one eligible candidate. */
  public PriorityScore score(ReviewCandidate candidate) {
    if (!eligible(candidate)) {
      throw new PriorityException(
          "Clip "
              + candidate.clipId()
              + " has consent scope "
              + candidate.consentScope()
              + ", which does not allow labeling; it cannot be prioritised.");
    }
    SliceStatus slice = slices.getOrDefault(candidate.slice(), new SliceStatus(0, 0, false));
    double uncertainty = settings.uncertaintyWeight() * candidate.qeUncertainty();
    double impact =
        settings.impactWeight()
            * Math.min(candidate.dailySessions(), settings.impactCap())
            / settings.impactCap();
    double coverage = settings.coverageWeight() * slice.coverageGap();
    double regression = slice.recentRegression() ? settings.regressionWeight() : 0;
    double penalty = candidate.sensitive() ? settings.sensitivePenalty() : 0;
    return new PriorityScore(
        candidate,
        uncertainty + impact + coverage + regression - penalty,
        uncertainty,
        impact,
        coverage,
        regression,
        penalty);
  }

  /** Every eligible candidate, highest priority first; ties in input order. */
  public List<PriorityScore> rank(List<ReviewCandidate> candidates) {
    List<PriorityScore> scored = new ArrayList<>();
    for (ReviewCandidate candidate : candidates) {
      if (eligible(candidate)) {
        scored.add(score(candidate));
      }
    }
    scored.sort(Comparator.comparingDouble(PriorityScore::total).reversed());
    return scored;
  }

  /**
   * The next batch of at most {@code size} clips: down the ranking, skipping clips whose slice has
   * reached its quota (the smaller of {@link PrioritySettings#perSliceQuota()} and {@link
   * PrioritySettings#maxSliceShare()} of {@code size}, at least 1) or whose speaker has reached
   * {@link PrioritySettings#maxPerSpeaker()}.
   */
  public ReviewBatch selectBatch(List<ReviewCandidate> candidates, int size) {
    if (size < 0) {
      throw new PriorityException("A review batch size must be >= 0, got " + size + ".");
    }
    List<String> excluded = new ArrayList<>();
    for (ReviewCandidate candidate : candidates) {
      if (!eligible(candidate)) {
        excluded.add(candidate.clipId());
      }
    }
    int sliceLimit =
        Math.min(
            settings.perSliceQuota(),
            Math.max(1, (int) Math.floor(settings.maxSliceShare() * size)));
    Map<String, Integer> perSlice = new HashMap<>();
    Map<String, Integer> perSpeaker = new HashMap<>();
    List<PriorityScore> selected = new ArrayList<>();
    List<PriorityScore> heldBack = new ArrayList<>();
    for (PriorityScore score : rank(candidates)) {
      if (selected.size() == size) {
        break;
      }
      ReviewCandidate candidate = score.candidate();
      boolean sliceFull = perSlice.getOrDefault(candidate.slice(), 0) >= sliceLimit;
      boolean speakerFull =
          !candidate.speakerId().isEmpty()
              && perSpeaker.getOrDefault(candidate.speakerId(), 0) >= settings.maxPerSpeaker();
      if (sliceFull || speakerFull) {
        heldBack.add(score);
        continue;
      }
      selected.add(score);
      perSlice.merge(candidate.slice(), 1, Integer::sum);
      if (!candidate.speakerId().isEmpty()) {
        perSpeaker.merge(candidate.speakerId(), 1, Integer::sum);
      }
    }
    return new ReviewBatch(selected, heldBack, excluded);
  }
}
