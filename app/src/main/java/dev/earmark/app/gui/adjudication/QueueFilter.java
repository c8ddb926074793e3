package dev.earmark.app.gui.adjudication;

import java.util.function.Predicate;

/**
 * Which disputes the queue shows: by slice ({@code noise=street}), by routing rule ({@code
 * transcript-wer}) and by annotator; an empty criterion lets everything through. Immutable.
 */
public record QueueFilter(String slice, String rule, String annotator)
    implements Predicate<DisputeRow> {
  /** Everything. */
  public static final QueueFilter ALL = new QueueFilter("", "", "");

  public QueueFilter {
    slice = slice == null ? "" : slice;
    rule = rule == null ? "" : rule;
    annotator = annotator == null ? "" : annotator;
  }

  @Override
  public boolean test(DisputeRow row) {
    return (slice.isEmpty() || row.sliceTags().contains(slice))
        && (rule.isEmpty() || row.ruleCodes().contains(rule))
        && (annotator.isEmpty() || row.annotators().contains(annotator));
  }
}
