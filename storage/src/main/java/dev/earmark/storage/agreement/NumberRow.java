package dev.earmark.storage.agreement;

import java.util.OptionalDouble;

/**
 * One number of the dashboard in table form: what the "numbers" table shows and the CSV export
 * writes. Immutable.
 *
 * @param taskType the task type's id
 * @param field the rubric field
 * @param section {@code field}, {@code trend}, {@code pair}, {@code annotator} or {@code confusion}
 * @param subject what the number is about: the field, a batch, a pair, an annotator, a cell
 * @param metric the statistic's name
 * @param value the number, when defined
 * @param low the lower bound of its 95% interval, when there is one
 * @param high the upper bound of its 95% interval, when there is one
 * @param items the items behind it
 * @param note why there is no value, or a remark (resamples and seed of an interval)
 */
public record NumberRow(
    String taskType,
    String field,
    String section,
    String subject,
    String metric,
    OptionalDouble value,
    OptionalDouble low,
    OptionalDouble high,
    int items,
    String note) {}
