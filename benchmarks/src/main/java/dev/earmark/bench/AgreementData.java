package dev.earmark.bench;

import dev.earmark.engine.agreement.Rating;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic ratings for P5: each item has a true label 1..5; each annotator gives it with
 * probability 0.7, otherwise a neighbouring or random label; each rating is missing with the given
 * probability. The benchmark and agreement-vs-independent.sh use this one generator, so the JMH
 * figures and the comparison with R are on the same data.
 */
public final class AgreementData {
  private AgreementData() {}

  public static List<Rating> ratings(int items, int annotators, double missing, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Rating> ratings = new ArrayList<>(items * annotators);
    String[] annotatorIds = new String[annotators];
    for (int a = 0; a < annotators; a++) {
      annotatorIds[a] = "a" + (a + 1);
    }
    for (int item = 0; item < items; item++) {
      String itemId = "i" + item;
      int truth = 1 + random.nextInt(5);
      for (int a = 0; a < annotators; a++) {
        double draw = random.nextDouble();
        int label;
        if (draw < 0.7) {
          label = truth;
        } else if (draw < 0.9) {
          label = Math.max(1, Math.min(5, truth + (random.nextBoolean() ? 1 : -1)));
        } else {
          label = 1 + random.nextInt(5);
        }
        if (random.nextDouble() >= missing) {
          ratings.add(new Rating(itemId, annotatorIds[a], Integer.toString(label)));
        }
      }
    }
    return ratings;
  }

  /** Writes ratings as the CSV of {@code earmark agreement}. */
  public static void write(List<Rating> ratings, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("item_id,annotator_id,label\n");
      for (Rating rating : ratings) {
        out.write(rating.itemId() + "," + rating.annotatorId() + "," + rating.label() + "\n");
      }
    }
  }
}
