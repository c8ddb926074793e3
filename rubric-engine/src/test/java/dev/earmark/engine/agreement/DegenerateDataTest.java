package dev.earmark.engine.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Degenerate data gets no value and a reason, from every statistic, never NaN or an exception. */
class DegenerateDataTest {
  static Stream<AgreementStatistic> multiAnnotatorStatistics() {
    return Stream.of(
        new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.NOMINAL),
        new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.ORDINAL),
        new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.INTERVAL),
        new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.RATIO),
        new AgreementStatistic.FleissKappa(),
        new AgreementStatistic.PercentAgreement());
  }

  static Stream<AgreementStatistic> allStatistics() {
    return Stream.concat(
        multiAnnotatorStatistics(),
        Stream.of(
            new AgreementStatistic.CohenKappa(KappaWeights.NONE),
            new AgreementStatistic.CohenKappa(KappaWeights.QUADRATIC)));
  }

  static Stream<Arguments> chanceCorrected() {
    return allStatistics()
        .filter(s -> !(s instanceof AgreementStatistic.PercentAgreement))
        .map(Arguments::of);
  }

  private static RatingTable table(String... itemAnnotatorLabel) {
    List<Rating> ratings = new ArrayList<>();
    for (String triple : itemAnnotatorLabel) {
      String[] parts = triple.split(":");
      ratings.add(new Rating(parts[0], parts[1], parts[2]));
    }
    return RatingTable.of(ratings, LabelScale.numeric());
  }

  @ParameterizedTest
  @MethodSource("allStatistics")
  void emptyInputHasNoValue(AgreementStatistic statistic) {
    AgreementResult result = statistic.compute(table());
    assertThat(result.value()).isEmpty();
    assertThat(result.undefinedReason()).contains(UndefinedReason.EMPTY_INPUT);
    assertThat(statistic.bootstrap(table(), 10, 1)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("multiAnnotatorStatistics")
  void oneAnnotatorHasNobodyToAgreeWith(AgreementStatistic statistic) {
    AgreementResult result = statistic.compute(table("i1:a:1", "i2:a:2"));
    assertThat(result.undefinedReason()).contains(UndefinedReason.ONE_ANNOTATOR);
    assertThat(result.items()).isEqualTo(2);
    assertThat(result.annotators()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("allStatistics")
  void itemsWithASingleRatingAreNotPairable(AgreementStatistic statistic) {
    AgreementResult result = statistic.compute(table("i1:a:1", "i2:b:2", "i3:a:3"));
    assertThat(result.undefinedReason()).contains(UndefinedReason.NO_PAIRABLE_ITEMS);
    assertThat(result.pairableItems()).isZero();
  }

  @ParameterizedTest
  @MethodSource("chanceCorrected")
  void oneCategoryOnlyCannotBeToldApartFromChance(AgreementStatistic statistic) {
    AgreementResult result = statistic.compute(table("i1:a:3", "i1:b:3", "i2:a:3", "i2:b:3"));
    assertThat(result.undefinedReason()).contains(UndefinedReason.ONE_CATEGORY);
    assertThat(UndefinedReason.ONE_CATEGORY.explanation()).contains("same value");
  }

  @Test
  void percentAgreementOfOneCategoryIsComplete() {
    AgreementResult result =
        new AgreementStatistic.PercentAgreement()
            .compute(table("i1:a:3", "i1:b:3", "i2:a:3", "i2:b:3"));
    assertThat(result.value()).hasValue(1.0);
  }

  @Test
  void singleRatingsAreLeftOutOfAlphaButItemsAreCounted() {
    AgreementResult result =
        new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.NOMINAL)
            .compute(table("i1:a:1", "i1:b:1", "i2:a:2", "i2:b:2", "i3:a:1"));
    assertThat(result.value()).hasValue(1.0);
    assertThat(result.items()).isEqualTo(3);
    assertThat(result.pairableItems()).isEqualTo(2);
  }

  @Test
  void cohenKappaRefusesOtherThanTwoAnnotators() {
    RatingTable three = table("i1:a:1", "i1:b:1", "i1:c:2");
    assertThatThrownBy(() -> new AgreementStatistic.CohenKappa(KappaWeights.NONE).compute(three))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("exactly two annotators")
        .hasMessageContaining("3");
  }

  @Test
  void orderedStatisticsRefuseUnorderedLabels() {
    RatingTable names =
        RatingTable.of(
            List.of(new Rating("i1", "a", "yes"), new Rating("i1", "b", "no")),
            LabelScale.unordered());
    assertThatThrownBy(() -> new AgreementStatistic.CohenKappa(KappaWeights.LINEAR).compute(names))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("ordered labels");
    assertThatThrownBy(
            () -> new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.ORDINAL).compute(names))
        .hasMessageContaining("ordered labels");
    assertThatThrownBy(
            () ->
                new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.INTERVAL).compute(names))
        .hasMessageContaining("numeric labels");
  }

  @Test
  void ratioLevelRefusesNegativeValues() {
    assertThatThrownBy(
            () ->
                new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.RATIO)
                    .compute(table("i1:a:-1", "i1:b:1")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("'-1'");
  }

  @Test
  void tableRefusesBadRatings() {
    assertThatThrownBy(() -> table("i1:a:1", "i1:a:2"))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> table("i1:a:x"))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("not a number");
    assertThatThrownBy(
            () ->
                RatingTable.of(
                    List.of(new Rating("i1", "a", "great")),
                    LabelScale.ordered(List.of("bad", "good"))))
        .hasMessageContaining("not in the scale");
    assertThatThrownBy(() -> new Rating("i1", "a", " ")).hasMessageContaining("empty label");
    assertThatThrownBy(() -> new Rating("", "a", "1")).hasMessageContaining("no item id");
    assertThatThrownBy(() -> new Rating("i1", null, "1")).hasMessageContaining("no annotator");
    assertThatThrownBy(() -> LabelScale.ordered(List.of("a", "a"))).hasMessageContaining("twice");
  }

  @Test
  void numericLabelsWithTheSameValueAreOneCategory() {
    RatingTable table = table("i1:a:1", "i1:b:1.0", "i2:a:2", "i2:b:2");
    assertThat(table.categoryCount()).isEqualTo(2);
    assertThat(table.categoryOf("2.0")).isEqualTo(1);
    assertThat(table.categoryOf("7")).isEqualTo(RatingTable.MISSING);
    assertThat(table.categoryOf("x")).isEqualTo(RatingTable.MISSING);
  }
}
