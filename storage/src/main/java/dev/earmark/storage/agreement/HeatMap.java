package dev.earmark.storage.agreement;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Pairwise agreement of a field's annotators: Krippendorff's alpha of each pair for rated fields,
 * symmetric normalized WER for transcripts. Immutable.
 *
 * @param metric what a cell holds, for the legend
 * @param higherIsBetter true for alpha, false for WER (the colour scale is read accordingly)
 * @param annotators rows and columns, in the same order
 * @param cells one cell per unordered pair (the view mirrors them)
 */
public record HeatMap(
    String metric, boolean higherIsBetter, List<String> annotators, List<Cell> cells) {
  public HeatMap {
    annotators = List.copyOf(annotators);
    cells = List.copyOf(cells);
  }

  /**
   * One pair of annotators.
   *
   * @param value the pair's figure, when defined
   * @param reason why there is none
   * @param details further figures of the pair for the tooltip (percent, Cohen, items)
   * @param items the items both annotators labeled, with their labels
   */
  public record Cell(
      String first,
      String second,
      OptionalDouble value,
      Optional<String> reason,
      String details,
      List<ItemLine> items) {
    public Cell {
      items = List.copyOf(items);
    }
  }

  /** The cell of two annotators, in either order. */
  public Optional<Cell> cell(String a, String b) {
    return cells.stream()
        .filter(
            c ->
                (c.first().equals(a) && c.second().equals(b))
                    || (c.first().equals(b) && c.second().equals(a)))
        .findFirst();
  }
}
