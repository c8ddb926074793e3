package dev.earmark.engine.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AnnotatorAgreementTest {
  @ParameterizedTest
  @EnumSource(MeasurementLevel.class)
  void pairAgreementIsAlphaOnTheTwoAnnotatorsAlone(MeasurementLevel level) {
    List<Rating> ratings = ReferenceData.ratings("kripp2011_4obs_12units.csv");
    AnnotatorAgreement agreement =
        AnnotatorAgreement.of(RatingTable.of(ratings, LabelScale.numeric()), level);
    assertThat(agreement.pairs()).hasSize(6);
    for (AnnotatorAgreement.PairAgreement pair : agreement.pairs()) {
      List<Rating> twoOnly =
          ratings.stream()
              .filter(
                  r ->
                      r.annotatorId().equals(pair.first()) || r.annotatorId().equals(pair.second()))
              .toList();
      AgreementResult separately =
          new AgreementStatistic.KrippendorffAlpha(level)
              .compute(RatingTable.of(twoOnly, LabelScale.numeric()));
      assertThat(pair.alpha().value()).isEqualTo(separately.value());
      assertThat(agreement.pair(pair.second(), pair.first())).contains(pair);
    }
  }

  @Test
  void withTwoAnnotatorsAgreementWithTheRestIsTheTablesAlpha() {
    RatingTable table =
        ReferenceData.table("kripp2004_p227_2coders_12units.csv", LabelScale.unordered());
    AnnotatorAgreement agreement = AnnotatorAgreement.of(table, MeasurementLevel.NOMINAL);
    assertThat(agreement.withRest())
        .allSatisfy(
            rest -> {
              assertThat(rest.alpha().orElseThrow()).isCloseTo(0.734104, within(5e-7));
              assertThat(rest.percent().orElseThrow()).isCloseTo(10.0 / 12, within(1e-12));
              assertThat(rest.comparedPairs()).isEqualTo(12);
            });
    assertThat(agreement.pair("A", "B").orElseThrow().percent().value().orElseThrow())
        .isCloseTo(10.0 / 12, within(1e-12));
  }

  @Test
  void theAnnotatorWhoDissentsAgreesLeastWithTheRest() {
    List<Rating> ratings = new java.util.ArrayList<>();
    for (int item = 0; item < 8; item++) {
      String label = String.valueOf(item % 4);
      for (String annotator : List.of("a", "b", "c")) {
        ratings.add(new Rating("i" + item, annotator, label));
      }
      ratings.add(new Rating("i" + item, "d", item < 5 ? String.valueOf(3 - item % 4) : label));
    }
    AnnotatorAgreement agreement =
        AnnotatorAgreement.of(
            RatingTable.of(ratings, LabelScale.numeric()), MeasurementLevel.ORDINAL);
    AnnotatorAgreement.AgreementWithRest lowest =
        agreement.withRest().stream()
            .min(Comparator.comparingDouble(r -> r.alpha().orElseThrow()))
            .orElseThrow();
    assertThat(lowest.annotator()).isEqualTo("d");
    assertThat(lowest.percent().orElseThrow()).isCloseTo(3.0 / 8, within(1e-12));
    assertThat(agreement.withRest().get(0).alpha().orElseThrow()).isGreaterThan(0.5);
    assertThat(agreement.annotators()).containsExactly("a", "b", "c", "d");
  }

  @Test
  void anAnnotatorWhoSharesNoItemHasAReasonInsteadOfAValue() {
    RatingTable table =
        RatingTable.of(
            List.of(
                new Rating("i1", "a", "1"),
                new Rating("i1", "b", "2"),
                new Rating("i2", "a", "2"),
                new Rating("i2", "b", "2"),
                new Rating("i3", "c", "1")),
            LabelScale.numeric());
    AnnotatorAgreement agreement = AnnotatorAgreement.of(table, MeasurementLevel.NOMINAL);
    AnnotatorAgreement.AgreementWithRest loner = agreement.withRest().get(2);
    assertThat(loner.alpha()).isEmpty();
    assertThat(loner.undefinedReason()).contains(UndefinedReason.NO_PAIRABLE_ITEMS);
    assertThat(agreement.pair("a", "c").orElseThrow().alpha().undefinedReason())
        .contains(UndefinedReason.NO_PAIRABLE_ITEMS);
    assertThat(agreement.pair("a", "x")).isEmpty();
  }

  @Test
  void oneCategoryGivesAReasonButKeepsPercentAgreement() {
    RatingTable table =
        RatingTable.of(
            List.of(new Rating("i1", "a", "1"), new Rating("i1", "b", "1")), LabelScale.numeric());
    AnnotatorAgreement.AgreementWithRest rest =
        AnnotatorAgreement.of(table, MeasurementLevel.INTERVAL).withRest().get(0);
    assertThat(rest.undefinedReason()).contains(UndefinedReason.ONE_CATEGORY);
    assertThat(rest.percent()).hasValue(1.0);
  }

  @Test
  void goldAccuracyCountsMatchingCategories() {
    RatingTable table =
        RatingTable.of(
            List.of(
                new Rating("g1", "a", "1"),
                new Rating("g1", "b", "2"),
                new Rating("g2", "a", "3.0"),
                new Rating("g2", "b", "3"),
                new Rating("x", "c", "3")),
            LabelScale.numeric());
    List<GoldAccuracy> accuracy = GoldAccuracy.of(table, Map.of("g1", "1", "g2", "3"));
    assertThat(accuracy).extracting(GoldAccuracy::annotator).containsExactly("a", "b", "c");
    assertThat(accuracy.get(0).accuracy()).hasValue(1.0);
    assertThat(accuracy.get(1).accuracy()).hasValue(0.5);
    assertThat(accuracy.get(1).correct()).isEqualTo(1);
    assertThat(accuracy.get(2).accuracy()).isEmpty();
    assertThat(accuracy.get(2).undefinedReason()).contains(UndefinedReason.NO_GOLD_ITEMS);
  }
}
