package dev.earmark.engine.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BootstrapTest {
  static Stream<Arguments> statisticsOnReferenceData() {
    return Stream.of(
        Arguments.of(
            new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.NOMINAL),
            "hayes_krippendorff2007_5obs_40units.csv"),
        Arguments.of(
            new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.ORDINAL),
            "hayes_krippendorff2007_5obs_40units.csv"),
        Arguments.of(
            new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.INTERVAL),
            "hayes_krippendorff2007_5obs_40units.csv"),
        Arguments.of(
            new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.RATIO),
            "hayes_krippendorff2007_5obs_40units.csv"),
        Arguments.of(new AgreementStatistic.FleissKappa(), "fleiss1971_30subj_6raters.csv"),
        Arguments.of(new AgreementStatistic.PercentAgreement(), "fleiss1971_30subj_6raters.csv"),
        Arguments.of(
            new AgreementStatistic.CohenKappa(KappaWeights.LINEAR), "cohen1960_ex2_200items.csv"));
  }

  @ParameterizedTest
  @MethodSource("statisticsOnReferenceData")
  void intervalIsReproducibleFromItsSeedAndContainsTheEstimate(
      AgreementStatistic statistic, String file) {
    RatingTable table = ReferenceData.table(file, LabelScale.numeric());
    double estimate = statistic.compute(table).value().orElseThrow();
    ConfidenceInterval first = statistic.bootstrap(table, 500, 42).orElseThrow();
    ConfidenceInterval again = statistic.bootstrap(table, 500, 42).orElseThrow();
    ConfidenceInterval otherSeed = statistic.bootstrap(table, 500, 43).orElseThrow();
    assertThat(again).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
    assertThat(first.low()).isLessThan(estimate).isLessThan(first.high());
    assertThat(first.high() - first.low()).isLessThan(0.6);
    assertThat(first.resamples()).isEqualTo(500);
    assertThat(first.seed()).isEqualTo(42);
  }

  /**
   * A resample that happens to contain one category has no value: it is left out and counted, so
   * the interval never includes NaN.
   */
  @org.junit.jupiter.api.Test
  void resamplesWithoutAValueAreLeftOutAndCounted() {
    RatingTable table =
        RatingTable.of(
            java.util.List.of(
                new Rating("i1", "a", "1"),
                new Rating("i1", "b", "1"),
                new Rating("i2", "a", "1"),
                new Rating("i2", "b", "1"),
                new Rating("i3", "a", "2"),
                new Rating("i3", "b", "1")),
            LabelScale.numeric());
    ConfidenceInterval interval =
        new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.NOMINAL)
            .bootstrap(table, 200, 7)
            .orElseThrow();
    assertThat(interval.definedResamples()).isLessThan(200).isPositive();
    assertThat(Double.isFinite(interval.low()) && Double.isFinite(interval.high())).isTrue();
  }

  @org.junit.jupiter.api.Test
  void refusesImpossibleSettings() {
    RatingTable table = ReferenceData.table("kripp2011_4obs_12units.csv", LabelScale.numeric());
    AgreementStatistic alpha = new AgreementStatistic.PercentAgreement();
    assertThatThrownBy(() -> alpha.bootstrap(table, 0, 1))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("resamples");
    assertThatThrownBy(() -> alpha.bootstrap(table, 10, 1, 1.0))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("confidence");
  }
}
