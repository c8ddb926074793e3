package dev.earmark.audio.qe;

import dev.earmark.audio.features.AcousticFeatures;
import dev.earmark.audio.features.FeatureSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained QE model: XGBoost trees plus their {@link QeModelMetadata}. Predicts a clip's WER from
 * its acoustic features, explains the prediction by feature contributions, and measures drift of a
 * new batch against its training data. Thresholds (review, PSI warning) are arguments, never
 * constants. Thread-safe: calls into the native booster are serialized.
 */
public final class QeModel {
  /** Classpath location of the model trained on the sample fixtures (see docs/qe.md). */
  public static final String DEFAULT_MODEL_RESOURCE = "/dev/earmark/audio/qe/default-model.qe";

  private final Booster booster;
  private final QeModelMetadata metadata;

  QeModel(Booster booster, QeModelMetadata metadata) {
    this.booster = booster;
    this.metadata = metadata;
  }

  public QeModelMetadata metadata() {
    return metadata;
  }

  /**
   * The QE hint for one clip.
   *
   * @param reviewThreshold predicted WER at or above which review is recommended (a setting)
   * @param topFeatures how many contributing features to report
   */
  public QePrediction predict(AcousticFeatures features, double reviewThreshold, int topFeatures) {
    return predict(features.vector(), reviewThreshold, topFeatures);
  }

  /** As {@link #predict(AcousticFeatures, double, int)} for a vector in schema order. */
  public QePrediction predict(double[] features, double reviewThreshold, int topFeatures) {
    return predictAll(List.of(features), reviewThreshold, topFeatures).get(0);
  }

  /** Rows per XGBoost matrix in {@link #predictAll}: bounds the contribution table's memory. */
  static final int PREDICT_ROWS = 4096;

  /**
   * The QE hints of many clips, in order: the same hints as {@link #predict(double[], double, int)}
   * for each vector alone (a tree model scores each row on its own), but one matrix and two native
   * calls for up to {@value #PREDICT_ROWS} clips instead of per clip: about three times faster, and
   * per clip the calls cost more than measuring a short clip.
   */
  public List<QePrediction> predictAll(
      List<double[]> featureVectors, double reviewThreshold, int topFeatures) {
    featureVectors.forEach(QeModel::checkWidth);
    List<QePrediction> predictions = new ArrayList<>(featureVectors.size());
    for (int from = 0; from < featureVectors.size(); from += PREDICT_ROWS) {
      List<double[]> rows =
          featureVectors.subList(from, Math.min(featureVectors.size(), from + PREDICT_ROWS));
      float[][] raw;
      float[][] contributions;
      synchronized (booster) {
        try {
          DMatrix matrix = matrix(rows);
          try {
            raw = booster.predict(matrix);
            contributions = booster.predictContrib(matrix, 0);
          } finally {
            matrix.dispose();
          }
        } catch (XGBoostError e) {
          throw new QeModelException("XGBoost could not predict: " + e.getMessage(), e);
        }
      }
      for (int r = 0; r < rows.size(); r++) {
        predictions.add(
            prediction(rows.get(r), raw[r][0], contributions[r], reviewThreshold, topFeatures));
      }
    }
    return predictions;
  }

  private QePrediction prediction(
      double[] features,
      double raw,
      float[] contributions,
      double reviewThreshold,
      int topFeatures) {
    double predicted = Math.max(0, raw);
    List<FeatureContribution> ranked = new ArrayList<>();
    for (int i = 0; i < features.length; i++) {
      ranked.add(
          new FeatureContribution(metadata.featureNames().get(i), features[i], contributions[i]));
    }
    ranked.sort(Comparator.comparingDouble((FeatureContribution c) -> -Math.abs(c.contribution())));
    return new QePrediction(
        predicted,
        predicted >= reviewThreshold,
        reviewThreshold,
        metadata.metrics().binFor(predicted),
        ranked.subList(0, Math.min(Math.max(0, topFeatures), ranked.size())));
  }

  /** Predicted WER (never below 0) for each vector, in order. */
  public double[] predictWer(List<double[]> featureVectors) {
    synchronized (booster) {
      return predictWer(booster, featureVectors);
    }
  }

  /** Predictions of a booster that has no metadata yet (cross-validation folds, training). */
  static double[] predictWer(Booster booster, List<double[]> featureVectors) {
    if (featureVectors.isEmpty()) {
      return new double[0];
    }
    featureVectors.forEach(QeModel::checkWidth);
    float[][] raw;
    try {
      DMatrix matrix = matrix(featureVectors);
      try {
        raw = booster.predict(matrix);
      } finally {
        matrix.dispose();
      }
    } catch (XGBoostError e) {
      throw new QeModelException("XGBoost could not predict: " + e.getMessage(), e);
    }
    double[] predicted = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      predicted[i] = Math.max(0, raw[i][0]);
    }
    return predicted;
  }

  /**
   * PSI of a new batch against the training data, per feature and for predicted WER.
   *
   * @param batch feature vectors of the new clips, schema order; not empty
   * @param warningThreshold PSI above which a distribution counts as shifted (a setting)
   */
  public DriftReport drift(List<double[]> batch, double warningThreshold) {
    if (batch.isEmpty()) {
      throw new QeModelException("The drift batch has no clips; give at least one.");
    }
    List<DriftReport.Drift> features = new ArrayList<>();
    for (int f = 0; f < metadata.featureBaselines().size(); f++) {
      double[] column = new double[batch.size()];
      for (int i = 0; i < column.length; i++) {
        checkWidth(batch.get(i));
        column[i] = batch.get(i)[f];
      }
      features.add(drift(metadata.featureBaselines().get(f), column, warningThreshold));
    }
    DriftReport.Drift predicted =
        drift(metadata.predictionBaseline(), predictWer(batch), warningThreshold);
    return new DriftReport(batch.size(), features, predicted, warningThreshold);
  }

  private static DriftReport.Drift drift(FeatureBins baseline, double[] values, double threshold) {
    double psi = baseline.psi(values);
    return new DriftReport.Drift(baseline.name(), psi, psi > threshold);
  }

  /** The model's metadata as the JSON stored in its file (lineage, figures, drift baselines). */
  public String metadataJson() {
    return QeModelFile.metadataJson(metadata());
  }

  /** The model file: XGBoost bytes and JSON metadata in one zip (docs/qe.md). */
  public byte[] toBytes() {
    byte[] boosterBytes;
    synchronized (booster) {
      try {
        boosterBytes = booster.toByteArray("ubj");
      } catch (XGBoostError e) {
        throw new QeModelException("XGBoost could not serialize the model: " + e.getMessage(), e);
      }
    }
    return QeModelFile.write(metadata, boosterBytes);
  }

  /** Writes {@link #toBytes()} to {@code file}. */
  public void save(Path file) {
    try {
      Files.write(file, toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write QE model " + file, e);
    }
  }

  /**
   * Reads a model file.
   *
   * @throws QeModelException if the file is not a QE model or was trained on another feature schema
   */
  public static QeModel load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new QeModelException("Cannot read QE model " + file + ": " + e.getMessage(), e);
    }
    return fromBytes(bytes, file.toString());
  }

  /** Reads the model trained on the sample fixtures that ships in this module. */
  public static QeModel loadDefault() {
    try (InputStream in = QeModel.class.getResourceAsStream(DEFAULT_MODEL_RESOURCE)) {
      if (in == null) {
        throw new QeModelException(
            "This build has no default QE model ("
                + DEFAULT_MODEL_RESOURCE
                + "); pass --model or train one with earmark qe train.");
      }
      return fromBytes(in.readAllBytes(), "the default QE model");
    } catch (IOException e) {
      throw new QeModelException("Cannot read the default QE model: " + e.getMessage(), e);
    }
  }

  /** Reads model bytes; {@code source} names them in error messages. */
  public static QeModel fromBytes(byte[] bytes, String source) {
    QeModelFile.Contents contents = QeModelFile.read(bytes, source);
    QeModelMetadata metadata = contents.metadata();
    if (metadata.featureSchemaVersion() != FeatureSchema.VERSION
        || !metadata.featureNames().equals(FeatureSchema.NAMES)) {
      throw new QeModelException(
          source
              + " was trained on feature schema v"
              + metadata.featureSchemaVersion()
              + "; this build measures v"
              + FeatureSchema.VERSION
              + ". Retrain it with earmark qe train.");
    }
    try {
      Booster booster = ml.dmlc.xgboost4j.java.XGBoost.loadModel(contents.boosterBytes());
      booster.setParam("nthread", 1);
      return new QeModel(booster, metadata);
    } catch (XGBoostError | IOException e) {
      throw new QeModelException(source + " holds no readable XGBoost model: " + e.getMessage(), e);
    }
  }

  static DMatrix matrix(List<double[]> rows) throws XGBoostError {
    int columns = FeatureSchema.NAMES.size();
    float[] data = new float[rows.size() * columns];
    for (int r = 0; r < rows.size(); r++) {
      double[] row = rows.get(r);
      for (int c = 0; c < columns; c++) {
        data[r * columns + c] = (float) row[c];
      }
    }
    return new DMatrix(data, rows.size(), columns, Float.NaN);
  }

  static Map<String, Object> boosterParameters(QeTrainingSettings settings) {
    return Map.of(
        "objective",
        "reg:squarederror",
        "eta",
        settings.learningRate(),
        "max_depth",
        settings.maxDepth(),
        "min_child_weight",
        settings.minChildWeight(),
        "subsample",
        1.0,
        "tree_method",
        "exact",
        "nthread",
        1,
        "seed",
        settings.seed(),
        "verbosity",
        0);
  }

  private static void checkWidth(double[] features) {
    if (features.length != FeatureSchema.NAMES.size()) {
      throw new QeModelException(
          "A feature vector has "
              + features.length
              + " values; feature schema v"
              + FeatureSchema.VERSION
              + " has "
              + FeatureSchema.NAMES.size()
              + ".");
    }
  }
}
