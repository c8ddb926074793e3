package dev.earmark.spark;

import dev.earmark.audio.decode.InvalidAudioException;
import dev.earmark.audio.features.AcousticFeatures;
import dev.earmark.audio.features.FeatureExtractor;
import dev.earmark.audio.qe.FeatureContribution;
import dev.earmark.audio.qe.QeModel;
import dev.earmark.audio.qe.QePrediction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition of {@code binaryFile} rows (path, length, content) into {@link
 * ScoredClips#SCORED} rows, lazily, one clip at a time.
 *
 * <p>Each clip goes through exactly what {@code earmark qe predict FILE} does: its bytes are
 * written to a temporary file (the decoder reads paths and picks the codec from the leading bytes,
 * never the name), {@link FeatureExtractor#extract(Path)} measures it and {@link QeModel#predict}
 * scores it. The model comes from {@link ExecutorModels}: built once per executor from the
 * broadcast bytes.
 */
final class ClipScorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<byte[]> modelBytes;
  private final String modelSha256;
  private final String modelSource;
  private final double reviewThreshold;
  private final int topFeatures;

  ClipScorer(
      Broadcast<byte[]> modelBytes,
      String modelSha256,
      String modelSource,
      double reviewThreshold,
      int topFeatures) {
    this.modelBytes = modelBytes;
    this.modelSha256 = modelSha256;
    this.modelSource = modelSource;
    this.reviewThreshold = reviewThreshold;
    this.topFeatures = topFeatures;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> files) {
    QeModel model = ExecutorModels.get(modelSha256, modelBytes, modelSource);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return files.hasNext();
      }

      @Override
      public Row next() {
        return score(model, files.next());
      }
    };
  }

  private Row score(QeModel model, Row file) {
    byte[] content = file.getAs("content");
    // Keyed by the bytes scored here: a file rewritten since the first pass is scored as it is now.
    Row clip =
        RowFactory.create(
            sha256(content),
            file.getAs(ScoredClips.PATH),
            file.getAs(ScoredClips.LENGTH),
            model.metadata().modelId(),
            model.metadata().featureSchemaVersion(),
            reviewThreshold);
    try {
      AcousticFeatures features = extract(content);
      QePrediction prediction = model.predict(features, reviewThreshold, topFeatures);
      List<FeatureContribution> contributions = prediction.topFeatures();
      Row[] top = new Row[contributions.size()];
      for (int i = 0; i < top.length; i++) {
        FeatureContribution c = contributions.get(i);
        top[i] = RowFactory.create(c.feature(), c.value(), c.contribution());
      }
      return merge(
          clip,
          prediction.predictedWer(),
          prediction.reviewRecommended(),
          prediction.calibration().meanObservedWer(),
          features.vector(),
          top,
          null);
    } catch (InvalidAudioException e) {
      return merge(
          clip, null, null, null, null, null, "not usable audio: " + e.invalid().message());
    }
  }

  /** {@code clip}'s columns followed by {@code outcome}'s: one {@link ScoredClips#SCORED} row. */
  private static Row merge(Row clip, Object... outcome) {
    Object[] values = new Object[clip.length() + outcome.length];
    for (int i = 0; i < clip.length(); i++) {
      values[i] = clip.get(i);
    }
    System.arraycopy(outcome, 0, values, clip.length(), outcome.length);
    return RowFactory.create(values);
  }

  private static AcousticFeatures extract(byte[] content) {
    Path copy = null;
    try {
      copy = Files.createTempFile("earmark-qe-", ".audio");
      Files.write(copy, content);
      return FeatureExtractor.extract(copy);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not copy a clip to the executor's temporary folder", e);
    } finally {
      if (copy != null) {
        try {
          Files.deleteIfExists(copy);
        } catch (IOException e) {
          // The executor's temporary folder is removed with it; nothing is lost.
        }
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
