package dev.earmark.engine.agreement;

/**
 * Disagreement weights of Cohen's kappa, as a function of the distance between the positions of two
 * labels in their scale. Weighted kappa needs ordered labels.
 */
public enum KappaWeights {
  /** Cohen (1960): every disagreement counts fully. */
  NONE,
  /** Disagreement proportional to the distance between positions. */
  LINEAR,
  /** Disagreement proportional to the squared distance between positions. */
  QUADRATIC
}
