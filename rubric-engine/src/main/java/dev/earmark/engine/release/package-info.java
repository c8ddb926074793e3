/**
 * Release checks a batch must pass before export (PRODUCT.md §3.8): release blockers with stable
 * codes and human reasons ({@link dev.earmark.engine.release.ReleaseCheck}), slice regression
 * budgets ({@link dev.earmark.engine.release.SliceRegressionCheck}) and the data diff between two
 * label batches ({@link dev.earmark.engine.release.BatchDiff}). Inputs are plain engine-side
 * records that storage fills from the project; results are values, never exceptions, so export can
 * show them, waive some with a reason and record the waiver.
 */
package dev.earmark.engine.release;
