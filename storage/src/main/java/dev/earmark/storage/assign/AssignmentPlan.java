package dev.earmark.storage.assign;

import dev.earmark.engine.priority.SliceQuotas;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to assign: the active clips of the rubric's task type (of one dataset, or all) whose consent
 * allows labeling, to these annotators, under this rubric version.
 *
 * @param overlapRatio share of the assigned clips labeled by at least two annotators (gold clips,
 *     which every annotator labels, count towards it), in [0, 1]
 * @param goldShare share of the clips made gold items, in [0, 1]; every annotator labels each
 * @param seed makes the choice of overlapped and gold clips and the spread over annotators
 *     reproducible
 * @param goldAnswers gold clips chosen by the lead, with their known answers (a gold file); when
 *     given, they are the gold items and {@code goldShare} must be 0
 * @param quotas per-slice caps over all clips assigned under the rubric (this run's and earlier
 *     ones), so a re-run with the same plan adds nothing
 * @param limit at most this many clips assigned under the rubric in total, earlier runs included;
 *     empty for no limit
 * @param everyAnnotator every annotator labels every clip, as a listening test needs (each rater on
 *     each trial); the overlap ratio must then be 0
 */
public record AssignmentPlan(
    VersionedId rubric,
    Optional<String> datasetId,
    List<String> annotators,
    double overlapRatio,
    double goldShare,
    long seed,
    List<GoldAnswer> goldAnswers,
    SliceQuotas quotas,
    OptionalInt limit,
    boolean everyAnnotator) {
  /** A plan that spreads the clips over the annotators (not every annotator on every clip). */
  public AssignmentPlan(
      VersionedId rubric,
      Optional<String> datasetId,
      List<String> annotators,
      double overlapRatio,
      double goldShare,
      long seed,
      List<GoldAnswer> goldAnswers,
      SliceQuotas quotas,
      OptionalInt limit) {
    this(
        rubric,
        datasetId,
        annotators,
        overlapRatio,
        goldShare,
        seed,
        goldAnswers,
        quotas,
        limit,
        false);
  }

  /** A plan with no gold file, no quota and no limit. */
  public AssignmentPlan(
      VersionedId rubric,
      Optional<String> datasetId,
      List<String> annotators,
      double overlapRatio,
      double goldShare,
      long seed) {
    this(
        rubric,
        datasetId,
        annotators,
        overlapRatio,
        goldShare,
        seed,
        List.of(),
        SliceQuotas.none(),
        OptionalInt.empty());
  }

  public AssignmentPlan {
    annotators = List.copyOf(annotators);
    goldAnswers = List.copyOf(goldAnswers);
    Objects.requireNonNull(quotas, "quotas");
    Objects.requireNonNull(limit, "limit");
    if (!goldAnswers.isEmpty() && goldShare > 0) {
      throw new StorageException(
          "give gold items either as a gold file or as a gold share, not both");
    }
    if (limit.isPresent() && limit.getAsInt() < 1) {
      throw new StorageException(
          "the limit is a number of clips, 1 or more; got " + limit.getAsInt());
    }
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
    if (everyAnnotator && overlapRatio > 0) {
      throw new StorageException(
          "every annotator labels every clip already; leave the overlap ratio at 0, not "
              + overlapRatio);
    }
    if (annotators.size() < 2 && overlapRatio > 0) {
      throw new StorageException(
          "an overlap ratio above 0 needs at least two annotators; only "
              + annotators.get(0)
              + " was named");
    }
  }
}
