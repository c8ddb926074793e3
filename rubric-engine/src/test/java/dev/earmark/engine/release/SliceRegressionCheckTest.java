package dev.earmark.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.EngineException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SliceRegressionCheckTest {
  private static SliceRegressionCheck.Report check(
      MetricDirection direction, RegressionBudget budget, double before, double after) {
    return SliceRegressionCheck.check(
        "wer",
        direction,
        budget,
        Map.of("accent=scottish", before),
        Map.of("accent=scottish", after));
  }

  @ParameterizedTest(name = "{0} {1}→{2} abs {3} rel {4}: over={5}")
  @CsvSource(
      textBlock =
          """
          LOWER_IS_BETTER,  0.10, 0.12, 0.01,  , true
          LOWER_IS_BETTER,  0.10, 0.11, 0.01,  , false
          LOWER_IS_BETTER,  0.10, 0.08, 0.01,  , false
          LOWER_IS_BETTER,  0.10, 0.104,    , 0.05, false
          LOWER_IS_BETTER,  0.10, 0.106,    , 0.05, true
          LOWER_IS_BETTER,  0.10, 0.106, 0.01, 0.05, true
          LOWER_IS_BETTER,  0.10, 0.104, 0.001, 0.05, true
          HIGHER_IS_BETTER, 4.2,  4.0,  0.1,   , true
          HIGHER_IS_BETTER, 4.2,  4.5,  0.1,   , false
          HIGHER_IS_BETTER, 4.2,  4.1,  0.1,   , false
          LOWER_IS_BETTER,  0.0,  0.001,    , 0.5, true
          LOWER_IS_BETTER,  0.0,  0.0,      , 0.0, false
          """)
  void regressionsBeyondAnyLimitAreOverBudget(
      MetricDirection direction,
      double before,
      double after,
      Double absolute,
      Double relative,
      boolean over) {
    RegressionBudget budget =
        new RegressionBudget(
            absolute == null ? OptionalDouble.empty() : OptionalDouble.of(absolute),
            relative == null ? OptionalDouble.empty() : OptionalDouble.of(relative));
    SliceRegressionCheck.Report report = check(direction, budget, before, after);
    assertThat(report.overBudget()).hasSize(over ? 1 : 0);
    assertThat(report.passed()).isEqualTo(!over);
    assertThat(report.schemaErrors()).isEmpty();
  }

  @Test
  void overBudgetReasonNamesSliceValuesAndLimit() {
    SliceRegressionCheck.OverBudget over =
        check(MetricDirection.LOWER_IS_BETTER, RegressionBudget.of(0.01, 0.05), 0.10, 0.125)
            .overBudget()
            .get(0);
    assertThat(over.regression()).isCloseTo(0.025, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(over.relativeRegression())
        .isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(over.reason())
        .isEqualTo(
            "slice accent=scottish: wer went from 0.1 to 0.125 (worse by 0.025, 25.0%), beyond"
                + " the absolute limit 0.01 and the relative limit 5.0%");
  }

  @Test
  void aSliceMissingOnEitherSideIsASchemaErrorNotZero() {
    Map<String, Double> before = Map.of("device=phone", 0.2, "device=laptop", 0.1);
    Map<String, Double> after = Map.of("device=laptop", 0.1, "device=car", 0.4);
    SliceRegressionCheck.Report report =
        SliceRegressionCheck.check(
            "wer", MetricDirection.LOWER_IS_BETTER, RegressionBudget.absolute(0.5), before, after);
    assertThat(report.outcomes())
        .extracting(outcome -> outcome.getClass().getSimpleName() + " " + outcome.slice())
        .containsExactly(
            "SchemaError device=car", "WithinBudget device=laptop", "SchemaError device=phone");
    assertThat(report.schemaErrors().get(0).reason())
        .startsWith("slice device=car has a wer value only in the new results");
    assertThat(report.schemaErrors().get(1).reason())
        .startsWith("slice device=phone has a wer value only in the old results");
    assertThat(report.overBudget()).isEmpty();
    assertThat(report.passed()).isFalse();
  }

  @Test
  void aValueThatIsNotANumberIsASchemaError() {
    Map<String, Double> after = new HashMap<>();
    after.put("noise=high", Double.NaN);
    SliceRegressionCheck.Report report =
        SliceRegressionCheck.check(
            "wer",
            MetricDirection.LOWER_IS_BETTER,
            RegressionBudget.relative(0.1),
            Map.of("noise=high", 0.3),
            after);
    assertThat(report.schemaErrors())
        .singleElement()
        .extracting(SliceRegressionCheck.SchemaError::reason)
        .asString()
        .contains("not a number");
  }

  @Test
  void aBudgetNeedsASaneLimit() {
    assertThatThrownBy(() -> new RegressionBudget(OptionalDouble.empty(), OptionalDouble.empty()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("needs an absolute or a relative limit");
    assertThatThrownBy(() -> RegressionBudget.absolute(-0.1))
        .hasMessageContaining("absolute regression limit must be a number 0 or above");
    assertThatThrownBy(() -> RegressionBudget.relative(Double.NaN))
        .hasMessageContaining("relative regression limit");
  }

  @Test
  void fromZeroRelativeRegressionIsInfiniteAndSaidSo() {
    SliceRegressionCheck.OverBudget over =
        check(MetricDirection.LOWER_IS_BETTER, RegressionBudget.relative(1.0), 0.0, 0.02)
            .overBudget()
            .get(0);
    assertThat(over.relativeRegression()).isInfinite();
    assertThat(over.reason()).contains("from zero");
  }
}
