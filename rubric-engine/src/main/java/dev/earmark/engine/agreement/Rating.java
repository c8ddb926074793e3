package dev.earmark.engine.agreement;

import dev.earmark.engine.EngineException;

/**
 * One annotator's label for one item, as it enters an agreement computation. A missing rating is
 * simply absent (there is no rating with an empty label). Immutable and thread-safe.
 */
public record Rating(String itemId, String annotatorId, String label) {
  public Rating {
    if (itemId == null || itemId.isBlank()) {
      throw new EngineException("a rating has no item id: give every rating the item it labels");
    }
    if (annotatorId == null || annotatorId.isBlank()) {
      throw new EngineException(
          "the rating of item '" + itemId + "' has no annotator id: name who gave it");
    }
    if (label == null || label.isBlank()) {
      throw new EngineException(
          "the rating of item '"
              + itemId
              + "' by '"
              + annotatorId
              + "' has an empty label: leave a missing rating out instead");
    }
  }
}
