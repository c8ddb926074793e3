package dev.earmark.audio.qe;

import dev.earmark.audio.features.FeatureSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training rows with a known relation: WER falls with SNR (feature "snr_db") plus seeded noise; the
 * other features are seeded noise around plausible values. Real audio is used elsewhere; these rows
 * let the tests state what a model must learn.
 */
final class SyntheticClips {
  static final int SNR = FeatureSchema.NAMES.indexOf("snr_db");

  private SyntheticClips() {}

  /** WER = clamp(0.9 - 0.03 * snr + noise), snr uniform in [0, 30). */
  static List<TrainingRow> snrDriven(int count, long seed, double snrOffset) {
    Random random = new Random(seed);
    List<TrainingRow> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] features = plausible(random);
      double snr = random.nextDouble() * 30 + snrOffset;
      features[SNR] = snr;
      double wer = Math.max(0, 0.9 - 0.03 * snr + random.nextGaussian() * 0.05);
      rows.add(TrainingRow.of(String.format("clip-%03d", i), features, wer));
    }
    return rows;
  }

  /** Targets unrelated to the features. */
  static List<TrainingRow> unrelated(int count, long seed) {
    Random random = new Random(seed);
    List<TrainingRow> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(
          TrainingRow.of(String.format("noise-%03d", i), plausible(random), random.nextDouble()));
    }
    return rows;
  }

  static double[] plausible(Random random) {
    double[] features = new double[FeatureSchema.NAMES.size()];
    for (int f = 0; f < features.length; f++) {
      features[f] = 10 + random.nextGaussian();
    }
    features[FeatureSchema.NAMES.indexOf("narrow_band")] = random.nextInt(2);
    return features;
  }

  static List<double[]> vectors(List<TrainingRow> rows) {
    return rows.stream().map(row -> Features.toArray(row.features())).toList();
  }
}
