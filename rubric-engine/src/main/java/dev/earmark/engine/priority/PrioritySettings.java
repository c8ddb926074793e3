package dev.earmark.engine.priority;

/**
 * Weights and caps of the review priority (project settings; {@link #defaults()} documents a
 * starting point, nothing here is a hidden constant).
 *
 * <p>score = uncertaintyWeight · uncertainty + impactWeight · min(sessions, impactCap) / impactCap
 * + coverageWeight · coverage gap + regressionWeight · [slice regressed] − sensitivePenalty ·
 * [sensitive].
 *
 * @param perSliceQuota at most this many clips of one slice in a batch
 * @param maxSliceShare at most this share of a batch from one slice (rounded down, at least 1)
 * @param maxPerSpeaker at most this many clips of one speaker in a batch
 */
public record PrioritySettings(
    double uncertaintyWeight,
    double impactWeight,
    double coverageWeight,
    double regressionWeight,
    double sensitivePenalty,
    double impactCap,
    int perSliceQuota,
    double maxSliceShare,
    int maxPerSpeaker) {
  public PrioritySettings {
    requireWeight("uncertainty weight", uncertaintyWeight);
    requireWeight("impact weight", impactWeight);
    requireWeight("coverage weight", coverageWeight);
    requireWeight("regression weight", regressionWeight);
    requireWeight("sensitive penalty", sensitivePenalty);
    if (!(impactCap > 0) || Double.isInfinite(impactCap)) {
      throw new PriorityException("Priority impact cap must be a positive number.");
    }
    if (perSliceQuota < 1 || maxPerSpeaker < 1) {
      throw new PriorityException("Priority per-slice quota and per-speaker cap must be >= 1.");
    }
    if (!(maxSliceShare > 0 && maxSliceShare <= 1)) {
      throw new PriorityException("Priority max slice share must be in (0, 1].");
    }
  }

  /**
   * Uncertainty 1.0, impact 1.0 (capped at 1000 daily sessions), coverage 0.8, regression 0.6,
   * sensitive penalty 0.5; at most 20 clips and 40 % of a batch per slice, 5 per speaker.
   */
  public static PrioritySettings defaults() {
    return new PrioritySettings(1.0, 1.0, 0.8, 0.6, 0.5, 1000, 20, 0.4, 5);
  }

  private static void requireWeight(String name, double weight) {
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new PriorityException("Priority " + name + " must be a finite number >= 0.");
    }
  }
}
