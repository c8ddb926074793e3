package dev.earmark.engine.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two traps the reference README names, seen in a widely used R implementation. */
class KnownTrapsTest {
  /**
   * Trap 1: alpha with no missing value and more than two raters. Expected values come from the
   * plain-R implementation in benchmarks/scripts/krippendorff-alpha.R (which also reproduces every
   * published alpha in the reference data).
   */
  @ParameterizedTest(name = "{0} alpha {1} = {2}")
  @CsvSource(
      textBlock =
          """
          fleiss1971_30subj_6raters.csv,         NOMINAL,  0.433410
          fleiss1971_30subj_6raters.csv,         ORDINAL,  0.335858
          fleiss1971_30subj_6raters.csv,         INTERVAL, 0.288050
          fleiss_wikipedia_10subj_14raters.csv,  NOMINAL,  0.215574
          fleiss_wikipedia_10subj_14raters.csv,  INTERVAL, 0.543740
          """)
  void alphaIsRightWithoutMissingValuesAndMoreThanTwoRaters(
      String file, MeasurementLevel level, double independent) {
    RatingTable table = ReferenceData.table(file, LabelScale.numeric());
    double alpha =
        new AgreementStatistic.KrippendorffAlpha(level).compute(table).value().orElseThrow();
    assertThat(alpha).isCloseTo(independent, within(5e-7));
  }

  /** Complete nominal data: alpha = 1 − (1 − P̄) / (1 − Σ n_c(n_c − 1) / (n(n − 1))). */
  @Test
  void nominalAlphaOnCompleteDataMatchesItsClosedForm() {
    RatingTable table =
        ReferenceData.table("fleiss1971_30subj_6raters.csv", LabelScale.unordered());
    double meanItemAgreement =
        new AgreementStatistic.PercentAgreement().compute(table).value().orElseThrow();
    long[] counts = new long[table.categoryCount()];
    for (int item = 0; item < table.itemCount(); item++) {
      for (int annotator = 0; annotator < table.annotatorCount(); annotator++) {
        counts[table.category(item, annotator)]++;
      }
    }
    double n = table.ratingCount();
    double chanceAgreement = 0;
    for (long count : counts) {
      chanceAgreement += count * (count - 1.0) / (n * (n - 1));
    }
    double closedForm = 1 - (1 - meanItemAgreement) / (1 - chanceAgreement);
    double alpha =
        new AgreementStatistic.KrippendorffAlpha(MeasurementLevel.NOMINAL)
            .compute(table)
            .value()
            .orElseThrow();
    assertThat(alpha).isCloseTo(closedForm, within(1e-12));
  }

  /**
   * Trap 2: weighted kappa with numeric labels sorted as strings. Cohen's 1960 data relabelled 1 →
   * 2, 2 → 3, 3 → 10 keeps its order numerically, so the weighted kappas must not change; sorted as
   * strings ("10" &lt; "2" &lt; "3") they would.
   */
  @ParameterizedTest(name = "{0} weights keep {1}")
  @CsvSource(
      textBlock =
          """
          LINEAR,    0.473684
          QUADRATIC, 0.454545
          """)
  void weightedKappaOrdersNumericLabelsByValueNotAsText(KappaWeights weights, double exact) {
    List<Rating> relabelled =
        ReferenceData.relabelled(
            ReferenceData.ratings("cohen1960_ex2_200items.csv"),
            Map.of("1", "2", "2", "3", "3", "10"));
    AgreementStatistic kappa = new AgreementStatistic.CohenKappa(weights);
    double numeric =
        kappa.compute(RatingTable.of(relabelled, LabelScale.numeric())).value().orElseThrow();
    double asText =
        kappa
            .compute(RatingTable.of(relabelled, LabelScale.ordered(List.of("10", "2", "3"))))
            .value()
            .orElseThrow();
    assertThat(numeric).isCloseTo(exact, within(5e-7));
    assertThat(asText).isNotCloseTo(exact, within(1e-3));
  }

  @Test
  void rubricScaleLabelsFollowTheScaleOrderGivenByTheCaller() {
    List<String> scale = List.of("poor", "fair", "good");
    List<Rating> named =
        ReferenceData.relabelled(
            ReferenceData.ratings("cohen1960_ex2_200items.csv"),
            Map.of("1", "poor", "2", "fair", "3", "good"));
    double kappa =
        new AgreementStatistic.CohenKappa(KappaWeights.QUADRATIC)
            .compute(RatingTable.of(named, LabelScale.ordered(scale)))
            .value()
            .orElseThrow();
    assertThat(kappa).isCloseTo(0.454545, within(5e-7));
  }
}
