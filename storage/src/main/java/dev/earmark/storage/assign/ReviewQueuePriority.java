package dev.earmark.storage.assign;

import dev.earmark.audio.qe.QeModel;
import dev.earmark.engine.priority.PrioritySettings;
import dev.earmark.engine.priority.ReviewCandidate;
import dev.earmark.engine.priority.ReviewPriority;
import dev.earmark.engine.priority.SliceStatus;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.clip.StoredClip;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The review-priority score of PRODUCT.md §3.2 as a {@link QueuePriority}, computed by
 * rubric-engine's {@link ReviewPriority} from what the project stores:
 *
 * <ul>
 *   <li>QE uncertainty: the predicted WER of the clip's hint under the model hints come from (the
 *       project's current QE model, else the one shipped with Earmark); 0 without a hint;
 *   <li>slice coverage gap: for the coverage tag, the share of the value's active clips that have
 *       no submitted label under the rubric yet, so thinly labeled values come first;
 *   <li>user impact and recent regression: the project stores neither a clip's daily sessions nor
 *       per-slice release results yet, so both count 0 until it does.
 * </ul>
 *
 * Consent is not judged here: {@link Assignments#assign} offers only clips whose consent allows
 * labeling. A snapshot read once; immutable and thread-safe.
 */
public final class ReviewQueuePriority implements QueuePriority {
  /** Stands for "consent already checked by the assigning service". */
  private static final String CHECKED = "labeling-allowed";

  private final ReviewPriority review;
  private final Map<Long, Double> predictedWer;
  private final Optional<String> coverageTag;
  private final String qeModel;

  private ReviewQueuePriority(
      ReviewPriority review,
      Map<Long, Double> predictedWer,
      Optional<String> coverageTag,
      String qeModel) {
    this.review = review;
    this.predictedWer = Map.copyOf(predictedWer);
    this.coverageTag = coverageTag;
    this.qeModel = qeModel;
  }

  /**
   * Reads the hints of the current QE model and the coverage of {@code coverageTag} under {@code
   * rubric}'s labels.
   *
   * @param coverageTag the slice tag whose values count for the coverage gap; empty for none
   */
  public static ReviewQueuePriority read(
      Project project,
      Policies policies,
      VersionedId rubric,
      Optional<String> coverageTag,
      PrioritySettings settings) {
    Rubric version = policies.rubric(rubric);
    return project
        .jdbi()
        .withHandle(
            handle -> {
              Optional<String> model =
                  handle
                      .createQuery(
                          "SELECT id FROM qe_models WHERE passed_gate"
                              + " ORDER BY stored_at DESC, id DESC LIMIT 1")
                      .mapTo(String.class)
                      .findOne();
              String modelId = model.orElseGet(() -> QeModel.loadDefault().metadata().modelId());
              Map<Long, Double> hints = new HashMap<>();
              handle
                  .createQuery(
                      "SELECT clip_id, predicted_wer FROM qe_hints WHERE model_id = :model")
                  .bind("model", modelId)
                  .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getDouble(2)))
                  .forEach(row -> hints.put(row.getKey(), row.getValue()));
              Map<String, SliceStatus> slices = new HashMap<>();
              if (coverageTag.isPresent()) {
                Set<Long> labeled =
                    new HashSet<>(
                        handle
                            .createQuery(
                                "SELECT DISTINCT clip_id FROM labels WHERE state = 'submitted'"
                                    + " AND rubric_version = :rubric")
                            .bind("rubric", rubric.toString())
                            .mapTo(Long.class)
                            .list());
                Map<String, int[]> counts = new HashMap<>();
                List<StoredClip> clips =
                    Clips.active(handle, version.taskType().id(), Optional.empty());
                for (StoredClip clip : clips) {
                  String value = clip.slices().get(coverageTag.get());
                  if (value != null) {
                    int[] count = counts.computeIfAbsent(value, unused -> new int[2]);
                    count[0] += labeled.contains(clip.id()) ? 1 : 0;
                    count[1]++;
                  }
                }
                counts.forEach(
                    (value, count) ->
                        slices.put(value, new SliceStatus(count[0], count[1], false)));
              }
              return new ReviewQueuePriority(
                  new ReviewPriority(settings, Set.of(CHECKED), slices),
                  hints,
                  coverageTag,
                  modelId);
            });
  }

  /** The id of the QE model whose hints were read. */
  public String qeModel() {
    return qeModel;
  }

  @Override
  public double priority(QueueCandidate clip) {
    String slice = coverageTag.map(tag -> clip.slices().getOrDefault(tag, "")).orElse("");
    double uncertainty =
        ReviewCandidate.uncertaintyFromPredictedWer(
            predictedWer.getOrDefault(clip.clipId(), Double.NaN));
    return review
        .score(new ReviewCandidate(clip.clipKey(), slice, "", CHECKED, uncertainty, 0, false))
        .total();
  }
}
