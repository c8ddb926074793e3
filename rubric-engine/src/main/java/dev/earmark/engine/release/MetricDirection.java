package dev.earmark.engine.release;

/** Which way a metric improves, so that a regression can be told from an improvement. */
public enum MetricDirection {
  /** Error rates such as WER or CER: a higher value is a regression. */
  LOWER_IS_BETTER,
  /** Scores such as accuracy or mean naturalness: a lower value is a regression. */
  HIGHER_IS_BETTER;

  /** How much worse {@code after} is than {@code before}; negative when it improved. */
  public double regression(double before, double after) {
    return this == LOWER_IS_BETTER ? after - before : before - after;
  }
}
