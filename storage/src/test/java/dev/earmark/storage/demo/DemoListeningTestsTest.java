package dev.earmark.storage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.listening.SystemResults.PreferenceShares;
import dev.earmark.engine.listening.SystemResults.SystemMean;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.listening.TtsReport;
import dev.earmark.storage.listening.TtsReports;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's listening tests end to end on H2: the real WAVs of sample-fixtures' mushra/ imported,
 * the three simulated raters' sessions rated with DemoListeningTests' fixed scores, and the
 * screened report. Each rater's first session is a one-trial training block (tts.training_trials =
 * 1), so 2 of the 3 prompts are scored per rater; the expected figures follow by hand.
 */
class DemoListeningTestsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse(DemoDataset.REFERENCE_DATE + "T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void theDemoHasAScreenedMushraTestAndAbPairsOfThreeEspeakVoices() throws Exception {
    Path data = DemoDataset.copyTo(dir.resolve("demo-data")).getParent();
    try (Project project = dev.earmark.storage.Databases.fresh(CLOCK).get(0).getPayload().get()) {
      new DemoProject(project).build(data, "maria");
      TtsReport report =
          new TtsReports(project, new Policies(project))
              .report(project.users().actor(DemoProject.LEAD_ID), Optional.empty());
      TtsReport.Design mushra = design(report, TaskType.TTS_MUSHRA);
      assertThat(mushra.trials()).isEqualTo(3);
      assertThat(mushra.labels()).isEqualTo(9);
      assertThat(mushra.trainingLabels()).isEqualTo(3);
      // Bea scores the hidden reference 85 on both scored trials: 100% > 15%.
      assertThat(mushra.screening())
          .flatExtracting(TtsReport.RuleOutcome::exclusions)
          .extracting(e -> e.rater() + " " + e.rule())
          .containsExactly("ann-bea bs1534-post@1");
      // Alex and Cem, 2 trials each: sys-a (78 + 70) / 2 = 74, sys-b (66 + 60) / 2 = 63,
      // sys-c (45 + 38) / 2 = 41.5, hidden reference (100 + 95) / 2 = 97.5.
      assertThat(mean(mushra, "espeak-ng:en-gb-x-rp+f3")).isCloseTo(74, Offset.offset(1e-9));
      assertThat(mean(mushra, "espeak-ng:en-us+klatt4")).isCloseTo(63, Offset.offset(1e-9));
      assertThat(mean(mushra, "espeak-ng:en-029+m4")).isCloseTo(41.5, Offset.offset(1e-9));
      assertThat(mean(mushra, "reference")).isCloseTo(97.5, Offset.offset(1e-9));
      assertThat(mushra.latency()).hasSize(3);

      TtsReport.Design ab = design(report, TaskType.TTS_PREFERENCE);
      assertThat(ab.trials()).isEqualTo(3);
      // 2 scored votes each: Alex and Cem sys-a, Bea no preference -> 4/6 and 2/6.
      PreferenceShares shares = ab.preferences().get(0);
      assertThat(shares.votes()).isEqualTo(6);
      double sysA =
          shares.first().equals("espeak-ng:en-gb-x-rp+f3")
              ? shares.firstShare()
              : shares.secondShare();
      assertThat(sysA).isCloseTo(4.0 / 6, Offset.offset(1e-9));
      assertThat(shares.noPreferenceShare()).isCloseTo(2.0 / 6, Offset.offset(1e-9));
    }
  }

  private static TtsReport.Design design(TtsReport report, TaskType type) {
    return report.designs().stream().filter(d -> d.taskType() == type).findFirst().orElseThrow();
  }

  private static double mean(TtsReport.Design design, String system) {
    return design.means().stream()
        .filter(m -> m.system().equals(system))
        .mapToDouble(SystemMean::mean)
        .findFirst()
        .orElseThrow();
  }
}
