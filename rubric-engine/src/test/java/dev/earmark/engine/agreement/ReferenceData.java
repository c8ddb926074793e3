package dev.earmark.engine.agreement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the published examples in src/test/resources/reference-data/agreement/. */
final class ReferenceData {
  private ReferenceData() {}

  static List<Rating> ratings(String file) {
    String path = "/reference-data/agreement/" + file;
    try (InputStream in = ReferenceData.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no reference file " + path);
      }
      List<String> lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
      List<Rating> ratings = new ArrayList<>();
      for (String line : lines) {
        String[] fields = line.split(",", -1);
        if (!fields[2].isEmpty()) {
          ratings.add(new Rating(fields[0], fields[1], fields[2]));
        }
      }
      return ratings;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RatingTable table(String file, LabelScale scale) {
    return RatingTable.of(ratings(file), scale);
  }

  static List<Rating> relabelled(List<Rating> ratings, java.util.Map<String, String> mapping) {
    return ratings.stream()
        .map(r -> new Rating(r.itemId(), r.annotatorId(), mapping.get(r.label())))
        .toList();
  }
}
