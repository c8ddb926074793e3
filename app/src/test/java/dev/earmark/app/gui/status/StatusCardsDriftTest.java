package dev.earmark.app.gui.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.audio.qe.DriftReport;
import dev.earmark.storage.qe.ImportDrift;
import dev.earmark.storage.qe.QeDrift;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The drift card's words, from drift checks as {@code QeHints#driftHistory} returns them. */
class StatusCardsDriftTest {
  private static final Instant MONDAY = Instant.parse("2026-11-23T09:15:00Z");

  @Test
  void aProjectWithoutChecksSaysWhenOneIsMade() {
    StatusCard card = StatusCards.drift(List.of());

    assertThat(card.id()).isEqualTo("drift");
    assertThat(card.figure()).isEqualTo("no check yet");
    assertThat(card.details())
        .containsExactly("Checked on every import of at least qe.drift_min_clips clips.");
  }

  @Test
  void eachCheckNamesItsImportAndWhatItMovedNewestFirst() {
    ImportDrift noisy =
        check(
            7,
            "call-centre-batch-2",
            MONDAY.plusSeconds(3_600),
            new DriftReport.Drift("snr_db", 0.412, true),
            new DriftReport.Drift("predicted_wer", 0.305, true));
    ImportDrift quiet =
        check(
            6,
            "call-centre-batch-1",
            MONDAY,
            new DriftReport.Drift("snr_db", 0.05, false),
            new DriftReport.Drift("predicted_wer", 0.01, false));

    StatusCard card = StatusCards.drift(List.of(noisy, quiet));

    assertThat(card.figure()).isEqualTo("1 of the last 2 imports moved");
    assertThat(card.details())
        .containsExactly(
            "2026-11-23 10:15 UTC, import run 7 of call-centre-batch-2, 120 clips:"
                + " moved predicted_wer (PSI 0.305), snr_db (PSI 0.412)",
            "2026-11-23 09:15 UTC, import run 6 of call-centre-batch-1, 120 clips: nothing moved",
            "All figures: 'earmark qe drift --history'.");
  }

  @Test
  void checksThatMovedNothingReadAsSteady() {
    StatusCard card =
        StatusCards.drift(
            List.of(
                check(
                    1,
                    "first",
                    MONDAY,
                    new DriftReport.Drift("snr_db", 0.1, false),
                    new DriftReport.Drift("predicted_wer", 0.0, false))));

    assertThat(card.figure()).isEqualTo("the last import was steady");
  }

  private static ImportDrift check(
      long importRun,
      String dataset,
      Instant at,
      DriftReport.Drift feature,
      DriftReport.Drift predictedWer) {
    DriftReport report = new DriftReport(120, List.of(feature), predictedWer, 0.2);
    return new ImportDrift(
        new QeDrift(importRun * 10, OptionalLong.of(importRun), "qe-test", report, at),
        Optional.of(dataset),
        Optional.of("manifests/" + dataset + ".jsonl"));
  }
}
