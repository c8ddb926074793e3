package dev.earmark.storage.agreement;

import java.util.List;

/**
 * How two annotators' labels of one categorical field cross: rows are {@code first}'s labels,
 * columns {@code second}'s, over the items both labeled; each cell keeps its items. Immutable.
 *
 * @param categories labels in the rubric's order
 * @param cells {@code cells.get(row).get(column)}: the clip keys of that cell
 */
public record ConfusionMatrix(
    String first, String second, List<String> categories, List<List<List<String>>> cells) {
  public ConfusionMatrix {
    categories = List.copyOf(categories);
    cells = cells.stream().map(row -> row.stream().map(List::copyOf).toList()).toList();
  }

  public int count(int row, int column) {
    return cells.get(row).get(column).size();
  }

  /** The pair's name, e.g. "ann-alex × ann-bea". */
  public String pair() {
    return first + " × " + second;
  }
}
