package dev.earmark.app.cli;

import dev.earmark.audio.decode.InvalidAudioException;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeModelException;
import dev.earmark.audio.qe.QeTrainer;
import dev.earmark.audio.qe.QeTrainingSettings;
import dev.earmark.audio.qe.TrainingOutcome;
import dev.earmark.audio.qe.TrainingRow;
import dev.earmark.engine.score.Scorer;
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
import picocli.CommandLine.Spec;

/**
 * {@code earmark qe train --manifest FILE}: targets are the WER of each clip's hypothesis against
 * its reference (scored by the rubric engine under the chosen normalization), features come from
 * the audio module's one feature code path. Exit 0 when the model passes the rho gate and is saved,
 * 1 when it is refused (below the gate, or too few usable clips) with the figures shown, 2 for
 * unreadable input.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the QE model on a manifest of clips with reference and hypothesis; cross-validate,"
          + " gate on Spearman rho and save the model with its lineage.",
      "Exit 1 (figures shown) when rho is below the gate or there are too few usable clips."
    })
public final class QeTrainCommand implements Callable<Integer> {
  private static final QeTrainingSettings DEFAULTS = QeTrainingSettings.defaults();

  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @Option(
      names = "--manifest",
      required = true,
      paramLabel = "FILE",
      description =
          "JSONL manifest: id, audio_filepath (relative to the manifest), reference, hypothesis.")
  Path manifest;

  @Option(
      names = "--out",
      paramLabel = "MODEL",
      defaultValue = "qe-model.qe",
      description = "Where to save the model (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--normalization",
      paramLabel = "none|ID|PATH",
      defaultValue = "en-asr@1",
      description = "Normalization before scoring targets (default: ${DEFAULT-VALUE}).")
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

  /** A manifest clip that could not be used, and why. */
  record Skipped(String id, int line, String reason) {}

  @Override
  public Integer call() {
    QeTrainingSettings settings = settings();
    ScoringNormalization chosen = ScoringNormalization.resolve(normalization);
    Scorer scorer = new Scorer(chosen.tokenizer(), chosen.protectedPhrases());
    String normalizationName = chosen.name();
    List<QeManifest.Entry> entries = QeManifest.read(manifest);
    List<TrainingRow> rows = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
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
        rows.add(TrainingRow.of(entry.id(), features, wer.getAsDouble()));
      } catch (InvalidAudioException e) {
        skipped.add(new Skipped(entry.id(), entry.line(), "not usable audio: " + e.getMessage()));
      }
    }
    String target =
        "WER of the ASR hypothesis against the reference, normalization " + normalizationName;
    TrainingOutcome outcome;
    try {
      outcome =
          new QeTrainer(
                  settings,
                  createdAt == null ? Clock.systemUTC() : Clock.fixed(createdAt, ZoneOffset.UTC))
              .train(rows, target);
    } catch (QeModelException e) {
      throw new InputException(manifest + ": " + e.getMessage());
    }
    Path saved = null;
    if (outcome instanceof TrainingOutcome.Accepted accepted) {
      saved = save(accepted.model());
    } else if (outcome instanceof TrainingOutcome.BelowGate below && saveCandidate) {
      saved = save(below.candidate());
    }
    PrintWriter writer = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.print(writer, toJson(outcome, normalizationName, rows.size(), skipped, saved));
    } else {
      printSummary(writer, outcome, normalizationName, rows.size(), skipped, saved);
    }
    writer.flush();
    return outcome instanceof TrainingOutcome.Accepted ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  private QeTrainingSettings settings() {
    try {
      return new QeTrainingSettings(
          rhoGate == null ? DEFAULTS.rhoGate() : rhoGate,
          folds == null ? DEFAULTS.folds() : folds,
          minClips == null ? DEFAULTS.minUsableClips() : minClips,
          seed == null ? DEFAULTS.seed() : seed,
          DEFAULTS.rounds(),
          DEFAULTS.maxDepth(),
          DEFAULTS.learningRate(),
          DEFAULTS.minChildWeight(),
          DEFAULTS.calibrationBins(),
          DEFAULTS.driftBins());
    } catch (QeModelException e) {
      throw new InputException(e.getMessage());
    }
  }

  private Path save(QeModel model) {
    try {
      model.save(out);
      return out;
    } catch (UncheckedIOException e) {
      throw new InputException(
          out + ": cannot write the model (" + e.getCause().getMessage() + ")");
    }
  }

  private static String status(TrainingOutcome outcome) {
    if (outcome instanceof TrainingOutcome.Accepted) {
      return "accepted";
    }
    return outcome instanceof TrainingOutcome.BelowGate ? "below_gate" : "too_few_clips";
  }

  private Map<String, Object> toJson(
      TrainingOutcome outcome,
      String normalizationName,
      int usable,
      List<Skipped> skipped,
      Path saved) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", status(outcome));
    result.put("manifest", manifest.toString());
    result.put("normalization", normalizationName);
    result.put("usable_clips", usable);
    List<Map<String, Object>> skippedJson = new ArrayList<>();
    for (Skipped clip : skipped) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", clip.id());
      row.put("line", clip.line());
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
    result.put("saved_to", saved == null ? null : saved.toString());
    return result;
  }

  private void printSummary(
      PrintWriter writer,
      TrainingOutcome outcome,
      String normalizationName,
      int usable,
      List<Skipped> skipped,
      Path saved) {
    writer.printf(
        Locale.ROOT,
        "%d usable clips from %s (targets: WER, normalization %s); %d skipped%n",
        usable,
        manifest,
        normalizationName,
        skipped.size());
    for (Skipped clip : skipped) {
      writer.printf("  skipped %s (line %d): %s%n", clip.id(), clip.line(), clip.reason());
    }
    if (outcome instanceof TrainingOutcome.TooFewClips few) {
      writer.printf(
          "REFUSED: %d usable clips; at least %d are needed for a model worth trusting.%n",
          few.usableClips(), few.minimumClips());
      return;
    }
    QeModel model =
        outcome instanceof TrainingOutcome.Accepted accepted
            ? accepted.model()
            : ((TrainingOutcome.BelowGate) outcome).candidate();
    QeCommand.printMetrics(writer, model.metadata().metrics());
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
    writer.printf(
        "model %s, feature schema v%d, training clip ids sha256 %s%n",
        model.metadata().modelId(),
        model.metadata().featureSchemaVersion(),
        model.metadata().trainingClipIdsSha256());
    if (saved != null) {
      writer.printf(
          "saved to %s%s%n",
          saved, model.metadata().passedGate() ? "" : " (marked passed_gate=false)");
    }
  }
}
