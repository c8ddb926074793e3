package dev.earmark.engine.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every worked example of reference-data/agreement/README.md reproduces its published value, to the
 * six decimals the README gives (and therefore also to the published precision).
 */
class PublishedValuesTest {
  @ParameterizedTest(name = "{0} alpha {1} = {2}")
  @CsvSource(
      textBlock =
          """
          kripp2011_4obs_12units.csv,                 NOMINAL,  0.743421, 0.743
          kripp2011_4obs_12units.csv,                 ORDINAL,  0.815388, 0.815
          kripp2011_4obs_12units.csv,                 INTERVAL, 0.849107, 0.849
          kripp2011_4obs_12units.csv,                 RATIO,    0.797403, 0.797
          kripp_wikipedia_3coders_15units.csv,        NOMINAL,  0.691358, 0.691358
          kripp_wikipedia_3coders_15units.csv,        INTERVAL, 0.810845, 0.810845
          hayes_krippendorff2007_5obs_40units.csv,    ORDINAL,  0.759829, 0.7598
          kripp2004_p227_2coders_12units.csv,         NOMINAL,  0.734104, 0.734
          kripp2004_p224_2coders_10units_binary.csv,  NOMINAL,  0.095238, 0.095
          """)
  void krippendorffAlphaReproducesPublishedExamples(
      String file, MeasurementLevel level, double exact, String published) {
    LabelScale scale =
        file.startsWith("kripp2004_p227") ? LabelScale.unordered() : LabelScale.numeric();
    double alpha =
        new AgreementStatistic.KrippendorffAlpha(level)
            .compute(ReferenceData.table(file, scale))
            .value()
            .orElseThrow();
    assertThat(alpha).isCloseTo(exact, within(5e-7));
    assertPublished(alpha, published);
  }

  @ParameterizedTest(name = "{0} Fleiss kappa = {1}")
  @CsvSource(
      textBlock =
          """
          fleiss_wikipedia_10subj_14raters.csv, 0.209931, 0.210
          fleiss1971_30subj_6raters.csv,        0.430245, .430
          """)
  void fleissKappaReproducesPublishedExamples(String file, double exact, String published) {
    double kappa =
        new AgreementStatistic.FleissKappa()
            .compute(ReferenceData.table(file, LabelScale.unordered()))
            .value()
            .orElseThrow();
    assertThat(kappa).isCloseTo(exact, within(5e-7));
    assertPublished(kappa, published);
  }

  @ParameterizedTest(name = "{0} Cohen kappa {1} = {2}")
  @CsvSource(
      textBlock =
          """
          cohen1960_ex2_200items.csv,        NONE,      0.491525, .492
          cohen1960_ex2_200items.csv,        LINEAR,    0.473684, 0.473684
          cohen1960_ex2_200items.csv,        QUADRATIC, 0.454545, 0.454545
          cohen_wikipedia_50items_yesno.csv, NONE,      0.400000, 0.4
          """)
  void cohenKappaReproducesPublishedExamples(
      String file, KappaWeights weights, double exact, String published) {
    LabelScale scale = file.contains("yesno") ? LabelScale.unordered() : LabelScale.numeric();
    double kappa =
        new AgreementStatistic.CohenKappa(weights)
            .compute(ReferenceData.table(file, scale))
            .value()
            .orElseThrow();
    assertThat(kappa).isCloseTo(exact, within(5e-7));
    assertPublished(kappa, published);
  }

  /** Rounded to the published number of decimals, the value is the published one. */
  private static void assertPublished(double value, String published) {
    int decimals = published.length() - published.indexOf('.') - 1;
    double rounded =
        new java.math.BigDecimal(value)
            .setScale(decimals, java.math.RoundingMode.HALF_UP)
            .doubleValue();
    assertThat(rounded).isEqualTo(Double.parseDouble(published));
  }
}
