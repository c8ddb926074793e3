package dev.earmark.storage.agreement;

import dev.earmark.engine.agreement.ConfidenceInterval;
import dev.earmark.engine.agreement.GoldAccuracy;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Flattens a task type's figures into {@link NumberRow}s, in the order a lead reads the dashboard:
 * per field its statistics, trend, pairs, annotators and confusion cells. Stateless.
 */
public final class AgreementNumbers {
  private AgreementNumbers() {}

  /** Every number of {@code figures}. */
  public static List<NumberRow> rows(TaskFigures figures) {
    List<NumberRow> rows = new ArrayList<>();
    String type = figures.taskType().id();
    for (FieldFigures field : figures.fields()) {
      String name = field.field();
      for (Measure measure : field.measures()) {
        rows.add(
            new NumberRow(
                type,
                name,
                "field",
                name,
                measure.name(),
                measure.value(),
                measure
                    .interval()
                    .map(i -> OptionalDouble.of(i.low()))
                    .orElse(OptionalDouble.empty()),
                measure
                    .interval()
                    .map(i -> OptionalDouble.of(i.high()))
                    .orElse(OptionalDouble.empty()),
                measure.pairableItems(),
                measure
                    .reason()
                    .orElse(measure.interval().map(AgreementNumbers::describe).orElse(""))));
      }
      for (TrendPoint point : field.trend()) {
        rows.add(
            new NumberRow(
                type,
                name,
                "trend",
                point.batch(),
                field.headline().name(),
                point.value(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                point.items().size(),
                point.reason().orElse("")));
      }
      for (HeatMap.Cell cell : field.heatMap().cells()) {
        rows.add(
            new NumberRow(
                type,
                name,
                "pair",
                cell.first() + " × " + cell.second(),
                field.heatMap().metric(),
                cell.value(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                cell.items().size(),
                cell.reason().orElse("")));
      }
      for (AnnotatorRow row : field.annotatorRows()) {
        GoldAccuracy gold = row.gold().orElse(null);
        rows.add(
            new NumberRow(
                type,
                name,
                "annotator",
                row.annotator(),
                "gold accuracy",
                gold == null ? OptionalDouble.empty() : gold.accuracy(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                gold == null ? 0 : gold.goldItemsRated(),
                gold == null
                    ? ""
                    : gold.undefinedReason()
                        .map(r -> r.explanation())
                        .orElse(gold.correct() + " of " + gold.goldItemsRated() + " right")));
        rows.add(
            new NumberRow(
                type,
                name,
                "annotator",
                row.annotator(),
                field.kind() == FieldKind.TRANSCRIPT
                    ? "WER with the others"
                    : "alpha with the others",
                row.withRest(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                row.labeledItems().size(),
                row.withRestReason().orElse("")));
        rows.add(
            new NumberRow(
                type,
                name,
                "annotator",
                row.annotator(),
                "median seconds per item",
                row.medianSecondsPerItem(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                row.labels(),
                row.labels() + " labels of the task type"));
      }
      for (ConfusionMatrix matrix : field.confusions()) {
        for (int r = 0; r < matrix.categories().size(); r++) {
          for (int c = 0; c < matrix.categories().size(); c++) {
            int count = matrix.count(r, c);
            if (count > 0) {
              rows.add(
                  new NumberRow(
                      type,
                      name,
                      "confusion",
                      matrix.first()
                          + "="
                          + matrix.categories().get(r)
                          + " / "
                          + matrix.second()
                          + "="
                          + matrix.categories().get(c),
                      "items",
                      OptionalDouble.of(count),
                      OptionalDouble.empty(),
                      OptionalDouble.empty(),
                      count,
                      ""));
            }
          }
        }
      }
    }
    return rows;
  }

  private static String describe(ConfidenceInterval interval) {
    return "95% bootstrap interval: "
        + interval.definedResamples()
        + " of "
        + interval.resamples()
        + " resamples defined, seed "
        + interval.seed();
  }
}
