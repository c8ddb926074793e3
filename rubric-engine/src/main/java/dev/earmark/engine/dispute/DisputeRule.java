package dev.earmark.engine.dispute;

/** The rules that can send an item to adjudication (PRODUCT.md §3.6). */
public enum DisputeRule {
  CATEGORICAL_MISMATCH,
  ORDINAL_SPREAD,
  TRANSCRIPT_WER,
  GOLD_FAILURE,
  UNSURE_FLAG
}
