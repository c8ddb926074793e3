package dev.earmark.storage.assign;

import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import java.util.List;
import java.util.Optional;

/**
 * How to assign: the active clips of the rubric's task type (of one dataset, or all), to these
 * annotators, under this rubric version.
 *
 * @param overlapRatio share of the assigned clips labeled by at least two annotators (gold clips,
 *     which every annotator labels, count towards it), in [0, 1]
 * @param goldShare share of the clips made gold items, in [0, 1]; every annotator labels each
 * @param seed makes the choice of overlapped and gold clips and the spread over annotators
 *     reproducible
 */
public record AssignmentPlan(
    VersionedId rubric,
    Optional<String> datasetId,
    List<String> annotators,
    double overlapRatio,
    double goldShare,
    long seed) {
  public AssignmentPlan {
    annotators = List.copyOf(annotators);
    if (annotators.isEmpty()) {
      throw new StorageException("an assignment needs at least one annotator");
    }
    if (annotators.stream().distinct().count() != annotators.size()) {
      throw new StorageException("an annotator is named twice in the assignment: " + annotators);
    }
    if (!(overlapRatio >= 0 && overlapRatio <= 1) || !(goldShare >= 0 && goldShare <= 1)) {
      throw new StorageException(
          "the overlap ratio and gold share are shares between 0 and 1, not "
              + overlapRatio
              + " and "
              + goldShare);
    }
    if (annotators.size() < 2 && overlapRatio > 0) {
      throw new StorageException(
          "an overlap ratio above 0 needs at least two annotators; only "
              + annotators.get(0)
              + " was named");
    }
  }
}
