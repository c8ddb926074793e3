package dev.earmark.app.cli;

import dev.earmark.app.qe.QeNotes;
import dev.earmark.app.serve.PredictionJson;
import dev.earmark.audio.decode.InvalidAudioException;
import dev.earmark.audio.features.AcousticFeatures;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.CalibrationBin;
import dev.earmark.audio.qe.DriftReport;
import dev.earmark.audio.qe.QeMetrics;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelMetadata;
import dev.earmark.audio.qe.QeTrainingSettings;
import dev.earmark.storage.qe.QeRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code earmark qe train|predict|drift}: the quality-estimation model that predicts a clip's ASR
 * WER from its audio alone (docs/qe.md).
 */
@Command(
    name = "qe",
    mixinStandardHelpOptions = true,
    description =
        "Quality estimation: train, predict with, serve and check drift of the WER predictor.",
    subcommands = {
      QeTrainCommand.class,
      QePredictCommand.class,
      QeDriftCommand.class,
      QeServeCommand.class,
      QeFeaturesCommand.class
    })
public final class QeCommand {
  @ParentCommand EarmarkCommand root;

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
    // A QeModelException is an AudioException: the launcher prints its sentence and exits 2.
    return path == null ? QeModel.loadDefault() : QeModel.load(path);
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
    model.put("settings", settingsJson(metadata.settings()));
    return model;
  }

  private static Map<String, Object> settingsJson(QeTrainingSettings settings) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rho_gate", settings.rhoGate());
    result.put("folds", settings.folds());
    result.put("min_usable_clips", settings.minUsableClips());
    result.put("seed", settings.seed());
    result.put("rounds", settings.rounds());
    result.put("max_depth", settings.maxDepth());
    result.put("learning_rate", settings.learningRate());
    result.put("min_child_weight", settings.minChildWeight());
    result.put("calibration_bins", settings.calibrationBins());
    result.put("drift_bins", settings.driftBins());
    return result;
  }

  /** The model's lineage: id, schema, training clip ids hash, target and parameters. */
  static void printLineage(PrintWriter out, QeModelMetadata metadata) {
    out.printf(
        "model %s, feature schema v%d, training clip ids sha256 %s%n",
        metadata.modelId(), metadata.featureSchemaVersion(), metadata.trainingClipIdsSha256());
    out.printf("  target: %s%n", metadata.target());
    QeTrainingSettings settings = metadata.settings();
    out.printf(
        Locale.ROOT,
        "  parameters: rho gate %.2f, %d folds, min %d clips, seed %d, %d rounds, depth %d,"
            + " eta %.3f, min child weight %.1f%n",
        settings.rhoGate(),
        settings.folds(),
        settings.minUsableClips(),
        settings.seed(),
        settings.rounds(),
        settings.maxDepth(),
        settings.learningRate(),
        settings.minChildWeight());
  }

  /** Hints, failures and drift of a run, for --json. */
  static Map<String, Object> runJson(QeRun run, int top) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("model_id", run.modelId());
    result.put("default_model", run.defaultModel());
    result.put("model_passed_gate", run.modelPassedGate());
    result.put("review_threshold", run.reviewThreshold());
    result.put("review_threshold_source", run.reviewThresholdSource());
    List<Map<String, Object>> hints = new ArrayList<>();
    for (QeRun.ClipHint hint : run.hints()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("dataset", hint.datasetId());
      row.put("id", hint.clipKey());
      row.put("predicted_wer", hint.prediction().predictedWer());
      row.put("review_recommended", hint.prediction().reviewRecommended());
      row.put("calibrated_observed_wer", hint.prediction().calibration().meanObservedWer());
      row.put(
          "top_features",
          PredictionJson.topFeatures(hint.prediction().topFeatures().stream().limit(top).toList()));
      hints.add(row);
    }
    result.put("hints", hints);
    List<Map<String, Object>> failures = new ArrayList<>();
    for (QeRun.ClipFailure failure : run.failures()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("dataset", failure.datasetId());
      row.put("id", failure.clipKey());
      row.put("reason", failure.reason());
      failures.add(row);
    }
    result.put("failures", failures);
    Map<String, Object> drift = new LinkedHashMap<>();
    if (run.drift() instanceof QeRun.DriftCheck.Checked checked) {
      DriftReport report = checked.drift().report();
      drift.put("status", "checked");
      drift.put("clips", report.batchSize());
      drift.put("psi_threshold", report.warningThreshold());
      drift.put("warning", report.warning());
      List<Map<String, Object>> shifted = new ArrayList<>();
      for (DriftReport.Drift shift : checked.drift().shifted()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", shift.name());
        row.put("psi", shift.psi());
        shifted.add(row);
      }
      drift.put("shifted", shifted);
    } else if (run.drift() instanceof QeRun.DriftCheck.TooFewClips few) {
      drift.put("status", "too_few_clips");
      drift.put("clips", few.clips());
      drift.put("min_clips", few.minimumClips());
    } else {
      drift.put("status", "not_requested");
    }
    result.put("drift", drift);
    return result;
  }

  /** Failures and the drift verdict, one line each (a warning line per shifted distribution). */
  static void printFailuresAndDrift(PrintWriter out, QeRun run) {
    for (QeRun.ClipFailure failure : run.failures()) {
      out.printf(
          "  no QE hint for %s/%s: %s%n", failure.datasetId(), failure.clipKey(), failure.reason());
    }
    QeNotes.drift(run).forEach(out::println);
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
