package dev.earmark.app.serve;

import dev.earmark.audio.qe.DriftReport;
import dev.earmark.audio.qe.QeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The feature vectors of the service's most recent clips, and their drift against the model's
 * training data: the same {@link QeModel#drift} PSI that {@code earmark import} and {@code earmark
 * qe drift} compute, over a sliding window instead of one import. The report is computed when asked
 * (a scrape of /metrics) and kept until another clip arrives. Thread-safe.
 */
final class DriftWindow {
  private final QeModel model;
  private final double[][] ring;
  private final int minClips;
  private final double psiWarning;
  private long added;
  private long reportedAt = -1;
  private DriftReport report;

  DriftWindow(QeModel model, int size, int minClips, double psiWarning) {
    this.model = model;
    this.ring = new double[size][];
    this.minClips = minClips;
    this.psiWarning = psiWarning;
  }

  synchronized void add(double[] features) {
    ring[(int) (added % ring.length)] = features.clone();
    added++;
  }

  /** Clips in the window now. */
  synchronized int clips() {
    return (int) Math.min(added, ring.length);
  }

  /** PSI of the window against the training data; empty below the minimum number of clips. */
  synchronized Optional<DriftReport> report() {
    int clips = clips();
    if (clips < minClips) {
      return Optional.empty();
    }
    if (reportedAt != added) {
      List<double[]> batch = new ArrayList<>(clips);
      for (int i = 0; i < clips; i++) {
        batch.add(ring[i]);
      }
      report = model.drift(batch, psiWarning);
      reportedAt = added;
    }
    return Optional.of(report);
  }
}
