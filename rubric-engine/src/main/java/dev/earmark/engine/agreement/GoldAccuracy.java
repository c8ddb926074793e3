package dev.earmark.engine.agreement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One annotator's accuracy on gold items (items with a known answer). A label is correct when it
 * codes to the same category as the gold answer under the table's scale (so {@code "2"} and {@code
 * "2.0"} agree on a numeric scale). Immutable and thread-safe.
 *
 * @param annotator annotator id
 * @param goldItemsRated gold items this annotator labelled
 * @param correct how many of them match the gold answer
 * @param accuracy correct / goldItemsRated, absent when the annotator rated no gold item
 * @param undefinedReason {@link UndefinedReason#NO_GOLD_ITEMS} when there is no accuracy
 */
public record GoldAccuracy(
    String annotator,
    int goldItemsRated,
    int correct,
    OptionalDouble accuracy,
    Optional<UndefinedReason> undefinedReason) {

  /**
   * Accuracy of every annotator of the table on the gold items.
   *
   * @param goldAnswers known answer by item id; items not in the table are ignored
   */
  public static List<GoldAccuracy> of(RatingTable table, Map<String, String> goldAnswers) {
    int[] rated = new int[table.annotatorCount()];
    int[] correct = new int[table.annotatorCount()];
    for (int item = 0; item < table.itemCount(); item++) {
      String answer = goldAnswers.get(table.itemIds().get(item));
      if (answer == null) {
        continue;
      }
      int gold = table.categoryOf(answer);
      for (int annotator = 0; annotator < table.annotatorCount(); annotator++) {
        int label = table.category(item, annotator);
        if (label != RatingTable.MISSING) {
          rated[annotator]++;
          if (label == gold) {
            correct[annotator]++;
          }
        }
      }
    }
    List<GoldAccuracy> accuracies = new ArrayList<>();
    for (int annotator = 0; annotator < table.annotatorCount(); annotator++) {
      String id = table.annotatorIds().get(annotator);
      accuracies.add(
          rated[annotator] == 0
              ? new GoldAccuracy(
                  id, 0, 0, OptionalDouble.empty(), Optional.of(UndefinedReason.NO_GOLD_ITEMS))
              : new GoldAccuracy(
                  id,
                  rated[annotator],
                  correct[annotator],
                  OptionalDouble.of((double) correct[annotator] / rated[annotator]),
                  Optional.empty()));
    }
    return accuracies;
  }
}
