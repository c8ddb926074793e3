package dev.earmark.engine.priority;

/**
 * Where a slice stands for the launch: how many clips of it are labeled, how many the launch needs,
 * and whether its metric regressed in the most recent release check.
 *
 * @param labeled clips of the slice already labeled
 * @param target clips the launch needs labeled; 0 means the slice is not part of the launch
 * @param recentRegression the slice's metric got worse in the latest release check
 */
public record SliceStatus(int labeled, int target, boolean recentRegression) {
  public SliceStatus {
    if (labeled < 0 || target < 0) {
      throw new PriorityException("Slice counts must be >= 0, got " + labeled + "/" + target + ".");
    }
  }

  /** The share of the target still missing, in [0, 1]; 0 for a slice with no target. */
  public double coverageGap() {
    return target == 0 ? 0 : Math.max(0, (double) (target - labeled) / target);
  }
}
