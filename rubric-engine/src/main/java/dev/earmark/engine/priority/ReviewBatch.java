package dev.earmark.engine.priority;

import java.util.List;

/**
 * A chosen review batch.
 *
 * @param selected the clips to review, highest priority first
 * @param heldBackByCaps eligible clips that ranked high enough but whose slice quota, slice share
 *     or speaker cap was full, in priority order; a batch may come out smaller than asked rather
 *     than let one slice fill it
 * @param excludedByConsent clip ids whose consent scope does not allow labeling, in input order
 */
public record ReviewBatch(
    List<PriorityScore> selected,
    List<PriorityScore> heldBackByCaps,
    List<String> excludedByConsent) {
  public ReviewBatch {
    selected = List.copyOf(selected);
    heldBackByCaps = List.copyOf(heldBackByCaps);
    excludedByConsent = List.copyOf(excludedByConsent);
  }
}
