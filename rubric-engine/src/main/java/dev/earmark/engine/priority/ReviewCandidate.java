package dev.earmark.engine.priority;

import java.util.Objects;

/**
 * A clip that could go into the next review batch, with what the priority looks at.
 *
 * @param clipId the clip
 * @param slice the slice it is counted under for coverage, quotas and regressions
 * @param speakerId its speaker (diversity cap); empty if unknown
 * @param consentScope its consent scope id; only scopes the request allows make it a candidate
 * @param qeUncertainty how unsure the ASR output is, in [0, 1] (see {@link
 *     #uncertaintyFromPredictedWer(double)}); 0 when there is no QE hint
 * @param dailySessions user impact: daily sessions of the product surface the clip stands for;
 *     counted up to {@link PrioritySettings#impactCap()}
 * @param sensitive the clip holds sensitive content (health, finance, minors…), which is penalised
 */
public record ReviewCandidate(
    String clipId,
    String slice,
    String speakerId,
    String consentScope,
    double qeUncertainty,
    double dailySessions,
    boolean sensitive) {
  public ReviewCandidate {
    Objects.requireNonNull(clipId, "clipId");
    Objects.requireNonNull(slice, "slice");
    Objects.requireNonNull(speakerId, "speakerId");
    Objects.requireNonNull(consentScope, "consentScope");
    if (!(qeUncertainty >= 0 && qeUncertainty <= 1)) {
      throw new PriorityException(
          "Clip " + clipId + ": QE uncertainty must be in [0, 1], got " + qeUncertainty + ".");
    }
    if (!(dailySessions >= 0) || Double.isInfinite(dailySessions)) {
      throw new PriorityException(
          "Clip " + clipId + ": daily sessions must be a finite number >= 0.");
    }
  }

  /**
   * A QE hint's predicted WER as uncertainty: clamped to [0, 1], since a predicted WER above 1
   * (more errors than words) is no more uncertain for review purposes than 1.
   */
  public static double uncertaintyFromPredictedWer(double predictedWer) {
    return Double.isNaN(predictedWer) ? 0 : Math.min(1, Math.max(0, predictedWer));
  }
}
