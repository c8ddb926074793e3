package dev.earmark.storage.qe;

import dev.earmark.audio.qe.DriftReport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A stored drift check: the population stability of a batch of clips (an import) against the
 * training data of the model that predicted their hints. Immutable.
 *
 * @param importRunId the import run the batch came from; empty for a check not tied to an import
 * @param modelId the model whose training data is the baseline
 * @param report PSI per feature and for the predicted WER, with the threshold in force
 */
public record QeDrift(
    long id, OptionalLong importRunId, String modelId, DriftReport report, Instant computedAt) {

  /** True when any feature or the predicted WER exceeds the threshold. */
  public boolean warning() {
    return report.warning();
  }

  /**
   * The distributions above the threshold, the predicted WER first if it is one of them, then the
   * features in schema order: one warning line each in the workbench and on the command line.
   */
  public List<DriftReport.Drift> shifted() {
    return Stream.concat(Stream.of(report.predictedWer()), report.features().stream())
        .filter(DriftReport.Drift::exceeds)
        .toList();
  }

  /**
   * What this check moved, in the words of {@code earmark qe drift --history} and the Status tab:
   * "nothing moved", or "moved snr_db (PSI 3.214), predicted_wer (PSI 0.412)" in {@link #shifted}
   * order.
   */
  public String movedSummary() {
    List<DriftReport.Drift> shifted = shifted();
    if (shifted.isEmpty()) {
      return "nothing moved";
    }
    return "moved "
        + String.join(
            ", ",
            shifted.stream()
                .map(
                    shift -> String.format(Locale.ROOT, "%s (PSI %.3f)", shift.name(), shift.psi()))
                .toList());
  }
}
