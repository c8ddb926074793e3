package dev.earmark.app.gui.player;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which parts of a clip have been played, as merged time intervals: the basis of listening rigour
 * (a TTS rating unlocks once a share of the clip has been heard, PRODUCT.md). Replaying a part does
 * not count twice, and jumping over a part does not count it. Not thread-safe.
 */
public final class ListeningCoverage {
  /** Interval starts mapped to their ends, non-overlapping and non-touching. */
  private final TreeMap<Double, Double> intervals = new TreeMap<>();

  private final double durationSeconds;

  public ListeningCoverage(double durationSeconds) {
    this.durationSeconds = durationSeconds;
  }

  /** Records that {@code [from, to)} was played; empty or reversed ranges are ignored. */
  public void heard(double from, double to) {
    double start = Math.max(0, from);
    double end = Math.min(durationSeconds, to);
    if (!(end > start)) {
      return;
    }
    Map.Entry<Double, Double> before = intervals.floorEntry(start);
    if (before != null && before.getValue() >= start) {
      start = before.getKey();
      end = Math.max(end, before.getValue());
    }
    Map.Entry<Double, Double> next = intervals.ceilingEntry(start);
    while (next != null && next.getKey() <= end) {
      end = Math.max(end, next.getValue());
      intervals.remove(next.getKey());
      next = intervals.ceilingEntry(start);
    }
    intervals.put(start, end);
  }

  /** Seconds of the clip heard at least once. */
  public double heardSeconds() {
    double total = 0;
    for (Map.Entry<Double, Double> interval : intervals.entrySet()) {
      total += interval.getValue() - interval.getKey();
    }
    return total;
  }

  /** Share of the clip heard, 0 to 1 (1 for an empty clip). */
  public double heardFraction() {
    return durationSeconds <= 0 ? 1 : Math.min(1, heardSeconds() / durationSeconds);
  }

  /** Number of separate heard stretches (for tests and diagnostics). */
  public int stretches() {
    return intervals.size();
  }
}
