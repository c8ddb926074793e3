package dev.earmark.audio.qe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earmark.audio.features.FeatureSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class QeEvaluationTest {
  @Test
  void theReviewThresholdIsTheLowestThatReachesThePrecision() {
    // Sorted by prediction; observed above the 0.2 bar marked *.
    double[] predicted = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    double[] observed = {0.0, 0.5, 0.1, 0.3, 0.0, 0.9, 0.4, 0.6};
    //                        *         *         *    *    *
    // Flagged at or above: 0.6 -> 3 of 3 above (100 %), 0.5 -> 3 of 4 (75 %), 0.4 -> 4 of 5
    // (80 %), 0.3 -> 4 of 6, 0.2 -> 5 of 7, 0.1 -> 5 of 8. Precision is not monotone: the lowest
    // threshold reaching 80 % is 0.4 (above the 75 % at 0.5); 90 % needs 0.6.
    QeEvaluation.ReviewThreshold eighty =
        QeEvaluation.reviewThreshold(predicted, observed, 0.2, 0.8);
    assertEquals(0.4, eighty.threshold().getAsDouble());
    assertEquals(5, eighty.flagged());
    assertEquals(0.8, eighty.precision(), 1e-12);
    assertEquals(5, eighty.aboveBar());
    assertEquals(0.8, eighty.recall(), 1e-12);
    assertEquals(
        0.6, QeEvaluation.reviewThreshold(predicted, observed, 0.2, 0.9).threshold().getAsDouble());
    assertTrue(
        QeEvaluation.reviewThreshold(predicted, new double[8], 0.2, 0.5).threshold().isEmpty());
  }

  @Test
  void aBaselineSeesOneFeatureAndKeepsTheGroups() {
    List<TrainingRow> rows =
        SyntheticClips.snrDriven(10, 4, 0).stream().map(row -> row.withGroup("g")).toList();
    int snr = FeatureSchema.NAMES.indexOf(QeEvaluation.SNR);
    for (int i = 0; i < rows.size(); i++) {
      TrainingRow only = QeEvaluation.only(rows, QeEvaluation.SNR).get(i);
      assertEquals("g", only.group());
      assertEquals(rows.get(i).targetWer(), only.targetWer());
      for (int f = 0; f < FeatureSchema.NAMES.size(); f++) {
        assertEquals(f == snr ? rows.get(i).features().get(f) : 0.0, only.features().get(f));
      }
    }
  }

  @Test
  void onSnrDrivenClipsTheSnrBaselineIsAsGoodAsTheModelAndDurationIsUseless() {
    List<TrainingRow> rows = SyntheticClips.snrDriven(80, 5, 0);
    QeEvaluation evaluation = QeEvaluation.evaluate(rows, QeTrainerTest.FAST, 0.2, 0.9, 10);
    assertTrue(evaluation.model().spearmanRho() > 0.8);
    assertTrue(evaluation.snrOnly().spearmanRho() > 0.8);
    assertTrue(evaluation.snrOnly().pearsonR() > 0.8);
    assertTrue(Math.abs(evaluation.durationOnly().spearmanRho()) < 0.4);
    assertEquals(10, evaluation.calibration().size());
    // The model's own figures are those QeTrainer reports: same folds, same learner.
    QeMetrics metrics =
        ((TrainingOutcome.Accepted)
                new QeTrainer(QeTrainerTest.FAST, QeTrainerTest.CLOCK).train(rows, "t"))
            .model()
            .metadata()
            .metrics();
    assertEquals(metrics.spearmanRho(), evaluation.model().spearmanRho());
    assertEquals(metrics.meanAbsoluteError(), evaluation.model().meanAbsoluteError());
  }
}
