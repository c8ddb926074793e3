package dev.earmark.audio.qe;

import dev.earmark.audio.features.FeatureSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains a QE model: k-fold cross-validation for honest figures (Spearman rho, MAE, calibration
 * table from out-of-fold predictions), then one model on all clips. The model is accepted only if
 * cross-validated rho reaches the gate. Deterministic for the same rows, settings and clock: folds
 * come from a seeded shuffle, XGBoost runs single-threaded with the exact tree method and a fixed
 * seed. Immutable and thread-safe.
 */
public final class QeTrainer {
  private final QeTrainingSettings settings;
  private final Clock clock;

  public QeTrainer(QeTrainingSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Trains on {@code rows}.
   *
   * @param target what the rows' target is, recorded in the lineage (e.g. "WER of the ASR
   *     hypothesis, normalization en-asr@1")
   * @throws QeModelException if two rows share a clip id or XGBoost fails
   */
  public TrainingOutcome train(List<TrainingRow> rows, String target) {
    return train(rows, target, DEFAULT_REVIEW_WER_BAR, DEFAULT_REVIEW_PRECISION);
  }

  /** Default observed-WER bar of the calibrated review threshold (the default routing bar). */
  public static final double DEFAULT_REVIEW_WER_BAR = 0.2;

  /** Default share of flagged clips that must be above the bar. */
  public static final double DEFAULT_REVIEW_PRECISION = 0.9;

  /**
   * Trains on {@code rows} and records in the model the review threshold its out-of-fold
   * predictions support ({@link QeEvaluation#reviewThreshold}).
   *
   * @param target what the rows' target is, recorded in the lineage
   * @param reviewWerBar observed WER above which a clip needs review
   * @param reviewPrecision share of flagged clips that must be above the bar
   * @throws QeModelException if two rows share a clip id or XGBoost fails
   */
  public TrainingOutcome train(
      List<TrainingRow> rows, String target, double reviewWerBar, double reviewPrecision) {
    Set<String> seen = new HashSet<>();
    for (TrainingRow row : rows) {
      if (!seen.add(row.clipId())) {
        throw new QeModelException(
            "Clip " + row.clipId() + " appears twice in the training rows; give each clip once.");
      }
    }
    if (rows.size() < settings.minUsableClips()) {
      return new TrainingOutcome.TooFewClips(rows.size(), settings.minUsableClips());
    }
    int n = rows.size();
    double[] actual = rows.stream().mapToDouble(TrainingRow::targetWer).toArray();
    double[] outOfFold = crossValidate(rows);
    QeMetrics metrics =
        new QeMetrics(
            n,
            settings.folds(),
            RankCorrelation.spearman(outOfFold, actual),
            meanAbsoluteError(outOfFold, actual),
            calibration(outOfFold, actual));
    boolean passed =
        !Double.isNaN(metrics.spearmanRho()) && metrics.spearmanRho() >= settings.rhoGate();

    Booster booster = fit(rows);
    List<double[]> vectors = rows.stream().map(row -> Features.toArray(row.features())).toList();
    List<FeatureBins> featureBaselines = new ArrayList<>();
    for (int f = 0; f < FeatureSchema.NAMES.size(); f++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = vectors.get(i)[f];
      }
      featureBaselines.add(
          FeatureBins.fromBaseline(FeatureSchema.NAMES.get(f), column, settings.driftBins()));
    }
    String idsHash = clipIdsHash(rows);
    double[] fitted = QeModel.predictWer(booster, vectors);
    QeModelMetadata metadata =
        new QeModelMetadata(
            QeModelFile.FORMAT_VERSION,
            modelId(idsHash, target, groupsHash(rows)),
            clock.instant(),
            FeatureSchema.VERSION,
            FeatureSchema.NAMES,
            idsHash,
            target,
            settings,
            metrics,
            passed,
            featureBaselines,
            FeatureBins.fromBaseline("predicted_wer", fitted, settings.driftBins()),
            calibrated(
                QeEvaluation.reviewThreshold(outOfFold, actual, reviewWerBar, reviewPrecision)));
    QeModel model = new QeModel(booster, metadata);
    return passed
        ? new TrainingOutcome.Accepted(model)
        : new TrainingOutcome.BelowGate(metrics, settings.rhoGate(), model);
  }

  private static ReviewCalibration calibrated(QeEvaluation.ReviewThreshold review) {
    return review.threshold().isEmpty()
        ? null
        : new ReviewCalibration(
            review.threshold().getAsDouble(),
            review.werBar(),
            review.targetPrecision(),
            review.precision(),
            review.recall());
  }

  /**
   * Out-of-fold predictions: row i is predicted by a model trained without its fold (folds from
   * {@link #folds}). The baselines of {@link QeEvaluation} use the same folds.
   */
  double[] crossValidate(List<TrainingRow> rows) {
    int n = rows.size();
    int[] fold = folds(rows);
    double[] predictions = new double[n];
    for (int k = 0; k < settings.folds(); k++) {
      List<TrainingRow> training = new ArrayList<>();
      List<Integer> heldOut = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (fold[i] == k) {
          heldOut.add(i);
        } else {
          training.add(rows.get(i));
        }
      }
      Booster foldBooster = fit(training);
      double[] predicted;
      try {
        predicted =
            QeModel.predictWer(
                foldBooster,
                heldOut.stream().map(i -> Features.toArray(rows.get(i).features())).toList());
      } finally {
        foldBooster.dispose();
      }
      for (int j = 0; j < heldOut.size(); j++) {
        predictions[heldOut.get(j)] = predicted[j];
      }
    }
    return predictions;
  }

  /**
   * The fold of each row. Without groups: rows shuffled with the seed and dealt one by one. With
   * groups (every row must have one): the distinct groups, sorted, shuffled with the seed and dealt
   * one by one, so a group's rows share a fold.
   *
   * @throws QeModelException if only some rows have a group, or there are fewer groups than folds
   */
  int[] folds(List<TrainingRow> rows) {
    int n = rows.size();
    int k = settings.folds();
    int[] fold = new int[n];
    long grouped = rows.stream().filter(row -> row.group() != null).count();
    if (grouped == 0) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(settings.seed()));
      for (int position = 0; position < n; position++) {
        fold[order.get(position)] = position % k;
      }
      return fold;
    }
    if (grouped < n) {
      throw new QeModelException(
          (n - grouped)
              + " of "
              + n
              + " training rows have no cross-validation group; give every row one, or none.");
    }
    List<String> groups =
        new ArrayList<>(new TreeSet<>(rows.stream().map(TrainingRow::group).toList()));
    if (groups.size() < k) {
      throw new QeModelException(
          groups.size()
              + " cross-validation groups cannot fill "
              + k
              + " folds; use at most "
              + groups.size()
              + " folds.");
    }
    Collections.shuffle(groups, new Random(settings.seed()));
    Map<String, Integer> foldOfGroup = new HashMap<>();
    for (int position = 0; position < groups.size(); position++) {
      foldOfGroup.put(groups.get(position), position % k);
    }
    for (int i = 0; i < n; i++) {
      fold[i] = foldOfGroup.get(rows.get(i).group());
    }
    return fold;
  }

  private Booster fit(List<TrainingRow> rows) {
    try {
      DMatrix matrix =
          QeModel.matrix(rows.stream().map(row -> Features.toArray(row.features())).toList());
      try {
        float[] labels = new float[rows.size()];
        for (int i = 0; i < labels.length; i++) {
          labels[i] = (float) rows.get(i).targetWer();
        }
        matrix.setLabel(labels);
        return XGBoost.train(
            matrix,
            new HashMap<>(QeModel.boosterParameters(settings)),
            settings.rounds(),
            new HashMap<>(),
            null,
            null);
      } finally {
        matrix.dispose();
      }
    } catch (XGBoostError e) {
      throw new QeModelException("XGBoost could not train: " + e.getMessage(), e);
    }
  }

  static double meanAbsoluteError(double[] predicted, double[] actual) {
    double sum = 0;
    for (int i = 0; i < predicted.length; i++) {
      sum += Math.abs(predicted[i] - actual[i]);
    }
    return sum / predicted.length;
  }

  /** Equal-count bins of out-of-fold predictions, lowest first. */
  private List<CalibrationBin> calibration(double[] predicted, double[] actual) {
    return calibration(predicted, actual, settings.calibrationBins());
  }

  /** Equal-count bins of {@code predicted}, lowest first, with the mean observed per bin. */
  static List<CalibrationBin> calibration(double[] predicted, double[] actual, int binCount) {
    Integer[] order = new Integer[predicted.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(predicted[a], predicted[b]));
    int bins = Math.min(binCount, predicted.length);
    List<CalibrationBin> table = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      int from = b * order.length / bins;
      int to = (b + 1) * order.length / bins;
      double sumPredicted = 0;
      double sumActual = 0;
      for (int i = from; i < to; i++) {
        sumPredicted += predicted[order[i]];
        sumActual += actual[order[i]];
      }
      int count = to - from;
      table.add(
          new CalibrationBin(
              predicted[order[from]],
              predicted[order[to - 1]],
              count,
              sumPredicted / count,
              sumActual / count));
    }
    return table;
  }

  /** SHA-256 (hex) of the sorted "clip id TAB group" lines, or null when no row has a group. */
  private static String groupsHash(List<TrainingRow> rows) {
    if (rows.stream().allMatch(row -> row.group() == null)) {
      return null;
    }
    List<String> lines =
        new ArrayList<>(rows.stream().map(row -> row.clipId() + "\t" + row.group()).toList());
    Collections.sort(lines);
    return sha256(String.join("\n", lines) + "\n");
  }

  /** SHA-256 (hex) of the sorted clip ids, one per line. */
  static String clipIdsHash(List<TrainingRow> rows) {
    List<String> ids = new ArrayList<>(rows.stream().map(TrainingRow::clipId).toList());
    Collections.sort(ids);
    return sha256(String.join("\n", ids) + "\n");
  }

  private String modelId(String idsHash, String target, String groupsHash) {
    String lineage =
        String.join(
            "\n",
            idsHash,
            target,
            "schema=" + FeatureSchema.VERSION,
            "format=" + QeModelFile.FORMAT_VERSION,
            settings.toString());
    if (groupsHash != null) {
      lineage += "\ngrouped folds=" + groupsHash;
    }
    return "qe-" + sha256(lineage).substring(0, 12);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
