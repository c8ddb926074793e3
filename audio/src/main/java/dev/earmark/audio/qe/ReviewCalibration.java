package dev.earmark.audio.qe;

import java.util.Locale;

/**
 * The review threshold a model's own calibration supports, chosen at training time by {@link
 * QeEvaluation#reviewThreshold} from the out-of-fold predictions: the lowest predicted WER such
 * that, of the clips predicted at or above it, at least {@code targetPrecision} had an observed WER
 * above {@code werBar}.
 *
 * @param threshold predicted WER at or above which review is recommended
 * @param werBar observed WER above which a clip needs review (the project's bar when trained)
 * @param targetPrecision the share of flagged clips that had to be above the bar
 * @param precision the share that was, out of fold
 * @param recall the share of clips above the bar that the threshold flags, out of fold
 */
public record ReviewCalibration(
    double threshold, double werBar, double targetPrecision, double precision, double recall) {

  /**
   * The review threshold used when a model carries no calibrated one: a file written before model
   * format 2, or a model whose calibration reached no threshold at the target precision.
   */
  public static final double FALLBACK_THRESHOLD = 0.3;

  /** Where a threshold came from, for hint text: "90% precision at WER > 0.2". */
  public String describe() {
    return String.format(
        Locale.ROOT, "%s%% precision at WER > %s", trim(100 * targetPrecision), trim(werBar));
  }

  private static String trim(double value) {
    String text = String.format(Locale.ROOT, "%.2f", value);
    return text.replaceAll("\\.?0+$", "");
  }
}
