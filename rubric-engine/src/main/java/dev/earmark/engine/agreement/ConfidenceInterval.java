package dev.earmark.engine.agreement;

/**
 * A percentile bootstrap interval of an agreement statistic.
 *
 * @param low lower bound (2.5th percentile for a 95% interval)
 * @param high upper bound (97.5th percentile for a 95% interval)
 * @param resamples resamples drawn
 * @param definedResamples resamples on which the statistic had a value (only those enter the
 *     percentiles; a resample of items can, for example, contain one category only)
 * @param seed the seed that reproduces the interval
 */
public record ConfidenceInterval(
    double low, double high, int resamples, int definedResamples, long seed) {}
