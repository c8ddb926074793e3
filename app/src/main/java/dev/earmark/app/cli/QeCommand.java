package dev.earmark.app.cli;

import dev.earmark.audio.decode.InvalidAudioException;
import dev.earmark.audio.features.AcousticFeatures;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.CalibrationBin;
import dev.earmark.audio.qe.QeMetrics;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelException;
import dev.earmark.audio.qe.QeModelMetadata;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code earmark qe train|predict|drift}: the quality-estimation model that predicts a clip's ASR
 * WER from its audio alone (docs/qe.md).
 */
@Command(
    name = "qe",
    mixinStandardHelpOptions = true,
    description = "Quality estimation: train, predict with and check drift of the WER predictor.",
    subcommands = {QeTrainCommand.class, QePredictCommand.class, QeDriftCommand.class})
public final class QeCommand {

  /** Features of one audio file, or an InputException naming it. */
  static AcousticFeatures features(Path audio) {
    if (!Files.isRegularFile(audio)) {
      throw new InputException(audio + ": no such audio file");
    }
    try {
      return FeatureExtractor.extract(audio);
    } catch (InvalidAudioException e) {
      throw new InputException(audio + ": not usable audio (" + e.getMessage() + ")");
    }
  }

  /** The model at {@code path}, or the shipped default when it is null. */
  static QeModel loadModel(Path path) {
    try {
      return path == null ? QeModel.loadDefault() : QeModel.load(path);
    } catch (QeModelException e) {
      throw new InputException(e.getMessage());
    }
  }

  static Map<String, Object> modelJson(QeModelMetadata metadata) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("id", metadata.modelId());
    model.put("created_at", metadata.createdAt().toString());
    model.put("feature_schema_version", metadata.featureSchemaVersion());
    model.put("training_clip_ids_sha256", metadata.trainingClipIdsSha256());
    model.put("target", metadata.target());
    model.put("passed_gate", metadata.passedGate());
    model.put("rho_gate", metadata.settings().rhoGate());
    return model;
  }

  static Map<String, Object> metricsJson(QeMetrics metrics) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("clips", metrics.clips());
    result.put("folds", metrics.folds());
    result.put("spearman_rho", Double.isNaN(metrics.spearmanRho()) ? null : metrics.spearmanRho());
    result.put("mean_absolute_error", metrics.meanAbsoluteError());
    List<Map<String, Object>> bins = new ArrayList<>();
    for (CalibrationBin bin : metrics.calibration()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("predicted_low", bin.predictedLow());
      row.put("predicted_high", bin.predictedHigh());
      row.put("clips", bin.clips());
      row.put("mean_predicted_wer", bin.meanPredictedWer());
      row.put("mean_observed_wer", bin.meanObservedWer());
      bins.add(row);
    }
    result.put("calibration", bins);
    return result;
  }

  static void printMetrics(PrintWriter out, QeMetrics metrics) {
    out.printf(
        Locale.ROOT,
        "cross-validated (%d folds, %d clips): Spearman rho %s, MAE %.3f%n",
        metrics.folds(),
        metrics.clips(),
        Double.isNaN(metrics.spearmanRho())
            ? "undefined"
            : String.format(Locale.ROOT, "%.3f", metrics.spearmanRho()),
        metrics.meanAbsoluteError());
    out.println("calibration (out-of-fold predicted WER bin -> observed WER):");
    for (CalibrationBin bin : metrics.calibration()) {
      out.printf(
          Locale.ROOT,
          "  predicted %.3f-%.3f  clips %3d  mean predicted %.3f  mean observed %.3f%n",
          bin.predictedLow(),
          bin.predictedHigh(),
          bin.clips(),
          bin.meanPredictedWer(),
          bin.meanObservedWer());
    }
  }
}
