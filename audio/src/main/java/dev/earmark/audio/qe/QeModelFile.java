package dev.earmark.audio.qe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The model file: a zip holding {@code metadata.json} (lineage, figures, drift baselines; readable
 * by any zip tool) and {@code model.ubj} (the XGBoost booster in its own UBJSON format). Entry
 * times are fixed, so the same model always gives the same bytes. Stateless.
 */
final class QeModelFile {
  /**
   * Version of this layout; bumped on any change. Version 2 added {@code review_calibration}; a
   * version 1 file is still read, without one (its review threshold is the fallback).
   */
  static final int FORMAT_VERSION = 2;

  /** The oldest layout this build still reads. */
  static final int OLDEST_READABLE_VERSION = 1;

  static final String METADATA_ENTRY = "metadata.json";
  static final String BOOSTER_ENTRY = "model.ubj";
  private static final long FIXED_ENTRY_TIME = 315_532_800_000L; // 1980-01-01T00:00:00Z
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  record Contents(QeModelMetadata metadata, byte[] boosterBytes) {}

  private QeModelFile() {}

  static byte[] write(QeModelMetadata metadata, byte[] boosterBytes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      putEntry(zip, METADATA_ENTRY, metadataJson(metadata).getBytes(StandardCharsets.UTF_8));
      putEntry(zip, BOOSTER_ENTRY, boosterBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Contents read(byte[] bytes, String source) {
    byte[] metadata = null;
    byte[] booster = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.getName().equals(METADATA_ENTRY)) {
          metadata = zip.readAllBytes();
        } else if (entry.getName().equals(BOOSTER_ENTRY)) {
          booster = zip.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new QeModelException(source + " is not a QE model file: " + e.getMessage(), e);
    }
    if (metadata == null || booster == null) {
      throw new QeModelException(
          source
              + " is not a QE model file (it needs the zip entries "
              + METADATA_ENTRY
              + " and "
              + BOOSTER_ENTRY
              + ").");
    }
    return new Contents(
        parseMetadata(new String(metadata, StandardCharsets.UTF_8), source), booster);
  }

  private static void putEntry(ZipOutputStream zip, String name, byte[] content)
      throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(FIXED_ENTRY_TIME);
    zip.putNextEntry(entry);
    zip.write(content);
    zip.closeEntry();
  }

  static String metadataJson(QeModelMetadata metadata) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "earmark-qe-model");
    root.put("format_version", metadata.formatVersion());
    root.put("model_id", metadata.modelId());
    root.put("created_at", metadata.createdAt().toString());
    root.put("feature_schema_version", metadata.featureSchemaVersion());
    ArrayNode names = root.putArray("feature_names");
    metadata.featureNames().forEach(names::add);
    root.put("training_clip_ids_sha256", metadata.trainingClipIdsSha256());
    root.put("target", metadata.target());
    root.put("passed_gate", metadata.passedGate());
    QeTrainingSettings s = metadata.settings();
    ObjectNode settings = root.putObject("parameters");
    settings.put("rho_gate", s.rhoGate());
    settings.put("folds", s.folds());
    settings.put("min_usable_clips", s.minUsableClips());
    settings.put("seed", s.seed());
    settings.put("rounds", s.rounds());
    settings.put("max_depth", s.maxDepth());
    settings.put("learning_rate", s.learningRate());
    settings.put("min_child_weight", s.minChildWeight());
    settings.put("calibration_bins", s.calibrationBins());
    settings.put("drift_bins", s.driftBins());
    QeMetrics m = metadata.metrics();
    ObjectNode metrics = root.putObject("metrics");
    metrics.put("clips", m.clips());
    metrics.put("folds", m.folds());
    putNumber(metrics, "spearman_rho", m.spearmanRho());
    metrics.put("mean_absolute_error", m.meanAbsoluteError());
    ArrayNode calibration = metrics.putArray("calibration");
    for (CalibrationBin bin : m.calibration()) {
      ObjectNode row = calibration.addObject();
      row.put("predicted_low", bin.predictedLow());
      row.put("predicted_high", bin.predictedHigh());
      row.put("clips", bin.clips());
      row.put("mean_predicted_wer", bin.meanPredictedWer());
      row.put("mean_observed_wer", bin.meanObservedWer());
    }
    ReviewCalibration review = metadata.review();
    if (review == null) {
      root.putNull("review_calibration");
    } else {
      ObjectNode calibrated = root.putObject("review_calibration");
      calibrated.put("threshold", review.threshold());
      calibrated.put("wer_bar", review.werBar());
      calibrated.put("target_precision", review.targetPrecision());
      calibrated.put("precision", review.precision());
      calibrated.put("recall", review.recall());
    }
    ObjectNode drift = root.putObject("drift_baseline");
    ArrayNode features = drift.putArray("features");
    metadata.featureBaselines().forEach(bins -> features.add(binsJson(bins)));
    drift.set("predicted_wer", binsJson(metadata.predictionBaseline()));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode binsJson(FeatureBins bins) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", bins.name());
    ArrayNode edges = node.putArray("upper_edges");
    bins.upperEdges().forEach(edges::add);
    ArrayNode proportions = node.putArray("proportions");
    bins.proportions().forEach(proportions::add);
    return node;
  }

  private static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  static QeModelMetadata parseMetadata(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new QeModelException(
          source + ": " + METADATA_ENTRY + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    Reader r = new Reader(source);
    if (!"earmark-qe-model".equals(root.path("format").asText())) {
      throw new QeModelException(source + " is not an Earmark QE model file.");
    }
    int formatVersion = r.integer(root, "format_version");
    if (formatVersion < OLDEST_READABLE_VERSION || formatVersion > FORMAT_VERSION) {
      throw new QeModelException(
          source
              + " has model format version "
              + formatVersion
              + "; this build reads versions "
              + OLDEST_READABLE_VERSION
              + " to "
              + FORMAT_VERSION
              + ".");
    }
    ReviewCalibration review = null;
    if (formatVersion >= 2) {
      JsonNode calibrated = r.object(root, "review_calibration");
      if (!calibrated.isNull()) {
        review =
            new ReviewCalibration(
                r.number(calibrated, "threshold"),
                r.number(calibrated, "wer_bar"),
                r.number(calibrated, "target_precision"),
                r.number(calibrated, "precision"),
                r.number(calibrated, "recall"));
      }
    }
    JsonNode p = r.object(root, "parameters");
    QeTrainingSettings settings =
        new QeTrainingSettings(
            r.number(p, "rho_gate"),
            r.integer(p, "folds"),
            r.integer(p, "min_usable_clips"),
            r.object(p, "seed").asLong(),
            r.integer(p, "rounds"),
            r.integer(p, "max_depth"),
            r.number(p, "learning_rate"),
            r.number(p, "min_child_weight"),
            r.integer(p, "calibration_bins"),
            r.integer(p, "drift_bins"));
    JsonNode m = r.object(root, "metrics");
    List<CalibrationBin> calibration = new ArrayList<>();
    for (JsonNode row : r.object(m, "calibration")) {
      calibration.add(
          new CalibrationBin(
              r.number(row, "predicted_low"),
              r.number(row, "predicted_high"),
              r.integer(row, "clips"),
              r.number(row, "mean_predicted_wer"),
              r.number(row, "mean_observed_wer")));
    }
    JsonNode rho = r.object(m, "spearman_rho");
    QeMetrics metrics =
        new QeMetrics(
            r.integer(m, "clips"),
            r.integer(m, "folds"),
            rho.isNull() ? Double.NaN : rho.asDouble(),
            r.number(m, "mean_absolute_error"),
            calibration);
    JsonNode drift = r.object(root, "drift_baseline");
    List<FeatureBins> features = new ArrayList<>();
    for (JsonNode bins : r.object(drift, "features")) {
      features.add(r.bins(bins));
    }
    List<String> names = new ArrayList<>();
    r.object(root, "feature_names").forEach(name -> names.add(name.asText()));
    Instant createdAt;
    try {
      createdAt = Instant.parse(r.text(root, "created_at"));
    } catch (DateTimeParseException e) {
      throw new QeModelException(source + ": created_at is not an ISO-8601 instant.", e);
    }
    return new QeModelMetadata(
        formatVersion,
        r.text(root, "model_id"),
        createdAt,
        r.integer(root, "feature_schema_version"),
        names,
        r.text(root, "training_clip_ids_sha256"),
        r.text(root, "target"),
        settings,
        metrics,
        r.object(root, "passed_gate").asBoolean(),
        features,
        r.bins(r.object(drift, "predicted_wer")),
        review);
  }

  /** Field access that names the missing field and the file in its message. */
  private record Reader(String source) {
    JsonNode object(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null) {
        throw new QeModelException(
            source + ": " + METADATA_ENTRY + " lacks the field \"" + field + "\".");
      }
      return value;
    }

    double number(JsonNode node, String field) {
      JsonNode value = object(node, field);
      if (!value.isNumber()) {
        throw new QeModelException(
            source + ": field \"" + field + "\" in " + METADATA_ENTRY + " must be a number.");
      }
      return value.asDouble();
    }

    int integer(JsonNode node, String field) {
      JsonNode value = object(node, field);
      if (!value.canConvertToInt()) {
        throw new QeModelException(
            source + ": field \"" + field + "\" in " + METADATA_ENTRY + " must be an integer.");
      }
      return value.asInt();
    }

    String text(JsonNode node, String field) {
      return object(node, field).asText();
    }

    FeatureBins bins(JsonNode node) {
      List<Double> edges = new ArrayList<>();
      object(node, "upper_edges").forEach(edge -> edges.add(edge.asDouble()));
      List<Double> proportions = new ArrayList<>();
      object(node, "proportions").forEach(share -> proportions.add(share.asDouble()));
      return new FeatureBins(text(node, "name"), edges, proportions);
    }
  }
}
