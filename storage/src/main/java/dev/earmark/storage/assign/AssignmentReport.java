package dev.earmark.storage.assign;

import dev.earmark.engine.version.VersionedId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an assignment run did, or with a dry run would do: the same report either way. Immutable.
 *
 * @param dryRun true when nothing was written
 * @param summary the counts of the run (clips newly assigned, assignments, overlapped, gold)
 * @param annotators per annotator, in the plan's order
 * @param sliceMix per slice tag, how many newly assigned clips carry each value
 * @param alreadyAssigned eligible clips that were assigned under the rubric before this run
 * @param excludedByConsent active clips whose consent scope does not allow labeling
 * @param heldBackByQuota clips left out because a slice quota was full
 * @param leftOverByLimit clips left out because the limit was reached
 */
public record AssignmentReport(
    boolean dryRun,
    VersionedId rubric,
    AssignmentSummary summary,
    List<AnnotatorLoad> annotators,
    Map<String, Map<String, Integer>> sliceMix,
    int alreadyAssigned,
    int excludedByConsent,
    int heldBackByQuota,
    int leftOverByLimit) {
  public AssignmentReport {
    annotators = List.copyOf(annotators);
    Map<String, Map<String, Integer>> mix = new TreeMap<>();
    sliceMix.forEach(
        (tag, values) -> mix.put(tag, Collections.unmodifiableMap(new TreeMap<>(values))));
    sliceMix = Collections.unmodifiableMap(mix);
  }

  /**
   * One annotator's share of the run.
   *
   * @param clips clips newly assigned to them
   * @param overlapped of those, clips another annotator of the run labels too
   * @param gold of those, gold items
   */
  public record AnnotatorLoad(String annotatorId, int clips, int overlapped, int gold) {}
}
