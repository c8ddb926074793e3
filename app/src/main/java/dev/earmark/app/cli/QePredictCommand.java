package dev.earmark.app.cli;

import dev.earmark.audio.qe.FeatureContribution;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelMetadata;
import dev.earmark.audio.qe.QePrediction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark qe predict FILE...}: predicted WER, review flag and top contributing features per
 * clip. Exit 0; 2 when a file or the model cannot be read. A model that did not pass its rho gate
 * is used only with a warning saying so.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description =
        "Predict each clip's ASR WER from its audio: predicted WER, review flag and the features"
            + " that contributed most.")
public final class QePredictCommand implements Callable<Integer> {
  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files.")
  List<Path> files;

  @Option(
      names = "--model",
      paramLabel = "M",
      description = "Model file (default: the model shipped with Earmark).")
  Path model;

  @Option(
      names = "--review-threshold",
      paramLabel = "WER",
      defaultValue = "0.3",
      description =
          "Predicted WER at or above which review is recommended (default: ${DEFAULT-VALUE}).")
  double reviewThreshold;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "3",
      description = "How many contributing features to show (default: ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() {
    QeModel qe = QeCommand.loadModel(model);
    QeModelMetadata metadata = qe.metadata();
    List<Map<String, Object>> clips = new ArrayList<>();
    List<QePrediction> predictions = new ArrayList<>();
    for (Path file : files) {
      QePrediction prediction = qe.predict(QeCommand.features(file), reviewThreshold, top);
      predictions.add(prediction);
      clips.add(clipJson(file, prediction));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("model", QeCommand.modelJson(metadata));
      result.put("review_threshold", reviewThreshold);
      result.put("clips", clips);
      JsonOutput.print(out, result);
    } else {
      out.printf(
          Locale.ROOT,
          "model %s (%s), review threshold %.2f%n",
          metadata.modelId(),
          metadata.passedGate()
              ? "passed its rho gate"
              : "WARNING: did not pass its rho gate; treat hints as unreliable",
          reviewThreshold);
      for (int i = 0; i < files.size(); i++) {
        QePrediction prediction = predictions.get(i);
        out.printf(
            Locale.ROOT,
            "%s  predicted WER %.3f%s  (similar predictions had observed WER %.3f)%n",
            files.get(i),
            prediction.predictedWer(),
            prediction.reviewRecommended() ? "  REVIEW RECOMMENDED" : "",
            prediction.calibration().meanObservedWer());
        for (FeatureContribution contribution : prediction.topFeatures()) {
          out.printf(
              Locale.ROOT,
              "    %-26s %10.3f  %+.3f%n",
              contribution.feature(),
              contribution.value(),
              contribution.contribution());
        }
      }
    }
    out.flush();
    return ExitCode.OK;
  }

  private static Map<String, Object> clipJson(Path file, QePrediction prediction) {
    Map<String, Object> clip = new LinkedHashMap<>();
    clip.put("file", file.toString());
    clip.put("predicted_wer", prediction.predictedWer());
    clip.put("review_recommended", prediction.reviewRecommended());
    clip.put("calibrated_observed_wer", prediction.calibration().meanObservedWer());
    List<Map<String, Object>> features = new ArrayList<>();
    for (FeatureContribution contribution : prediction.topFeatures()) {
      Map<String, Object> feature = new LinkedHashMap<>();
      feature.put("feature", contribution.feature());
      feature.put("value", contribution.value());
      feature.put("contribution", contribution.contribution());
      features.add(feature);
    }
    clip.put("top_features", features);
    return clip;
  }
}
