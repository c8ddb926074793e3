package dev.earmark.app.gui.qe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.audio.qe.CalibrationBin;
import dev.earmark.audio.qe.FeatureContribution;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QePrediction;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.qe.QeHints;
import dev.earmark.storage.settings.ProjectSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QE hint as the panel reads it, on a real demo project with Earmark's default model stored and
 * one hint recorded on a clip the demo left without one: the calibration bin comes from the model's
 * own cross-validated table, and storage keeps the hint from annotators (the demo does not show
 * hints to them).
 */
class QeHintReaderTest {
  @TempDir Path dir;

  @Test
  void aRecordedHintIsShownWithTheModelsCalibrationBinAndNotToAnnotators() {
    DemoCreation.create(dir.resolve("demo"), "lead-demo", TestClocks.FIXED);
    try (Project project = Project.openEmbedded(dir.resolve("demo"), false, TestClocks.FIXED)) {
      long clipId =
          project
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "SELECT MIN(id) FROM clips c WHERE status = 'active' AND NOT EXISTS"
                                  + " (SELECT 1 FROM qe_hints h WHERE h.clip_id = c.id)")
                          .mapTo(Long.class)
                          .one());
      QeHintReader adjudicator = new QeHintReader(project, "adj-demo");
      assertThat(adjudicator.read(clipId)).isEmpty();

      QeModel model = QeModel.loadDefault();
      CalibrationBin bin = model.metadata().metrics().binFor(0.34);
      QeHints hints = new QeHints(project, new ProjectSettings(project));
      var lead = project.users().actor("lead-demo");
      hints.storeModel(lead, model);
      hints.recordHints(
          lead,
          model.metadata().modelId(),
          Map.of(
              clipId,
              new QePrediction(
                  0.34,
                  true,
                  0.3,
                  bin,
                  List.of(
                      new FeatureContribution("snr_db", 4.0, 0.12),
                      new FeatureContribution("speech_ratio", 0.5, -0.05)))));

      QeHintSummary summary = adjudicator.read(clipId).orElseThrow();

      assertThat(summary.predictionLine()).isEqualTo("predicted WER 0.34");
      assertThat(summary.flagLine())
          .isEqualTo("review recommended (≥ 0.30, the project's qe.review_threshold setting)");
      assertThat(summary.calibration()).contains(bin);
      assertThat(summary.calibrationLine())
          .startsWith("calibration: predictions ")
          .contains(
              String.format(java.util.Locale.ROOT, "observed WER %.2f", bin.meanObservedWer()));
      assertThat(summary.featuresLine()).isEqualTo("snr_db +0.12 · speech_ratio −0.05");
      assertThat(new QeHintReader(project, "ann-alex").read(clipId)).isEmpty();
    }
  }
}
