package dev.earmark.storage.agreement;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The field's headline figure on one batch (alpha for rated fields, pairwise WER for transcripts).
 * Immutable.
 *
 * @param batch the batch's name (an import run, or a window of items)
 * @param value the figure, when defined on the batch's items
 * @param reason why there is none
 * @param items the items of the batch that carry this field
 */
public record TrendPoint(
    String batch, OptionalDouble value, Optional<String> reason, List<ItemLine> items) {
  public TrendPoint {
    items = List.copyOf(items);
  }
}
