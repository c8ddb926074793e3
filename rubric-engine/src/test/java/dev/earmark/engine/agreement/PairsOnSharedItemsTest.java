package dev.earmark.engine.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 22: {@link AnnotatorAgreement#of} gathers each pair's shared items in one pass over the
 * items instead of copying every item for every pair. On random tables (several sizes and shares of
 * missing ratings, an annotator who shares no item, a pair that agrees on one category only) every
 * pair's alpha and percent agreement and every with-the-rest figure must be exactly what the
 * definition gives: the statistic on the pair's two columns of the whole table, and the sum over
 * every rating pair that involves the annotator.
 */
class PairsOnSharedItemsTest {
  @ParameterizedTest
  @EnumSource(MeasurementLevel.class)
  void everyPairAndEveryAnnotatorIsWhatTheDefinitionGives(MeasurementLevel level) {
    Random random = new Random(22 + level.ordinal());
    for (int round = 0; round < 40; round++) {
      int annotators = 2 + random.nextInt(7);
      int items = 1 + random.nextInt(120);
      int categories = 1 + random.nextInt(5);
      double missing = random.nextDouble() * 0.9;
      List<Rating> ratings = new ArrayList<>();
      for (int item = 0; item < items; item++) {
        for (int a = 0; a < annotators; a++) {
          if (random.nextDouble() >= missing) {
            ratings.add(
                new Rating(
                    "item-" + item,
                    "ann-" + ((a + round) % annotators),
                    Integer.toString(random.nextInt(categories) * 2)));
          }
        }
      }
      // one who shares nothing, now and then
      if (round % 3 == 0) {
        ratings.add(new Rating("alone-" + round, "ann-alone", "2"));
      }
      if (ratings.isEmpty()) {
        continue;
      }
      LabelScale scale =
          level == MeasurementLevel.NOMINAL && round % 2 == 0
              ? LabelScale.unordered()
              : LabelScale.numeric();
      RatingTable table = RatingTable.of(ratings, scale);
      assertThat(AnnotatorAgreement.of(table, level)).isEqualTo(byDefinition(table, level));
    }
  }

  /** The pairwise figures and the figures with the rest, computed as their definitions read. */
  private static AnnotatorAgreement byDefinition(RatingTable table, MeasurementLevel level) {
    AgreementStatistic alpha = new AgreementStatistic.KrippendorffAlpha(level);
    AgreementStatistic percent = new AgreementStatistic.PercentAgreement();
    int count = table.annotatorCount();
    List<AnnotatorAgreement.PairAgreement> pairs = new ArrayList<>();
    for (int a = 0; a < count; a++) {
      for (int b = a + 1; b < count; b++) {
        RatingTable pair = table.restrictedTo(a, b);
        pairs.add(
            new AnnotatorAgreement.PairAgreement(
                table.annotatorIds().get(a),
                table.annotatorIds().get(b),
                alpha.compute(pair),
                percent.compute(pair)));
      }
    }
    AlphaContributions whole = new AlphaContributions(table, level);
    List<AnnotatorAgreement.AgreementWithRest> withRest = new ArrayList<>();
    for (int annotator = 0; annotator < count; annotator++) {
      double disagreement = 0;
      long agreeing = 0;
      long compared = 0;
      for (int item = 0; item < table.itemCount(); item++) {
        int own = table.category(item, annotator);
        if (own == RatingTable.MISSING) {
          continue;
        }
        for (int other = 0; other < count; other++) {
          int theirs = table.category(item, other);
          if (other != annotator && theirs != RatingTable.MISSING) {
            compared++;
            disagreement += whole.delta(own, theirs);
            if (own == theirs) {
              agreeing++;
            }
          }
        }
      }
      String id = table.annotatorIds().get(annotator);
      double expected = whole.expectedDisagreement();
      if (compared == 0) {
        withRest.add(
            new AnnotatorAgreement.AgreementWithRest(
                id,
                OptionalDouble.empty(),
                Optional.of(
                    count < 2 ? UndefinedReason.ONE_ANNOTATOR : UndefinedReason.NO_PAIRABLE_ITEMS),
                OptionalDouble.empty(),
                0));
      } else if (!(expected > 0)) {
        withRest.add(
            new AnnotatorAgreement.AgreementWithRest(
                id,
                OptionalDouble.empty(),
                Optional.of(UndefinedReason.ONE_CATEGORY),
                OptionalDouble.of((double) agreeing / compared),
                compared));
      } else {
        withRest.add(
            new AnnotatorAgreement.AgreementWithRest(
                id,
                OptionalDouble.of(1 - disagreement / compared / expected),
                Optional.empty(),
                OptionalDouble.of((double) agreeing / compared),
                compared));
      }
    }
    return new AnnotatorAgreement(table.annotatorIds(), pairs, withRest);
  }
}
