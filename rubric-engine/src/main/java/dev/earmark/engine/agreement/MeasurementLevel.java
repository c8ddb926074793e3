package dev.earmark.engine.agreement;

/**
 * Krippendorff's levels of measurement: they choose the difference function between two labels.
 * Ordinal, interval and ratio need ordered labels; interval and ratio need numeric labels, and
 * ratio needs them non-negative.
 */
public enum MeasurementLevel {
  /** Labels are names: any two different labels disagree equally. */
  NOMINAL,
  /** Labels are ranks: disagreement grows with how many ratings lie between them. */
  ORDINAL,
  /** Labels are numbers on an interval scale: squared difference. */
  INTERVAL,
  /** Labels are non-negative numbers with a true zero: squared relative difference. */
  RATIO
}
