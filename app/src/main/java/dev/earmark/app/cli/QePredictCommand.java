package dev.earmark.app.cli;

import dev.earmark.app.qe.QeNotes;
import dev.earmark.app.serve.PredictionJson;
import dev.earmark.audio.qe.FeatureContribution;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelMetadata;
import dev.earmark.audio.qe.QePrediction;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.qe.QeInference;
import dev.earmark.storage.qe.QeRun;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code earmark qe predict FILE...}: predicted WER, review flag and top contributing features per
 * audio file. Without files, the project's clips (all active clips with a hypothesis, or those
 * named with {@code --clip}) are predicted with the project's current model (or the shipped one) at
 * its {@code qe.review_threshold}, and the hints are stored in the project. Exit 0; 1 when a
 * project clip's audio could not be measured (listed); 2 when a file or the model cannot be read. A
 * model that did not pass its rho gate is used only with a warning saying so.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Predict each clip's ASR WER from its audio: predicted WER, review flag and the features"
          + " that contributed most.",
      "Without FILE: predict the project's clips (all with a hypothesis, or --clip ID...) with its"
          + " current model and review threshold setting, and store the hints.",
      "With --batch DIR|MANIFEST --out FILE: score many files on --threads threads into a JSONL"
          + " file, skipping content already scored there.",
      "Exit 1 when a project clip's or batch file's audio could not be measured."
    })
public final class QePredictCommand implements Callable<Integer> {
  private static final int DEFAULT_TOP = 3;

  @ParentCommand QeCommand qe;

  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Audio files.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--clip",
      paramLabel = "ID",
      arity = "1..*",
      description =
          "Project clips to predict (manifest ids); default: every one with a hypothesis.")
  List<String> clips = new ArrayList<>();

  @Option(
      names = "--batch",
      paramLabel = "DIR|MANIFEST",
      description =
          "Score every audio file of a directory (recursively: .wav .flac .mp3 .ogg) or every clip"
              + " of a JSONL manifest, appending one JSONL line per clip to --out; clips whose"
              + " content the output already holds for the same model are skipped.")
  Path batch;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Predictions file (JSONL) that --batch appends to.")
  Path out;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Clips scored at once with --batch (default: one per core).")
  Integer threads;

  @Option(
      names = "--model",
      paramLabel = "M",
      description = "Model file for FILEs (default: the model shipped with Earmark).")
  Path model;

  @Option(
      names = "--review-threshold",
      paramLabel = "WER",
      description =
          "Predicted WER at or above which review is recommended, for FILEs (default: the"
              + " threshold the model carries from its calibration, 0.3 for a model without one;"
              + " a project uses its qe.review_threshold setting, else its model's).")
  Double reviewThreshold;

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "How many contributing features to show (default: 3, at most 3 for a project).")
  Integer top;

  @Override
  public Integer call() {
    if (batch != null || out != null || threads != null) {
      return predictBatch();
    }
    if (files.isEmpty()) {
      return predictProject();
    }
    if (!clips.isEmpty()) {
      throw new InputException("give audio FILEs or project clips (--clip), not both");
    }
    int top = this.top == null ? DEFAULT_TOP : this.top;
    QeModel qe = QeCommand.loadModel(model);
    QeModelMetadata metadata = qe.metadata();
    double reviewThreshold = reviewThreshold(metadata);
    List<Map<String, Object>> clips = new ArrayList<>();
    List<QePrediction> predictions = new ArrayList<>();
    for (Path file : files) {
      QePrediction prediction = qe.predict(QeCommand.features(file), reviewThreshold, top);
      predictions.add(prediction);
      clips.add(clipJson(file, prediction, metadata));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("model", QeCommand.modelJson(metadata));
      result.put("review_threshold", reviewThreshold);
      result.put("review_threshold_source", reviewThresholdSource(metadata));
      result.put("clips", clips);
      JsonOutput.print(out, result);
    } else {
      out.printf(
          Locale.ROOT,
          "model %s (%s), review threshold %.2f (%s)%n",
          metadata.modelId(),
          metadata.passedGate()
              ? "passed its rho gate"
              : "WARNING: did not pass its rho gate; treat hints as unreliable",
          reviewThreshold,
          reviewThresholdSource(metadata));
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

  private Integer predictBatch() {
    if (batch == null || out == null) {
      throw new InputException("give both --batch DIR|MANIFEST and --out FILE");
    }
    if (!files.isEmpty() || !clips.isEmpty()) {
      throw new InputException("give --batch, or audio FILEs, or project clips (--clip); not two");
    }
    int threads = this.threads == null ? Runtime.getRuntime().availableProcessors() : this.threads;
    if (threads < 1) {
      throw new InputException("--threads must be at least 1");
    }
    QeModel qe = QeCommand.loadModel(model);
    double reviewThreshold = reviewThreshold(qe.metadata());
    List<QeBatch.Item> items = QeBatch.items(batch);
    long started = System.nanoTime();
    QeBatch.Outcome outcome =
        QeBatch.run(items, qe, reviewThreshold, top == null ? DEFAULT_TOP : top, threads, out);
    double wallSeconds = (System.nanoTime() - started) / 1e9;
    PrintWriter printer = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("model", QeCommand.modelJson(qe.metadata()));
      result.put("batch", batch.toString());
      result.put("out", out.toString());
      result.put("review_threshold", reviewThreshold);
      result.put("review_threshold_source", reviewThresholdSource(qe.metadata()));
      result.put("threads", threads);
      result.put("clips", outcome.clips());
      result.put("scored", outcome.scored());
      result.put("skipped", outcome.skipped());
      result.put("audio_seconds_scored", outcome.audioSeconds());
      result.put("wall_seconds", wallSeconds);
      List<Map<String, Object>> failures = new ArrayList<>();
      for (QeBatch.Failure failure : outcome.failures()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", failure.item().file().toString());
        row.put("id", failure.item().id());
        row.put("reason", failure.reason());
        failures.add(row);
      }
      result.put("failures", failures);
      JsonOutput.print(printer, result);
    } else {
      if (!qe.metadata().passedGate()) {
        printer.printf(
            "model %s did not pass its rho gate: treat its predictions as unreliable%n",
            qe.metadata().modelId());
      }
      printer.printf(
          Locale.ROOT,
          "review threshold %.2f (%s)%n",
          reviewThreshold,
          reviewThresholdSource(qe.metadata()));
      printer.printf(
          Locale.ROOT,
          "%d clips: %d scored, %d already in %s, %d failed (%.1f s of audio in %.1f s on %d"
              + " threads)%n",
          outcome.clips(),
          outcome.scored(),
          outcome.skipped(),
          out,
          outcome.failures().size(),
          outcome.audioSeconds(),
          wallSeconds,
          threads);
      for (QeBatch.Failure failure : outcome.failures()) {
        printer.printf("  not scored: %s: %s%n", failure.item().file(), failure.reason());
      }
    }
    printer.flush();
    return outcome.failures().isEmpty() ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  private Integer predictProject() {
    if (model != null || reviewThreshold != null) {
      throw new InputException(
          "--model and --review-threshold apply to audio FILEs: project clips are predicted with"
              + " the project's model in use at its qe.review_threshold setting, else the model's"
              + " calibrated threshold");
    }
    int shown = Math.min(top == null ? DEFAULT_TOP : top, QeInference.TOP_FEATURES);
    try (Project project = ProjectAccess.openExisting(qe.root.global)) {
      Actor actor = ProjectAccess.actor(project, qe.root.global);
      ProjectSettings settings = new ProjectSettings(project);
      QeRun run =
          new QeInference(project, settings, new QeHints(project, settings)).predict(actor, clips);
      PrintWriter out = spec.commandLine().getOut();
      if (json.enabled()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("project", project.description());
        result.putAll(QeCommand.runJson(run, shown));
        JsonOutput.print(out, result);
      } else {
        out.println(QeNotes.modelLine(run));
        out.printf("%d hints stored in %s%n", run.hints().size(), project.description());
        for (QeRun.ClipHint hint : run.hints()) {
          QePrediction prediction = hint.prediction();
          out.printf(
              Locale.ROOT,
              "%s/%s  predicted WER %.3f%s  (similar predictions had observed WER %.3f)%n",
              hint.datasetId(),
              hint.clipKey(),
              prediction.predictedWer(),
              prediction.reviewRecommended() ? "  REVIEW RECOMMENDED" : "",
              prediction.calibration().meanObservedWer());
          prediction.topFeatures().stream()
              .limit(shown)
              .forEach(
                  contribution ->
                      out.printf(
                          Locale.ROOT,
                          "    %-26s %10.3f  %+.3f%n",
                          contribution.feature(),
                          contribution.value(),
                          contribution.contribution()));
        }
        QeCommand.printFailuresAndDrift(out, run);
      }
      out.flush();
      return run.failures().isEmpty() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
  }

  /** --review-threshold when given, else the threshold the model carries. */
  private double reviewThreshold(QeModelMetadata metadata) {
    return reviewThreshold == null ? metadata.defaultReviewThreshold() : reviewThreshold;
  }

  private String reviewThresholdSource(QeModelMetadata metadata) {
    return reviewThreshold == null ? metadata.reviewThresholdSource() : "--review-threshold";
  }

  private static Map<String, Object> clipJson(
      Path file, QePrediction prediction, QeModelMetadata metadata) {
    Map<String, Object> clip = new LinkedHashMap<>();
    clip.put("file", file.toString());
    clip.putAll(PredictionJson.of(prediction, metadata));
    return clip;
  }
}
