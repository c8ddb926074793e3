package dev.earmark.engine.agreement;

import dev.earmark.engine.EngineException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ratings coded once into an items × annotators table of category indices, with categories in scale
 * order (numeric order, the rubric scale's order, or first-seen order for unordered labels).
 * Missing ratings are allowed. Every statistic in this package reads this table, so labels are
 * parsed and ordered in exactly one place. Immutable and thread-safe.
 */
public final class RatingTable {
  /** Marks a missing rating in {@link #category(int, int)}. */
  public static final int MISSING = -1;

  private final List<String> itemIds;
  private final List<String> annotatorIds;
  private final List<String> categoryLabels;
  private final double[] categoryValues;
  private final boolean numeric;
  private final boolean ordered;
  private final int[] cells;
  private final int ratingCount;
  private final Map<String, Integer> categoryIndex;
  private final LabelScale scale;

  private RatingTable(
      List<String> itemIds,
      List<String> annotatorIds,
      List<String> categoryLabels,
      double[] categoryValues,
      LabelScale scale,
      int[] cells,
      int ratingCount,
      Map<String, Integer> categoryIndex) {
    this.itemIds = List.copyOf(itemIds);
    this.annotatorIds = List.copyOf(annotatorIds);
    this.categoryLabels = List.copyOf(categoryLabels);
    this.categoryValues = categoryValues;
    this.scale = scale;
    this.numeric = scale instanceof LabelScale.Numeric;
    this.ordered = !(scale instanceof LabelScale.Unordered);
    this.cells = cells;
    this.ratingCount = ratingCount;
    this.categoryIndex = categoryIndex;
  }

  /**
   * Codes ratings under a label scale. Items and annotators keep the order first seen.
   *
   * @throws EngineException when an annotator rated an item twice, a label is not a number under
   *     {@link LabelScale#numeric()}, or a label is outside an {@link LabelScale#ordered} scale
   */
  public static RatingTable of(Collection<Rating> ratings, LabelScale scale) {
    Map<String, Integer> items = new LinkedHashMap<>();
    Map<String, Integer> annotators = new LinkedHashMap<>();
    for (Rating rating : ratings) {
      items.putIfAbsent(rating.itemId(), items.size());
      annotators.putIfAbsent(rating.annotatorId(), annotators.size());
    }
    List<String> labels = new ArrayList<>();
    Map<String, Integer> categoryOfLabel = new HashMap<>();
    double[] values;
    if (scale instanceof LabelScale.Numeric) {
      // Each distinct label is parsed once (a large table has few): parsing every rating twice
      // was a fifth of the agreement command on 450k ratings (issue 22).
      Map<String, Double> valueOfLabel = new HashMap<>();
      TreeMap<Double, String> byValue = new TreeMap<>();
      for (Rating rating : ratings) {
        Double value = valueOfLabel.get(rating.label());
        if (value == null) {
          value = parseNumber(rating);
          valueOfLabel.put(rating.label(), value);
        }
        byValue.putIfAbsent(value, rating.label());
      }
      values = new double[byValue.size()];
      Map<Double, Integer> indexOfValue = new HashMap<>();
      for (Map.Entry<Double, String> entry : byValue.entrySet()) {
        indexOfValue.put(entry.getKey(), labels.size());
        values[labels.size()] = entry.getKey();
        labels.add(entry.getValue());
      }
      valueOfLabel.forEach((label, value) -> categoryOfLabel.put(label, indexOfValue.get(value)));
    } else if (scale instanceof LabelScale.Ordered ordered) {
      labels.addAll(ordered.labels());
      for (int i = 0; i < labels.size(); i++) {
        categoryOfLabel.put(labels.get(i), i);
      }
      for (Rating rating : ratings) {
        if (!categoryOfLabel.containsKey(rating.label())) {
          throw new EngineException(
              "label '"
                  + rating.label()
                  + "' of item '"
                  + rating.itemId()
                  + "' is not in the scale "
                  + labels
                  + ": use one of the scale's labels");
        }
      }
      values = positions(labels.size());
    } else {
      for (Rating rating : ratings) {
        if (categoryOfLabel.putIfAbsent(rating.label(), labels.size()) == null) {
          labels.add(rating.label());
        }
      }
      values = positions(labels.size());
    }
    int annotatorCount = annotators.size();
    int[] cells = new int[items.size() * annotatorCount];
    Arrays.fill(cells, MISSING);
    for (Rating rating : ratings) {
      int cell = items.get(rating.itemId()) * annotatorCount + annotators.get(rating.annotatorId());
      if (cells[cell] != MISSING) {
        throw new EngineException(
            "annotator '"
                + rating.annotatorId()
                + "' rated item '"
                + rating.itemId()
                + "' twice: keep one rating per annotator and item");
      }
      cells[cell] = categoryOfLabel.get(rating.label());
    }
    return new RatingTable(
        new ArrayList<>(items.keySet()),
        new ArrayList<>(annotators.keySet()),
        labels,
        values,
        scale,
        cells,
        ratings.size(),
        categoryOfLabel);
  }

  private static double[] positions(int count) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = i;
    }
    return values;
  }

  private static double parseNumber(Rating rating) {
    double value;
    try {
      value = Double.parseDouble(rating.label().strip());
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!Double.isFinite(value)) {
      throw new EngineException(
          "label '"
              + rating.label()
              + "' of item '"
              + rating.itemId()
              + "' by '"
              + rating.annotatorId()
              + "' is not a number: numeric labels are needed here");
    }
    return value == 0.0 ? 0.0 : value; // one category for 0 and -0
  }

  /** Items with at least one rating, in the order first seen. */
  public List<String> itemIds() {
    return itemIds;
  }

  /** Annotators with at least one rating, in the order first seen. */
  public List<String> annotatorIds() {
    return annotatorIds;
  }

  /** Category labels in scale order (for an ordered scale, every label of the scale). */
  public List<String> categoryLabels() {
    return categoryLabels;
  }

  public int itemCount() {
    return itemIds.size();
  }

  public int annotatorCount() {
    return annotatorIds.size();
  }

  public int categoryCount() {
    return categoryLabels.size();
  }

  public int ratingCount() {
    return ratingCount;
  }

  public LabelScale scale() {
    return scale;
  }

  /** True when labels are numbers compared by value. */
  public boolean isNumeric() {
    return numeric;
  }

  /** True when labels have an order (numeric or a rubric scale). */
  public boolean isOrdered() {
    return ordered;
  }

  /** The category index of one rating, or {@link #MISSING}. */
  public int category(int item, int annotator) {
    return cells[item * annotatorIds.size() + annotator];
  }

  /**
   * The numeric value of a category: the number for numeric labels, otherwise its position in the
   * scale (0, 1, 2, ...).
   */
  public double categoryValue(int category) {
    return categoryValues[category];
  }

  /** The category a label codes to, or {@link #MISSING} when the table has no such label. */
  public int categoryOf(String label) {
    Integer known = categoryIndex.get(label);
    if (known != null) {
      return known;
    }
    if (numeric) {
      try {
        double value = Double.parseDouble(label.strip());
        for (int i = 0; i < categoryValues.length; i++) {
          if (categoryValues[i] == value) {
            return i;
          }
        }
      } catch (NumberFormatException e) {
        return MISSING;
      }
    }
    return MISSING;
  }

  /**
   * Two annotators' ratings of the given items only (item indices ascending, each rated by both),
   * for pairwise statistics: the same items in the same order as {@link #restrictedTo} of the pair
   * keeps once the items only one of them rated are dropped, so every statistic that reads only the
   * items both rated gives the same value on it.
   */
  RatingTable pairOn(int first, int second, int[] items, int itemCount) {
    int[] pair = new int[itemCount * 2];
    List<String> ids = new ArrayList<>(itemCount);
    for (int i = 0; i < itemCount; i++) {
      pair[2 * i] = category(items[i], first);
      pair[2 * i + 1] = category(items[i], second);
      ids.add(itemIds.get(items[i]));
    }
    return new RatingTable(
        ids,
        List.of(annotatorIds.get(first), annotatorIds.get(second)),
        categoryLabels,
        categoryValues,
        scale,
        pair,
        itemCount * 2,
        categoryIndex);
  }

  /** The same ratings restricted to some annotators (by index), for pairwise statistics. */
  RatingTable restrictedTo(int... annotators) {
    int count = annotators.length;
    int[] restricted = new int[itemIds.size() * count];
    int ratings = 0;
    for (int item = 0; item < itemIds.size(); item++) {
      for (int j = 0; j < count; j++) {
        int category = category(item, annotators[j]);
        restricted[item * count + j] = category;
        if (category != MISSING) {
          ratings++;
        }
      }
    }
    List<String> ids = new ArrayList<>();
    for (int annotator : annotators) {
      ids.add(annotatorIds.get(annotator));
    }
    return new RatingTable(
        itemIds, ids, categoryLabels, categoryValues, scale, restricted, ratings, categoryIndex);
  }
}
