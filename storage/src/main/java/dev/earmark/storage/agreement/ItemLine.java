package dev.earmark.storage.agreement;

/**
 * One item behind a number: the clip key and what the labels said.
 *
 * @param clipKey the clip's manifest id
 * @param detail the labels or figure of this item, in a few words
 * @param badness how badly this item disagrees (a wrong gold answer, differing labels, its WER, the
 *     seconds it took); drill-down lists show the highest first
 */
public record ItemLine(String clipKey, String detail, double badness) {
  /** A line with nothing to rank it by. */
  public ItemLine(String clipKey, String detail) {
    this(clipKey, detail, 0);
  }
}
