package dev.earmark.storage.qe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.audio.qe.QeTrainingSettings;
import dev.earmark.audio.qe.TrainingOutcome;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.Databases;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.export.FinalLabel;
import dev.earmark.storage.export.FinalLabels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * QE training on the demo project's own final labels: the demo has too few settled clips for the
 * default minimum, and the project's settings (not constants) decide refusal and acceptance.
 */
class QeProjectTrainingTest {
  private static final Clock FIXED =
      Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(TestClocks.FIXED);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theDemoProjectIsRefusedUntilItsSettingsAllowAModel(Supplier<Project> factory)
      throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = factory.get()) {
      new DemoProject(project).build(data, "maria");
      Actor lead = project.users().actor(DemoProject.LEAD_ID);
      ProjectSettings settings = new ProjectSettings(project);
      QeHints hints = new QeHints(project, settings);
      Policies policies = new Policies(project);
      QeProjectTraining training = new QeProjectTraining(project, policies, settings, hints);

      // Targets come from the export's own settlement of final labels.
      List<FinalLabel> finals = new FinalLabels(project, policies).list(lead);
      long settled =
          finals.stream()
              .filter(label -> label.hypothesis().isPresent())
              .filter(
                  label ->
                      label.kind() == FinalLabel.Kind.CONSENSUS
                          || label.kind() == FinalLabel.Kind.ADJUDICATED)
              .count();
      QeProjectTraining.TrainingData rows = training.trainingData(lead);
      assertThat(rows.rows()).hasSize((int) settled);
      assertThat(rows.rows().size() + rows.skipped().size()).isEqualTo(finals.size());
      assertThat(rows.skipped())
          .anyMatch(skipped -> skipped.reason().startsWith("no final label yet"));
      assertThat(rows.target()).contains("adjudicated or consensus").contains("en-asr@1");
      assertThat(rows.rows()).allMatch(row -> row.clipId().startsWith("earmark-demo/"));

      // Default minimum 30: the demo's settled clips are too few.
      assertThat(settled).isLessThan(30);
      QeProjectTraining.Result refused = training.train(lead, training.settings(), FIXED);
      assertThat(refused.outcome()).isEqualTo(new TrainingOutcome.TooFewClips((int) settled, 30));
      assertThat(refused.madeCurrent()).isFalse();
      assertThat(hints.currentModel()).isEmpty();

      // Lower the minimum and folds: the model trains and the rho gate decides.
      settings.set(lead, Setting.QE_MIN_CLIPS.key(), "10");
      settings.set(lead, Setting.QE_FOLDS.key(), "3");
      settings.set(lead, Setting.QE_RHO_GATE.key(), "0.99");
      QeTrainingSettings strict = training.settings();
      assertThat(strict.folds()).isEqualTo(3);
      QeProjectTraining.Result belowGate = training.train(lead, strict, FIXED);
      assertThat(belowGate.outcome()).isInstanceOf(TrainingOutcome.BelowGate.class);
      assertThat(((TrainingOutcome.BelowGate) belowGate.outcome()).rhoGate()).isEqualTo(0.99);
      assertThat(belowGate.madeCurrent()).isFalse();
      assertThat(hints.currentModel()).isEmpty();

      // The same data under a gate every rho passes: accepted, stored and current, with lineage.
      settings.set(lead, Setting.QE_RHO_GATE.key(), "-1");
      QeProjectTraining.Result accepted = training.train(lead, training.settings(), FIXED);
      assertThat(accepted.outcome()).isInstanceOf(TrainingOutcome.Accepted.class);
      assertThat(accepted.madeCurrent()).isTrue();
      var model = ((TrainingOutcome.Accepted) accepted.outcome()).model();
      var current = hints.currentModel().orElseThrow();
      assertThat(current.metadata()).isEqualTo(model.metadata());
      assertThat(current.metadata().settings().rhoGate()).isEqualTo(-1.0);
      assertThat(current.metadata().settings().folds()).isEqualTo(3);
      assertThat(current.metadata().metrics().clips()).isEqualTo((int) settled);
      assertThat(current.metadata().target()).isEqualTo(rows.target());
      assertThat(current.metadata().trainingClipIdsSha256()).matches("[0-9a-f]{64}");

      // Single labels count only when the lead says so.
      settings.set(lead, Setting.QE_TRAIN_ON_SINGLE_LABELS, true);
      assertThat(training.trainingData(lead).target()).contains("adjudicated, consensus or single");
    }
  }
}
