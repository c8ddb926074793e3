package dev.earmark.app.cli;

import dev.earmark.audio.decode.InvalidAudioException;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.CalibrationBin;
import dev.earmark.audio.qe.FeatureTable;
import dev.earmark.audio.qe.QeEvaluation;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelException;
import dev.earmark.audio.qe.QeTrainer;
import dev.earmark.audio.qe.QeTrainingSettings;
import dev.earmark.audio.qe.TrainingOutcome;
import dev.earmark.audio.qe.TrainingRow;
import dev.earmark.engine.score.Scorer;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.qe.QeProjectTraining;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code earmark qe train [--manifest FILE]}: targets are the WER of each clip's hypothesis against
 * its reference, features come from the audio module's one feature code path. With {@code
 * --manifest} the reference is the manifest's and the model is saved to a file; without it the
 * project's clips are used (the reference is the final label an export would ship, gate, folds and
 * minimum come from the project's settings unless given here) and an accepted model becomes the
 * project's current model. Exit 0 when the model passes the rho gate, 1 when it is refused (below
 * the gate, or too few usable clips) with the figures shown, 2 for unreadable input.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the QE model on a manifest of clips with reference and hypothesis (--manifest), or on"
          + " the project's clips with a hypothesis and a final label (adjudicated or consensus);"
          + " cross-validate, gate on Spearman rho and save the model with its lineage.",
      "With a project, the gate, folds and minimum come from its settings (qe.rho_gate, qe.folds,"
          + " qe.min_clips) unless given here, and an accepted model becomes its current model.",
      "Exit 1 (figures shown) when rho is below the gate or there are too few usable clips."
    })
public final class QeTrainCommand implements Callable<Integer> {
  private static final QeTrainingSettings DEFAULTS = QeTrainingSettings.defaults();

  @ParentCommand QeCommand qe;

  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description =
          "JSONL manifest: id, audio_filepath (relative to the manifest), reference, hypothesis."
              + " Without it, the project's clips are used.")
  Path manifest;

  @Option(
      names = "--features",
      paramLabel = "TABLE",
      description =
          "Train on a CSV feature table written by earmark qe features (no audio needed). Rows with"
              + " a group are cross-validated in grouped folds; the report adds Pearson r, the"
              + " SNR-only and duration-only baselines on the same folds and the review threshold"
              + " the calibration supports.")
  Path features;

  @Option(
      names = "--review-wer-bar",
      paramLabel = "WER",
      defaultValue = "0.2",
      description =
          "With --features: observed WER above which a clip needs review (default: ${DEFAULT-VALUE},"
              + " the default routing.transcript_wer).")
  double reviewWerBar;

  @Option(
      names = "--review-precision",
      paramLabel = "P",
      defaultValue = "0.9",
      description =
          "With --features: share of flagged clips that must be above the bar; the lowest"
              + " threshold reaching it is reported (default: ${DEFAULT-VALUE}).")
  double reviewPrecision;

  @Option(
      names = "--out",
      paramLabel = "MODEL",
      defaultValue = "qe-model.qe",
      description =
          "Where to save the model (default: ${DEFAULT-VALUE}). With a project the model is stored"
              + " in the project, and a copy is written only when --out is given.")
  Path out;

  @Option(
      names = "--normalization",
      paramLabel = "none|ID|PATH",
      defaultValue = "en-asr@1",
      description =
          "Normalization before scoring manifest targets (default: ${DEFAULT-VALUE}); with"
              + " --features, the one the table was scored under (recorded in the model). A"
              + " project scores under its ASR label policy's rule set and refuses this option.")
  String normalization;

  @Option(names = "--rho-gate", paramLabel = "RHO", description = "Lowest accepted rho.")
  Double rhoGate;

  @Option(names = "--folds", paramLabel = "K", description = "Cross-validation folds.")
  Integer folds;

  @Option(names = "--min-clips", paramLabel = "N", description = "Fewest usable clips.")
  Integer minClips;

  @Option(names = "--seed", paramLabel = "SEED", description = "Seed for folds and XGBoost.")
  Long seed;

  @Option(
      names = "--created-at",
      paramLabel = "INSTANT",
      description =
          "Training time recorded in the model (ISO-8601, e.g. 2026-11-21T00:00:00Z; default:"
              + " now). Fixing it makes the model file reproducible to the byte.")
  Instant createdAt;

  @Option(
      names = "--save-candidate",
      description =
          "Also save a model refused by the rho gate, marked passed_gate=false (still exit 1).")
  boolean saveCandidate;

  /** A clip that could not be used, and why; the manifest line, or null for a project clip. */
  record Skipped(String id, Integer line, String reason) {}

  /** With --features: the model against its baselines, shown with the training report. */
  private QeEvaluation evaluation;

  @Override
  public Integer call() {
    if (features != null) {
      if (manifest != null) {
        throw new InputException("give --manifest or --features, not both");
      }
      return trainFeatures();
    }
    if (manifest == null) {
      return trainProject();
    }
    QeTrainingSettings settings = settings(DEFAULTS);
    ScoringNormalization chosen = ScoringNormalization.resolve(normalization);
    Scorer scorer = new Scorer(chosen.tokenizer(), chosen.protectedPhrases());
    String normalizationName = chosen.name();
    List<Skipped> skipped = new ArrayList<>();
    List<TrainingRow> rows = manifestRows(QeManifest.read(manifest), scorer, skipped);
    String target =
        "WER of the ASR hypothesis against the reference, normalization " + normalizationName;
    TrainingOutcome outcome;
    try {
      outcome = new QeTrainer(settings, clock()).train(rows, target, reviewWerBar, reviewPrecision);
    } catch (QeModelException e) {
      throw new InputException(manifest + ": " + e.getMessage());
    }
    Path saved = null;
    if (outcome instanceof TrainingOutcome.Accepted accepted) {
      saved = save(accepted.model(), out);
    } else if (outcome instanceof TrainingOutcome.BelowGate below && saveCandidate) {
      saved = save(below.candidate(), out);
    }
    Source source =
        new Source(
            manifest.toString(),
            "WER, normalization " + normalizationName,
            rows.size(),
            skipped,
            null);
    print(outcome, source, saved);
    return outcome instanceof TrainingOutcome.Accepted ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  /**
   * One training row per usable manifest clip: WER of its hypothesis against its reference under
   * {@code scorer}, features from the audio module's one code path, its group if the manifest gives
   * one. Unusable clips are added to {@code skipped} with the reason.
   */
  static List<TrainingRow> manifestRows(
      List<QeManifest.Entry> entries, Scorer scorer, List<Skipped> skipped) {
    List<TrainingRow> rows = new ArrayList<>();
    for (QeManifest.Entry entry : entries) {
      if (entry.reference().isEmpty() || entry.hypothesis().isEmpty()) {
        skipped.add(new Skipped(entry.id(), entry.line(), "no reference or no hypothesis"));
        continue;
      }
      OptionalDouble wer =
          scorer.score(entry.id(), "", entry.reference().get(), entry.hypothesis().get()).wer();
      if (wer.isEmpty()) {
        skipped.add(new Skipped(entry.id(), entry.line(), "reference has no words"));
        continue;
      }
      if (!Files.isRegularFile(entry.audio())) {
        skipped.add(new Skipped(entry.id(), entry.line(), "no audio file " + entry.audio()));
        continue;
      }
      try {
        double[] features = FeatureExtractor.extract(entry.audio()).vector();
        rows.add(
            TrainingRow.of(entry.id(), features, wer.getAsDouble())
                .withGroup(entry.group().orElse(null)));
      } catch (InvalidAudioException e) {
        skipped.add(new Skipped(entry.id(), entry.line(), "not usable audio: " + e.getMessage()));
      }
    }
    return rows;
  }

  /**
   * Where the rows came from, for the report.
   *
   * @param madeCurrent null in manifest mode; with a project, whether the model is now current
   */
  private record Source(
      String name, String targets, int usable, List<Skipped> skipped, Boolean madeCurrent) {}

  private Integer trainFeatures() {
    QeTrainingSettings settings = settings(DEFAULTS);
    List<TrainingRow> rows;
    TrainingOutcome outcome;
    try {
      rows = FeatureTable.read(features);
      outcome =
          new QeTrainer(settings, clock())
              .train(
                  rows,
                  "WER of the ASR hypothesis against the reference, normalization "
                      + normalization
                      + ", from the feature table "
                      + features.getFileName(),
                  reviewWerBar,
                  reviewPrecision);
      if (!(outcome instanceof TrainingOutcome.TooFewClips)) {
        evaluation = QeEvaluation.evaluate(rows, settings, reviewWerBar, reviewPrecision, 10);
      }
    } catch (QeModelException e) {
      throw new InputException(e.getMessage());
    }
    Path saved = null;
    if (outcome instanceof TrainingOutcome.Accepted accepted) {
      saved = save(accepted.model(), out);
    } else if (outcome instanceof TrainingOutcome.BelowGate below && saveCandidate) {
      saved = save(below.candidate(), out);
    }
    print(
        outcome,
        new Source(features.toString(), "WER from the feature table", rows.size(), List.of(), null),
        saved);
    return outcome instanceof TrainingOutcome.Accepted ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  private static Map<String, Object> figuresJson(QeEvaluation.Figures figures) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("spearman_rho", figures.spearmanRho());
    result.put("pearson_r", figures.pearsonR());
    result.put("mean_absolute_error", figures.meanAbsoluteError());
    return result;
  }

  private Map<String, Object> evaluationJson() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("grouped_folds", evaluation.grouped());
    result.put("model", figuresJson(evaluation.model()));
    result.put("snr_only_baseline", figuresJson(evaluation.snrOnly()));
    result.put("duration_only_baseline", figuresJson(evaluation.durationOnly()));
    List<Map<String, Object>> bins = new ArrayList<>();
    for (CalibrationBin bin : evaluation.calibration()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("predicted_low", bin.predictedLow());
      row.put("predicted_high", bin.predictedHigh());
      row.put("clips", bin.clips());
      row.put("mean_predicted_wer", bin.meanPredictedWer());
      row.put("mean_observed_wer", bin.meanObservedWer());
      bins.add(row);
    }
    result.put("calibration", bins);
    QeEvaluation.ReviewThreshold review = evaluation.review();
    Map<String, Object> threshold = new LinkedHashMap<>();
    threshold.put("wer_bar", review.werBar());
    threshold.put("target_precision", review.targetPrecision());
    threshold.put(
        "threshold", review.threshold().isPresent() ? review.threshold().getAsDouble() : null);
    threshold.put("precision", review.threshold().isPresent() ? review.precision() : null);
    threshold.put("recall", review.recall());
    threshold.put("flagged", review.flagged());
    threshold.put("above_bar", review.aboveBar());
    threshold.put("clips", review.clips());
    result.put("review_threshold", threshold);
    return result;
  }

  private void printEvaluation(PrintWriter writer) {
    writer.printf(
        "out of fold, %s folds:%n", evaluation.grouped() ? "grouped" : "ungrouped (clip by clip)");
    for (var named :
        List.of(
            Map.entry("model", evaluation.model()),
            Map.entry("SNR-only baseline", evaluation.snrOnly()),
            Map.entry("duration-only baseline", evaluation.durationOnly()))) {
      writer.printf(
          Locale.ROOT,
          "  %-22s Spearman %.3f  Pearson %.3f  MAE %.3f%n",
          named.getKey(),
          named.getValue().spearmanRho(),
          named.getValue().pearsonR(),
          named.getValue().meanAbsoluteError());
    }
    QeEvaluation.ReviewThreshold review = evaluation.review();
    if (review.threshold().isPresent()) {
      writer.printf(
          Locale.ROOT,
          "review threshold %.3f: of the %d clips predicted at or above it, %.1f%% had observed WER"
              + " above %.2f (target %.0f%%); it flags %.1f%% of the %d such clips%n",
          review.threshold().getAsDouble(),
          review.flagged(),
          100 * review.precision(),
          review.werBar(),
          100 * review.targetPrecision(),
          100 * review.recall(),
          review.aboveBar());
    } else {
      writer.printf(
          Locale.ROOT,
          "no review threshold reaches %.0f%% of flagged clips above WER %.2f%n",
          100 * review.targetPrecision(),
          review.werBar());
    }
  }

  private Integer trainProject() {
    ParseResult given = spec.commandLine().getParseResult();
    if (given.hasMatchedOption("--normalization")) {
      throw new InputException(
          "--normalization applies to --manifest only: a project scores targets under its ASR"
              + " label policy's rule set, the one that settles its consensus labels");
    }
    try (Project project = ProjectAccess.openExisting(qe.root.global)) {
      Actor actor = ProjectAccess.actor(project, qe.root.global);
      ProjectSettings projectSettings = new ProjectSettings(project);
      QeProjectTraining training =
          new QeProjectTraining(
              project,
              new Policies(project),
              projectSettings,
              new QeHints(project, projectSettings));
      QeTrainingSettings inForce;
      try {
        inForce = training.settings();
      } catch (QeModelException e) {
        throw new InputException(
            "the project's QE settings (qe.rho_gate, qe.folds, qe.min_clips) are out of range: "
                + e.getMessage());
      }
      QeProjectTraining.Result result;
      try {
        result = training.train(actor, settings(inForce), clock());
      } catch (QeModelException e) {
        throw new InputException(project.description() + ": " + e.getMessage());
      }
      TrainingOutcome outcome = result.outcome();
      Path saved = null;
      if (out != null && outcome instanceof TrainingOutcome.Accepted accepted) {
        saved = save(accepted.model(), out);
      } else if (out != null
          && outcome instanceof TrainingOutcome.BelowGate below
          && saveCandidate) {
        saved = save(below.candidate(), out);
      }
      List<Skipped> skipped = new ArrayList<>();
      result
          .data()
          .skipped()
          .forEach(clip -> skipped.add(new Skipped(clip.clipId(), null, clip.reason())));
      Source source =
          new Source(
              "project " + project.description(),
              result.data().target(),
              result.data().rows().size(),
              skipped,
              result.madeCurrent());
      print(outcome, source, saved);
      return outcome instanceof TrainingOutcome.Accepted ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
  }

  private Clock clock() {
    return createdAt == null ? qe.root.global.clock() : Clock.fixed(createdAt, ZoneOffset.UTC);
  }

  private void print(TrainingOutcome outcome, Source source, Path saved) {
    PrintWriter writer = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(writer, toJson(outcome, source, saved));
    } else {
      printSummary(writer, outcome, source, saved);
    }
    writer.flush();
  }

  /** {@code base} (defaults, or the project's settings) with the options given here on top. */
  /** Out-of-range options fail as a QeModelException, whose sentence the launcher prints. */
  private QeTrainingSettings settings(QeTrainingSettings base) {
    return new QeTrainingSettings(
        rhoGate == null ? base.rhoGate() : rhoGate,
        folds == null ? base.folds() : folds,
        minClips == null ? base.minUsableClips() : minClips,
        seed == null ? base.seed() : seed,
        base.rounds(),
        base.maxDepth(),
        base.learningRate(),
        base.minChildWeight(),
        base.calibrationBins(),
        base.driftBins());
  }

  private static Path save(QeModel model, Path file) {
    try {
      model.save(file);
      return file;
    } catch (UncheckedIOException e) {
      throw new InputException(
          file + ": cannot write the model (" + e.getCause().getMessage() + ")");
    }
  }

  private static String status(TrainingOutcome outcome) {
    if (outcome instanceof TrainingOutcome.Accepted) {
      return "accepted";
    }
    return outcome instanceof TrainingOutcome.BelowGate ? "below_gate" : "too_few_clips";
  }

  private Map<String, Object> toJson(TrainingOutcome outcome, Source source, Path saved) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", status(outcome));
    if (features != null) {
      result.put("features", features.toString());
    } else if (manifest != null) {
      result.put("manifest", manifest.toString());
      result.put("normalization", source.targets().substring("WER, normalization ".length()));
    } else {
      result.put("project", source.name().substring("project ".length()));
      result.put("target", source.targets());
    }
    result.put("usable_clips", source.usable());
    List<Map<String, Object>> skippedJson = new ArrayList<>();
    for (Skipped clip : source.skipped()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", clip.id());
      if (clip.line() != null) {
        row.put("line", clip.line());
      }
      row.put("reason", clip.reason());
      skippedJson.add(row);
    }
    result.put("skipped", skippedJson);
    if (outcome instanceof TrainingOutcome.TooFewClips few) {
      result.put("min_usable_clips", few.minimumClips());
    } else {
      QeModel model =
          outcome instanceof TrainingOutcome.Accepted accepted
              ? accepted.model()
              : ((TrainingOutcome.BelowGate) outcome).candidate();
      result.put("metrics", QeCommand.metricsJson(model.metadata().metrics()));
      result.put("model", QeCommand.modelJson(model.metadata()));
    }
    if (evaluation != null) {
      result.put("evaluation", evaluationJson());
    }
    if (source.madeCurrent() != null) {
      result.put("current_model", source.madeCurrent());
    }
    result.put("saved_to", saved == null ? null : saved.toString());
    return result;
  }

  private void printSummary(
      PrintWriter writer, TrainingOutcome outcome, Source source, Path saved) {
    writer.printf(
        Locale.ROOT,
        "%d usable clips from %s (targets: %s); %d skipped%n",
        source.usable(),
        source.name(),
        source.targets(),
        source.skipped().size());
    for (Skipped clip : source.skipped()) {
      if (clip.line() == null) {
        writer.printf("  skipped %s: %s%n", clip.id(), clip.reason());
      } else {
        writer.printf("  skipped %s (line %d): %s%n", clip.id(), clip.line(), clip.reason());
      }
    }
    if (outcome instanceof TrainingOutcome.TooFewClips few) {
      writer.printf(
          "REFUSED: %d usable clips; at least %d are needed for a model worth trusting.%n",
          few.usableClips(), few.minimumClips());
      if (source.madeCurrent() != null) {
        writer.println("Nothing was stored; the project keeps its current QE model, if any.");
      }
      return;
    }
    QeModel model =
        outcome instanceof TrainingOutcome.Accepted accepted
            ? accepted.model()
            : ((TrainingOutcome.BelowGate) outcome).candidate();
    QeCommand.printMetrics(writer, model.metadata().metrics());
    if (evaluation != null) {
      printEvaluation(writer);
    }
    if (outcome instanceof TrainingOutcome.BelowGate below) {
      writer.printf(
          Locale.ROOT,
          "REFUSED: cross-validated Spearman rho is below the gate %.2f.%n",
          below.rhoGate());
    } else {
      writer.printf(
          Locale.ROOT,
          "ACCEPTED: rho reaches the gate %.2f.%n",
          model.metadata().settings().rhoGate());
    }
    QeCommand.printLineage(writer, model.metadata());
    if (source.madeCurrent() != null) {
      writer.println(
          source.madeCurrent()
              ? "stored in the project as its current QE model"
              : "not stored: the project keeps its current QE model, if any");
    }
    if (saved != null) {
      writer.printf(
          "saved to %s%s%n",
          saved, model.metadata().passedGate() ? "" : " (marked passed_gate=false)");
    }
  }
}
