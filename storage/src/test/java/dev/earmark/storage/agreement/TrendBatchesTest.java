package dev.earmark.storage.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.agreement.AgreementStatistic;
import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.MeasurementLevel;
import dev.earmark.engine.agreement.Rating;
import dev.earmark.engine.agreement.RatingTable;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The trend's batches when labels come from several import runs: one point per run, each the
 * engine's alpha on that run's items alone. Labels are built under the real built-in rubric.
 */
class TrendBatchesTest {
  private static final VersionedId TTS = VersionedId.parse("tts-rating@1");

  private static SubmittedLabel label(String clip, String annotator, int naturalness, long run) {
    LabelValue value =
        new LabelValue(TTS, Map.of("naturalness", new FieldValue.ScalePoint(naturalness)));
    return new SubmittedLabel(
        run * 100 + clip.hashCode() % 50,
        clip,
        annotator,
        value,
        Duration.ofSeconds(10 + naturalness),
        Instant.parse("2026-11-16T09:00:00Z").plusSeconds(run * 3600),
        run);
  }

  @Test
  void eachImportRunIsOnePointOfTheTrendComputedOnItsOwnItems() {
    List<SubmittedLabel> labels = new ArrayList<>();
    int[][] first = {{4, 4}, {2, 2}, {5, 4}};
    int[][] second = {{1, 5}, {3, 2}, {5, 1}};
    for (int i = 0; i < 3; i++) {
      labels.add(label("a-" + i, "ann-alex", first[i][0], 1));
      labels.add(label("a-" + i, "ann-bea", first[i][1], 1));
      labels.add(label("b-" + i, "ann-alex", second[i][0], 2));
      labels.add(label("b-" + i, "ann-bea", second[i][1], 2));
    }
    AgreementData data =
        new AgreementData(
            TaskType.TTS_RATING,
            RubricCatalog.builtIn().get(TTS),
            Optional.empty(),
            Normalizer.identity(),
            labels,
            Map.of(),
            List.of(
                new ImportBatch(1, "first.jsonl", Instant.parse("2026-11-10T08:00:00Z")),
                new ImportBatch(2, "second.jsonl", Instant.parse("2026-11-12T08:00:00Z"))));

    TaskFigures figures =
        AgreementFigures.compute(
            TaskType.TTS_RATING,
            Optional.of(data),
            new AgreementFigures.Settings(50, 1),
            AgreementFigures.Progress.NONE);
    FieldFigures naturalness = figures.field("naturalness").orElseThrow();

    assertThat(figures.trendBasis()).contains("import runs (2)");
    assertThat(naturalness.trend())
        .extracting(TrendPoint::batch)
        .containsExactly(
            "import 1 (first.jsonl, 11-10 08:00)", "import 2 (second.jsonl, 11-12 08:00)");
    for (int run = 0; run < 2; run++) {
      String prefix = run == 0 ? "a-" : "b-";
      List<Rating> ratings =
          labels.stream()
              .filter(l -> l.clipKey().startsWith(prefix))
              .map(
                  l ->
                      new Rating(
                          l.clipKey(),
                          l.annotatorId(),
                          Integer.toString(
                              ((FieldValue.ScalePoint) l.value().field("naturalness").orElseThrow())
                                  .point())))
              .toList();
      double expected =
          new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.ORDINAL)
              .compute(
                  RatingTable.of(ratings, LabelScale.ordered(List.of("1", "2", "3", "4", "5"))))
              .value()
              .getAsDouble();
      assertThat(naturalness.trend().get(run).value().getAsDouble()).isEqualTo(expected);
      assertThat(naturalness.trend().get(run).items()).hasSize(3);
    }
    // The first run agrees far better than the second: the sparkline goes down.
    assertThat(naturalness.trend().get(0).value().getAsDouble())
        .isGreaterThan(naturalness.trend().get(1).value().getAsDouble());
    // Fields nobody answered give the engine's reason, not a number.
    assertThat(figures.field("prosody").orElseThrow().headline().reason())
        .contains(dev.earmark.engine.agreement.UndefinedReason.EMPTY_INPUT.explanation());
  }
}
