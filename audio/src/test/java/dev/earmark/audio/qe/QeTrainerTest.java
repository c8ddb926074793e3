package dev.earmark.audio.qe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earmark.audio.features.FeatureSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QeTrainerTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  static final QeTrainingSettings FAST =
      new QeTrainingSettings(0.4, 5, 30, 17L, 60, 3, 0.1, 1.0, 5, 10);

  static QeModel trainedOnSnr() {
    TrainingOutcome outcome =
        new QeTrainer(FAST, CLOCK).train(SyntheticClips.snrDriven(60, 1, 0), "synthetic WER");
    return assertInstanceOf(TrainingOutcome.Accepted.class, outcome).model();
  }

  @Test
  void aLearnableRelationIsAcceptedWithCrossValidatedFigures() {
    QeModel model = trainedOnSnr();
    QeModelMetadata metadata = model.metadata();
    QeMetrics metrics = metadata.metrics();
    assertTrue(metadata.passedGate());
    assertEquals(60, metrics.clips());
    assertEquals(5, metrics.folds());
    assertTrue(metrics.spearmanRho() > 0.8, "rho " + metrics.spearmanRho());
    assertTrue(metrics.meanAbsoluteError() < 0.15, "MAE " + metrics.meanAbsoluteError());
    assertEquals(5, metrics.calibration().size());
    assertEquals(60, metrics.calibration().stream().mapToInt(CalibrationBin::clips).sum());
    // Calibration rows go up in predicted and, for a good model, in observed WER.
    CalibrationBin lowest = metrics.calibration().get(0);
    CalibrationBin highest = metrics.calibration().get(4);
    assertTrue(lowest.predictedHigh() <= highest.predictedLow());
    assertTrue(lowest.meanObservedWer() < highest.meanObservedWer());
    assertEquals(FeatureSchema.VERSION, metadata.featureSchemaVersion());
    assertEquals(FeatureSchema.NAMES, metadata.featureNames());
    assertEquals(CLOCK.instant(), metadata.createdAt());
    assertEquals("synthetic WER", metadata.target());
    assertEquals(FeatureSchema.NAMES.size(), metadata.featureBaselines().size());
    assertTrue(metadata.modelId().matches("qe-[0-9a-f]{12}"));
  }

  @Test
  void unrelatedTargetsAreRefusedWithTheirFigures() {
    TrainingOutcome outcome =
        new QeTrainer(FAST, CLOCK).train(SyntheticClips.unrelated(60, 2), "noise");
    TrainingOutcome.BelowGate refused = assertInstanceOf(TrainingOutcome.BelowGate.class, outcome);
    assertTrue(refused.metrics().spearmanRho() < 0.4, "rho " + refused.metrics().spearmanRho());
    assertEquals(0.4, refused.rhoGate());
    assertFalse(refused.candidate().metadata().passedGate());
    assertEquals(refused.metrics(), refused.candidate().metadata().metrics());
  }

  @Test
  void theGateIsASettingNotAConstant() {
    TrainingOutcome outcome =
        new QeTrainer(FAST.withRhoGate(0.99), CLOCK)
            .train(SyntheticClips.snrDriven(60, 1, 0), "synthetic WER");
    assertInstanceOf(TrainingOutcome.BelowGate.class, outcome);
  }

  @Test
  void tooFewClipsIsAClearRefusalWithoutTraining() {
    TrainingOutcome outcome =
        new QeTrainer(FAST, CLOCK).train(SyntheticClips.snrDriven(29, 1, 0), "synthetic WER");
    assertEquals(new TrainingOutcome.TooFewClips(29, 30), outcome);
    assertEquals(
        new TrainingOutcome.TooFewClips(0, 10),
        new QeTrainer(FAST.withMinUsableClips(10), CLOCK).train(List.of(), "none"));
  }

  @Test
  void trainingIsRepeatableToTheByte() {
    byte[] first = trainedOnSnr().toBytes();
    byte[] second = trainedOnSnr().toBytes();
    assertArrayEquals(first, second);
  }

  @Test
  void theModelIdFollowsTheLineageNotTheClock() {
    List<TrainingRow> rows = SyntheticClips.snrDriven(60, 1, 0);
    Clock later = Clock.offset(CLOCK, java.time.Duration.ofDays(3));
    QeModel now = model(new QeTrainer(FAST, CLOCK).train(rows, "t"));
    QeModel then = model(new QeTrainer(FAST, later).train(rows, "t"));
    QeModel otherSeed = model(new QeTrainer(FAST.withSeed(99), CLOCK).train(rows, "t"));
    List<TrainingRow> reversed = new ArrayList<>(rows);
    java.util.Collections.reverse(reversed);
    QeModel reordered = model(new QeTrainer(FAST, CLOCK).train(reversed, "t"));
    assertEquals(now.metadata().modelId(), then.metadata().modelId());
    assertNotEquals(now.metadata().createdAt(), then.metadata().createdAt());
    assertNotEquals(now.metadata().modelId(), otherSeed.metadata().modelId());
    assertEquals(
        now.metadata().trainingClipIdsSha256(), reordered.metadata().trainingClipIdsSha256());
  }

  @Test
  void clipIdsHashIsSha256OfSortedIdsOnePerLine() {
    List<TrainingRow> rows =
        List.of(
            TrainingRow.of("b", new double[FeatureSchema.NAMES.size()], 0),
            TrainingRow.of("a", new double[FeatureSchema.NAMES.size()], 0));
    // printf 'a\nb\n' | sha256sum
    assertEquals(
        "911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2",
        QeTrainer.clipIdsHash(rows));
  }

  @Test
  void malformedRowsAreRefusedNamingTheClip() {
    QeModelException duplicate =
        assertThrows(
            QeModelException.class,
            () -> {
              List<TrainingRow> rows = new ArrayList<>(SyntheticClips.snrDriven(40, 1, 0));
              rows.add(rows.get(0));
              new QeTrainer(FAST, CLOCK).train(rows, "t");
            });
    assertTrue(duplicate.getMessage().contains("clip-000"));
    assertThrows(QeModelException.class, () -> TrainingRow.of("x", new double[3], 0.1));
    double[] features = new double[FeatureSchema.NAMES.size()];
    features[0] = Double.NaN;
    assertTrue(
        assertThrows(QeModelException.class, () -> TrainingRow.of("x", features, 0.1))
            .getMessage()
            .contains("duration_s"));
    assertThrows(
        QeModelException.class,
        () -> TrainingRow.of("x", new double[FeatureSchema.NAMES.size()], -0.1));
    assertThrows(QeModelException.class, () -> FAST.withFolds(1));
  }

  static QeModel model(TrainingOutcome outcome) {
    return assertInstanceOf(TrainingOutcome.Accepted.class, outcome).model();
  }
}
