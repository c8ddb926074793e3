/**
 * Quality estimation (QE): an XGBoost regression that predicts the word error rate of a clip's ASR
 * hypothesis from its {@link dev.earmark.audio.features.AcousticFeatures} alone, with no reference.
 *
 * <p>{@link dev.earmark.audio.qe.QeTrainer} cross-validates, gates on Spearman's rho and returns a
 * {@link dev.earmark.audio.qe.TrainingOutcome}; {@link dev.earmark.audio.qe.QeModel} predicts
 * ({@link dev.earmark.audio.qe.QePrediction}: predicted WER, review flag, top feature
 * contributions), measures drift ({@link dev.earmark.audio.qe.DriftReport}, population stability
 * index) and is saved as one file with its lineage ({@link dev.earmark.audio.qe.QeModelMetadata}).
 * Targets (WER) are computed by the caller: this module does not depend on the rubric engine. Every
 * threshold (rho gate, review threshold, PSI warning) is passed in, never a constant here.
 */
package dev.earmark.audio.qe;
