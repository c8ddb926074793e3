package dev.earmark.audio.qe;

import dev.earmark.audio.features.FeatureSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What a QE model is worth against simple predictors, on the same cross-validation folds as {@link
 * QeTrainer} (grouped folds when the rows have groups): out-of-fold Spearman, Pearson and MAE of
 * the model and of two baselines — the same learner given only the clip's SNR, and only its
 * duration — a finer calibration table, and the review threshold that calibration supports.
 *
 * @param grouped whether the folds were grouped (every row had a group)
 * @param model the model's out-of-fold figures
 * @param snrOnly the SNR-only baseline's
 * @param durationOnly the duration-only baseline's
 * @param calibration equal-count bins of the model's out-of-fold predictions
 * @param review the review threshold chosen from the out-of-fold predictions
 */
public record QeEvaluation(
    boolean grouped,
    Figures model,
    Figures snrOnly,
    Figures durationOnly,
    List<CalibrationBin> calibration,
    ReviewThreshold review) {

  /** Out-of-fold figures of one predictor. */
  public record Figures(double spearmanRho, double pearsonR, double meanAbsoluteError) {}

  /**
   * The lowest predicted WER {@code threshold} such that, of the clips predicted at or above it, at
   * least {@code targetPrecision} had an observed WER above {@code werBar} (out of fold). Empty
   * when no threshold reaches that precision.
   *
   * @param precision the share of flagged clips above the bar at that threshold
   * @param recall the share of clips above the bar that it flags
   * @param flagged clips flagged
   * @param aboveBar clips whose observed WER is above the bar
   * @param clips all clips
   */
  public record ReviewThreshold(
      double werBar,
      double targetPrecision,
      OptionalDouble threshold,
      double precision,
      double recall,
      int flagged,
      int aboveBar,
      int clips) {}

  /** The baselines: one feature each, every other feature held at 0 (so never split on). */
  static final String SNR = "snr_db";

  static final String DURATION = "duration_s";

  /**
   * Evaluates the learner of {@code settings} on {@code rows}.
   *
   * @param werBar observed WER above which a clip needs review
   * @param targetPrecision share of flagged clips that must be above the bar
   * @param calibrationBins bins of the returned calibration table
   */
  public static QeEvaluation evaluate(
      List<TrainingRow> rows,
      QeTrainingSettings settings,
      double werBar,
      double targetPrecision,
      int calibrationBins) {
    // Cross-validation reads no clock; a fixed one keeps the wall clock out.
    QeTrainer trainer = new QeTrainer(settings, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    double[] actual = rows.stream().mapToDouble(TrainingRow::targetWer).toArray();
    double[] predicted = trainer.crossValidate(rows);
    return new QeEvaluation(
        rows.stream().allMatch(row -> row.group() != null),
        figures(predicted, actual),
        figures(trainer.crossValidate(only(rows, SNR)), actual),
        figures(trainer.crossValidate(only(rows, DURATION)), actual),
        QeTrainer.calibration(predicted, actual, calibrationBins),
        reviewThreshold(predicted, actual, werBar, targetPrecision));
  }

  static Figures figures(double[] predicted, double[] actual) {
    return new Figures(
        RankCorrelation.spearman(predicted, actual),
        RankCorrelation.pearson(predicted, actual),
        QeTrainer.meanAbsoluteError(predicted, actual));
  }

  /** The rows with every feature but {@code feature} set to 0 (groups kept). */
  static List<TrainingRow> only(List<TrainingRow> rows, String feature) {
    int keep = FeatureSchema.NAMES.indexOf(feature);
    List<TrainingRow> out = new ArrayList<>();
    for (TrainingRow row : rows) {
      double[] masked = new double[FeatureSchema.NAMES.size()];
      masked[keep] = row.features().get(keep);
      out.add(new TrainingRow(row.clipId(), Features.toList(masked), row.targetWer(), row.group()));
    }
    return out;
  }

  static ReviewThreshold reviewThreshold(
      double[] predicted, double[] actual, double werBar, double targetPrecision) {
    int n = predicted.length;
    int aboveBar = 0;
    for (double wer : actual) {
      if (wer > werBar) {
        aboveBar++;
      }
    }
    double[] candidates = Arrays.stream(predicted).distinct().sorted().toArray();
    // Lowest candidate first: the first that reaches the precision flags the most clips.
    for (double threshold : candidates) {
      int flagged = 0;
      int hits = 0;
      for (int i = 0; i < n; i++) {
        if (predicted[i] >= threshold) {
          flagged++;
          if (actual[i] > werBar) {
            hits++;
          }
        }
      }
      double precision = (double) hits / flagged;
      if (precision >= targetPrecision) {
        return new ReviewThreshold(
            werBar,
            targetPrecision,
            OptionalDouble.of(threshold),
            precision,
            aboveBar == 0 ? 0 : (double) hits / aboveBar,
            flagged,
            aboveBar,
            n);
      }
    }
    return new ReviewThreshold(
        werBar, targetPrecision, OptionalDouble.empty(), Double.NaN, 0, 0, aboveBar, n);
  }
}
