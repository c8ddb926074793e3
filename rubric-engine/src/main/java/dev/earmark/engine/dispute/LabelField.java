package dev.earmark.engine.dispute;

import dev.earmark.engine.agreement.LabelScale;

/** What kind of rubric field the labels of an item answer; it chooses the rules that apply. */
public sealed interface LabelField {
  /** Names with no order: mismatch, gold and unsure rules. */
  record Categorical() implements LabelField {}

  /**
   * Ordered labels: spread, gold and unsure rules. The scale is {@link LabelScale#numeric()} or a
   * rubric's {@link LabelScale#ordered} scale; spread is measured in values or positions.
   */
  record Ordinal(LabelScale scale) implements LabelField {}

  /**
   * Free-text transcripts: pairwise WER, gold (WER against the gold transcript) and unsure rules.
   */
  record Transcript() implements LabelField {}
}
