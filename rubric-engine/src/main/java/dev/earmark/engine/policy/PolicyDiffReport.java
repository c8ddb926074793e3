package dev.earmark.engine.policy;

import java.util.List;
import java.util.Map;

/**
 * What moving from one normalization policy to another changes.
 *
 * @param from the rule set moved from ({@code name@N})
 * @param to the rule set moved to
 * @param totals counts over every item
 * @param bySlice the same counts per slice, by slice name
 * @param examples changed items, a few per slice and kind of change, each with its causes
 */
public record PolicyDiffReport(
    String from, String to, Counts totals, Map<String, Counts> bySlice, List<Change> examples) {
  public PolicyDiffReport {
    bySlice = Map.copyOf(bySlice);
    examples = List.copyOf(examples);
  }

  /**
   * Counts of items (not labels): an item counts as changed when any of its labels changed.
   *
   * @param labels labels read
   * @param werFrom corpus WER of the labels' hypotheses against them under {@code from} (errors /
   *     reference words), or null when no label has a hypothesis
   * @param werTo the same under {@code to}
   * @param meanWerChange mean over labels with a defined WER of (WER under {@code to} − WER under
   *     {@code from}), or null
   */
  public record Counts(
      int items,
      int labels,
      int changedNormalizedText,
      int changedWer,
      int changedDispute,
      Double werFrom,
      Double werTo,
      Double meanWerChange) {}

  /** What kind of value changed. */
  public enum Kind {
    NORMALIZED_TEXT,
    WER,
    DISPUTE
  }

  /**
   * One change of one item.
   *
   * @param annotator the label's annotator (null for dispute changes, which concern the item)
   * @param before the value under {@code from} (normalized text, WER, or disputed/agreed)
   * @param after the value under {@code to}
   * @param causes the rules that caused it, e.g. {@code "added in en-asr@2: rule 5
   *     (protected-phrases)"}
   */
  public record Change(
      String id,
      String slice,
      String annotator,
      Kind kind,
      String before,
      String after,
      List<String> causes) {
    public Change {
      causes = List.copyOf(causes);
    }
  }
}
