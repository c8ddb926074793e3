package dev.earmark.storage.demo;

/**
 * What the demo project holds after {@link DemoProject#build}, and what that run added. Immutable.
 *
 * @param datasetId the demo dataset's id from its contract
 * @param activeClips clips of the dataset that can be labeled
 * @param excludedClips clips excluded at import (consent or retention)
 * @param quarantinedClips clips whose audio is unusable
 * @param users users of the project
 * @param labels submitted labels on the dataset's clips
 * @param goldItems gold answers stored for the dataset's clips
 * @param disputes disputes recorded for the dataset's clips
 * @param skippedLabels label lines of the dataset whose clip is not active (for example because its
 *     retention ended since the dataset was made); they are left out, not refused
 * @param added what this run added; all zero when the project was already complete
 */
public record DemoReport(
    String datasetId,
    int activeClips,
    int excludedClips,
    int quarantinedClips,
    int users,
    int labels,
    int goldItems,
    int disputes,
    int skippedLabels,
    Added added) {

  /** What one run of {@link DemoProject#build} added to the project. */
  public record Added(
      int users,
      int publishedVersions,
      int policies,
      int clips,
      int assignments,
      int labels,
      int goldAnswers,
      int disputes) {
    /** Whether the run changed nothing, because the demo project was already complete. */
    public boolean nothing() {
      return users
              + publishedVersions
              + policies
              + clips
              + assignments
              + labels
              + goldAnswers
              + disputes
          == 0;
    }
  }
}
