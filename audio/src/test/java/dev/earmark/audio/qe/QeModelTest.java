package dev.earmark.audio.qe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earmark.audio.decode.AudioDecoderTestAccess;
import dev.earmark.audio.features.AcousticFeatures;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.features.FeatureSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QeModelTest {
  static QeModel model;

  @BeforeAll
  static void train() {
    model = QeTrainerTest.trainedOnSnr();
  }

  static double[] withSnr(double snr) {
    double[] features = SyntheticClips.plausible(new Random(5));
    features[SyntheticClips.SNR] = snr;
    return features;
  }

  @Test
  void lowSnrPredictsMoreErrorsAndIsFlaggedAtTheGivenThreshold() {
    QePrediction noisy = model.predict(withSnr(2), 0.5, 3);
    QePrediction clean = model.predict(withSnr(28), 0.5, 3);
    assertTrue(noisy.predictedWer() > clean.predictedWer() + 0.4);
    assertTrue(noisy.reviewRecommended());
    assertFalse(clean.reviewRecommended());
    assertEquals(0.5, noisy.reviewThreshold());
    // The threshold is the caller's: the same clip is not flagged at a higher one.
    assertFalse(model.predict(withSnr(2), noisy.predictedWer() + 0.01, 3).reviewRecommended());
  }

  @Test
  void topFeaturesAreTheLargestContributionsAndSnrLeads() {
    QePrediction prediction = model.predict(withSnr(2), 0.5, 3);
    List<FeatureContribution> top = prediction.topFeatures();
    assertEquals(3, top.size());
    assertEquals("snr_db", top.get(0).feature());
    assertEquals(2, top.get(0).value(), 1e-6);
    assertTrue(top.get(0).contribution() > 0, "low SNR pushes predicted WER up");
    for (int i = 1; i < top.size(); i++) {
      assertTrue(Math.abs(top.get(i - 1).contribution()) >= Math.abs(top.get(i).contribution()));
    }
    assertEquals(
        FeatureSchema.NAMES.size(), model.predict(withSnr(2), 0.5, 100).topFeatures().size());
    assertEquals(0, model.predict(withSnr(2), 0.5, 0).topFeatures().size());
  }

  @Test
  void thePredictionCarriesTheCalibrationBinItFallsIn() {
    QePrediction prediction = model.predict(withSnr(2), 0.5, 1);
    CalibrationBin bin = prediction.calibration();
    List<CalibrationBin> table = model.metadata().metrics().calibration();
    assertTrue(table.contains(bin));
    assertEquals(table.get(table.size() - 1), model.metadata().metrics().binFor(10));
    assertEquals(table.get(0), model.metadata().metrics().binFor(-1));
  }

  @Test
  void hintsPredictedTogetherEqualHintsPredictedOneByOne() {
    List<double[]> vectors = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      vectors.add(withSnr(-5 + i * 0.25));
    }
    List<QePrediction> together = model.predictAll(vectors, 0.3, 3);
    assertEquals(vectors.size(), together.size());
    for (int i = 0; i < vectors.size(); i++) {
      assertEquals(model.predict(vectors.get(i), 0.3, 3), together.get(i));
    }
    assertEquals(List.of(), model.predictAll(List.of(), 0.3, 3));
  }

  @Test
  void batchPredictionAgreesWithSinglePredictionAndIsNeverNegative() {
    double[] batch = model.predictWer(List.of(withSnr(2), withSnr(28), withSnr(500)));
    assertEquals(model.predict(withSnr(2), 0.5, 0).predictedWer(), batch[0], 1e-9);
    for (double wer : batch) {
      assertTrue(wer >= 0);
    }
    assertEquals(0, model.predictWer(List.of()).length);
    assertThrows(QeModelException.class, () -> model.predict(new double[2], 0.5, 1));
  }

  @Test
  void aSavedModelLoadsBackIdentically(@TempDir Path dir) {
    Path file = dir.resolve("model.qe");
    model.save(file);
    QeModel loaded = QeModel.load(file);
    assertEquals(model.metadata(), loaded.metadata());
    assertArrayEquals(model.toBytes(), loaded.toBytes());
    List<double[]> clips = List.of(withSnr(1), withSnr(12), withSnr(29));
    assertArrayEquals(model.predictWer(clips), loaded.predictWer(clips), 0);
    assertEquals(model.predict(withSnr(7), 0.3, 5), loaded.predict(withSnr(7), 0.3, 5));
  }

  @Test
  void modelsOfAnotherSchemaOrFormatAreRefused() {
    QeModelFile.Contents contents = QeModelFile.read(model.toBytes(), "m");
    String json = QeModelFile.metadataJson(contents.metadata());
    byte[] otherSchema =
        QeModelFile.write(
            QeModelFile.parseMetadata(
                json.replace(
                    "\"feature_schema_version\" : " + FeatureSchema.VERSION,
                    "\"feature_schema_version\" : 99"),
                "m"),
            contents.boosterBytes());
    QeModelException schema =
        assertThrows(QeModelException.class, () -> QeModel.fromBytes(otherSchema, "old.qe"));
    assertTrue(schema.getMessage().contains("old.qe was trained on feature schema v99"));
    assertThrows(
        QeModelException.class,
        () ->
            QeModelFile.parseMetadata(
                json.replace("\"format_version\" : 2", "\"format_version\" : 7"), "m"));
    assertThrows(
        QeModelException.class,
        () -> QeModelFile.parseMetadata(json.replace("\"model_id\"", "\"modelid\""), "m"));
    assertThrows(
        QeModelException.class,
        () -> QeModelFile.parseMetadata(json.replace("earmark-qe-model", "x"), "m"));
    assertThrows(QeModelException.class, () -> QeModelFile.parseMetadata("{", "m"));
  }

  @Test
  void theTrainedModelCarriesTheThresholdItsCalibrationSupports() {
    QeModelMetadata metadata = model.metadata();
    ReviewCalibration review = metadata.reviewCalibration().orElseThrow();
    assertEquals(QeTrainer.DEFAULT_REVIEW_WER_BAR, review.werBar());
    assertEquals(QeTrainer.DEFAULT_REVIEW_PRECISION, review.targetPrecision());
    assertTrue(review.precision() >= review.targetPrecision(), review.toString());
    assertEquals(review.threshold(), metadata.defaultReviewThreshold());
    assertEquals(
        "from the model's calibration: 90% precision at WER > 0.2",
        metadata.reviewThresholdSource());
  }

  @Test
  void aFormatOneFileStillLoadsAndFallsBackToThePreviousThreshold() {
    QeModelFile.Contents contents = QeModelFile.read(model.toBytes(), "m");
    String json = QeModelFile.metadataJson(contents.metadata());
    int start = json.indexOf("  \"review_calibration\"");
    int end = json.indexOf("  \"drift_baseline\"");
    String formatOne =
        (json.substring(0, start) + json.substring(end))
            .replace("\"format_version\" : 2", "\"format_version\" : 1");
    QeModelMetadata old = QeModelFile.parseMetadata(formatOne, "old.qe");
    assertEquals(1, old.formatVersion());
    assertTrue(old.reviewCalibration().isEmpty());
    assertEquals(ReviewCalibration.FALLBACK_THRESHOLD, old.defaultReviewThreshold());
    assertTrue(old.reviewThresholdSource().contains("predates calibrated thresholds"));
    // A format 2 file without a threshold says so and writes null, not a number.
    QeModelMetadata none =
        QeModelFile.parseMetadata(
            json.substring(0, start) + "  \"review_calibration\" : null,\n" + json.substring(end),
            "m");
    assertEquals(0.3, none.defaultReviewThreshold());
    assertTrue(none.reviewThresholdSource().contains("reached no threshold"));
    assertTrue(QeModelFile.metadataJson(none).contains("\"review_calibration\" : null"));
  }

  @Test
  void filesThatAreNotModelsAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello", StandardCharsets.UTF_8);
    QeModelException e = assertThrows(QeModelException.class, () -> QeModel.load(text));
    assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
    assertThrows(QeModelException.class, () -> QeModel.load(dir.resolve("missing.qe")));
    byte[] brokenBooster =
        QeModelFile.write(model.metadata(), "not xgboost".getBytes(StandardCharsets.UTF_8));
    assertThrows(QeModelException.class, () -> QeModel.fromBytes(brokenBooster, "b.qe"));
  }

  @Test
  void theTrainingPopulationShowsNoDriftAndAShiftedOneDoes() {
    List<double[]> same = SyntheticClips.vectors(SyntheticClips.snrDriven(60, 1, 0));
    DriftReport stable = model.drift(same, 0.2);
    assertFalse(stable.warning());
    assertEquals(60, stable.batchSize());
    assertEquals(FeatureSchema.NAMES.size(), stable.features().size());
    assertEquals(0, stable.features().get(SyntheticClips.SNR).psi(), 1e-12);
    assertEquals(0, stable.predictedWer().psi(), 1e-12);

    List<double[]> louder = SyntheticClips.vectors(SyntheticClips.snrDriven(60, 3, 25));
    DriftReport shifted = model.drift(louder, 0.2);
    assertTrue(shifted.warning());
    DriftReport.Drift snr = shifted.features().get(SyntheticClips.SNR);
    assertEquals("snr_db", snr.name());
    assertTrue(snr.exceeds(), "snr PSI " + snr.psi());
    assertTrue(
        shifted.predictedWer().exceeds(), "predicted WER PSI " + shifted.predictedWer().psi());
    assertTrue(shifted.largest().orElseThrow().psi() >= snr.psi());
    // The warning threshold is the caller's.
    assertFalse(model.drift(louder, 1e9).warning());
    assertThrows(QeModelException.class, () -> model.drift(List.of(), 0.2));
  }

  @Test
  void anExplainedPredictionOfRealAudioCarriesTheFilesFeaturesAndExplainsTheDifferenceToAnother() {
    AcousticFeatures noisy =
        FeatureExtractor.extract(AudioDecoderTestAccess.resource("voiced-noisy.wav"));
    AcousticFeatures narrow =
        FeatureExtractor.extract(AudioDecoderTestAccess.resource("narrowband.wav"));
    int all = FeatureSchema.NAMES.size();
    QePrediction a = model.predict(noisy, 0.5, all);
    QePrediction b = model.predict(narrow, 0.5, all);

    // Every explained feature reports the value the extractor measured in that file.
    assertEquals(all, a.topFeatures().size());
    for (FeatureContribution c : a.topFeatures()) {
      assertEquals(noisy.vector()[FeatureSchema.NAMES.indexOf(c.feature())], c.value(), 0.0);
    }
    // The single-clip path and the batch path agree.
    assertEquals(model.predictWer(List.of(noisy.vector()))[0], a.predictedWer(), 1e-9);
    assertEquals(a.predictedWer() >= 0.5, a.reviewRecommended());
    // TreeSHAP: contributions plus the bias sum to the raw score, so the bias cancels between two
    // clips and the contributions alone must explain the difference of their predictions.
    assertTrue(a.predictedWer() > 0 && b.predictedWer() > 0, "both above the clamp at 0");
    double explained = sum(a.topFeatures()) - sum(b.topFeatures());
    assertEquals(a.predictedWer() - b.predictedWer(), explained, 1e-4);
  }

  private static double sum(List<FeatureContribution> contributions) {
    return contributions.stream().mapToDouble(FeatureContribution::contribution).sum();
  }

  @Test
  void theShippedDefaultModelMatchesItsTrainingReportAndItsGateFlag() throws Exception {
    QeModel shipped = QeModel.loadDefault();
    QeModelMetadata metadata = shipped.metadata();
    assertEquals(FeatureSchema.VERSION, metadata.featureSchemaVersion());
    assertTrue(metadata.target().contains("en-asr@1"));
    double rho = metadata.metrics().spearmanRho();
    assertEquals(!Double.isNaN(rho) && rho >= metadata.settings().rhoGate(), metadata.passedGate());
    // The figures docs/qe.md quotes come from this report; it must describe the shipped model.
    try (var in = QeModel.class.getResourceAsStream("default-model.training.json")) {
      var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
      assertEquals(metadata.modelId(), report.get("model").get("id").asText());
      assertEquals(rho, report.get("metrics").get("spearman_rho").asDouble(), 0);
      assertEquals(
          metadata.metrics().meanAbsoluteError(),
          report.get("metrics").get("mean_absolute_error").asDouble(),
          0);
      assertEquals(metadata.metrics().clips(), report.get("usable_clips").asInt());
    }
    AcousticFeatures features =
        FeatureExtractor.extract(AudioDecoderTestAccess.resource("voiced-noisy.wav"));
    assertTrue(shipped.predict(features, 0.3, 3).predictedWer() >= 0);
  }
}
