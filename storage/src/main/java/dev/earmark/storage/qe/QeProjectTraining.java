package dev.earmark.storage.qe;

import dev.earmark.audio.AudioException;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QeTrainer;
import dev.earmark.audio.qe.QeTrainingSettings;
import dev.earmark.audio.qe.TrainingOutcome;
import dev.earmark.audio.qe.TrainingRow;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.score.ProtectedPhrases;
import dev.earmark.engine.score.Scorer;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.export.FinalLabel;
import dev.earmark.storage.export.FinalLabels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Trains the project's QE model on its own clips. The target of a clip is the WER of its ASR
 * hypothesis against its final label as an export settles it ({@link FinalLabels}: adjudicated or
 * consensus, and a single label only when {@link Setting#QE_TRAIN_ON_SINGLE_LABELS} is on), scored
 * under the ASR policy's rule set; features come from {@link FeatureExtractor}, the same code path
 * as serving. The gate, folds and minimum come from the project's settings unless the caller
 * overrides them. An accepted model is stored and becomes the project's current model; a refused
 * one is returned with its figures and stored nowhere. Lead only. Stateless apart from the project;
 * thread-safe as far as the project is.
 */
public final class QeProjectTraining {
  private final Project project;
  private final Policies policies;
  private final ProjectSettings settings;
  private final QeHints hints;

  public QeProjectTraining(
      Project project, Policies policies, ProjectSettings settings, QeHints hints) {
    this.project = project;
    this.policies = policies;
    this.settings = settings;
    this.hints = hints;
  }

  /** A clip that is not used for training, and why. */
  public record Skipped(String clipId, String reason) {}

  /**
   * The rows training would use and the clips it leaves out.
   *
   * @param target what the rows' WER measures (recorded in the model's lineage)
   */
  public record TrainingData(List<TrainingRow> rows, List<Skipped> skipped, String target) {
    public TrainingData {
      rows = List.copyOf(rows);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * What training did.
   *
   * @param madeCurrent true when the model was accepted, stored and is now the project's current
   *     model
   */
  public record Result(TrainingData data, TrainingOutcome outcome, boolean madeCurrent) {}

  /**
   * The training settings in force: {@code qe.rho_gate}, {@code qe.folds} and {@code qe.min_clips}
   * from the project, everything else the defaults.
   *
   * @throws dev.earmark.audio.qe.QeModelException when the stored settings are out of range
   */
  public QeTrainingSettings settings() {
    QeTrainingSettings defaults = QeTrainingSettings.defaults();
    return new QeTrainingSettings(
        settings.number(Setting.QE_RHO_GATE),
        settings.wholeNumber(Setting.QE_FOLDS),
        settings.wholeNumber(Setting.QE_MIN_CLIPS),
        defaults.seed(),
        defaults.rounds(),
        defaults.maxDepth(),
        defaults.learningRate(),
        defaults.minChildWeight(),
        defaults.calibrationBins(),
        defaults.driftBins());
  }

  /**
   * Reads every labelled ASR clip, keeps those with a hypothesis, a final reference with words and
   * measurable audio, and says why each other one is left out. Clip ids are {@code
   * dataset/clip-key}.
   *
   * @throws dev.earmark.storage.StorageException when the project has no ASR label policy
   */
  public TrainingData trainingData(Actor actor) {
    Access.require(project, actor, "train a QE model", Role.LEAD);
    FinalLabels finalLabels = new FinalLabels(project, policies);
    Normalizer normalizer = finalLabels.normalizer();
    Scorer scorer =
        new Scorer(normalizer::tokens, ProtectedPhrases.of(normalizer.protectedPhrases()));
    boolean singleCounts = settings.flag(Setting.QE_TRAIN_ON_SINGLE_LABELS);
    List<TrainingRow> rows = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (FinalLabel label : finalLabels.list(actor)) {
      String id = label.datasetId() + "/" + label.clipKey();
      if (label.hypothesis().isEmpty()) {
        skipped.add(new Skipped(id, "no ASR hypothesis"));
        continue;
      }
      switch (label.kind()) {
        case UNRESOLVED -> {
          skipped.add(new Skipped(id, "no final label yet (open dispute or disagreement)"));
          continue;
        }
        case SINGLE -> {
          if (!singleCounts) {
            skipped.add(
                new Skipped(
                    id,
                    "only one label, neither consensus nor adjudicated (setting"
                        + " qe.train_on_single_labels is off)"));
            continue;
          }
        }
        case CONSENSUS, ADJUDICATED -> {
          // a final reference
        }
      }
      OptionalDouble wer = scorer.score(id, "", label.transcript(), label.hypothesis().get()).wer();
      if (wer.isEmpty()) {
        skipped.add(new Skipped(id, "the final transcript has no words"));
        continue;
      }
      try {
        double[] features = FeatureExtractor.extract(Path.of(label.audioPath())).vector();
        rows.add(TrainingRow.of(id, features, wer.getAsDouble()));
      } catch (AudioException e) {
        skipped.add(new Skipped(id, "audio not usable: " + e.getMessage()));
      }
    }
    String target =
        "WER of the ASR hypothesis against the project's final label ("
            + (singleCounts ? "adjudicated, consensus or single" : "adjudicated or consensus")
            + "), normalization "
            + finalLabels.ruleSetId().orElse("none");
    return new TrainingData(rows, skipped, target);
  }

  /**
   * Trains on {@link #trainingData} with {@code trainingSettings}; an accepted model is stored as
   * the project's current model.
   *
   * @param clock the model's creation time (fix it for a reproducible model file)
   */
  public Result train(Actor actor, QeTrainingSettings trainingSettings, Clock clock) {
    TrainingData data = trainingData(actor);
    TrainingOutcome outcome =
        new QeTrainer(trainingSettings, clock)
            .train(
                data.rows(),
                data.target(),
                // The calibrated review threshold is chosen against the project's own bar.
                settings.number(Setting.ROUTING_TRANSCRIPT_WER),
                QeTrainer.DEFAULT_REVIEW_PRECISION);
    if (outcome instanceof TrainingOutcome.Accepted accepted) {
      QeModel model = accepted.model();
      hints.storeModel(actor, model);
      // Re-training on the same data gives the same model id; storing it again changes nothing,
      // so say whether it is the current model rather than assume it.
      boolean current =
          hints
              .currentModel()
              .map(stored -> stored.metadata().modelId().equals(model.metadata().modelId()))
              .orElse(false);
      return new Result(data, outcome, current);
    }
    return new Result(data, outcome, false);
  }
}
