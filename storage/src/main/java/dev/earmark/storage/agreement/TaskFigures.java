package dev.earmark.storage.agreement;

import dev.earmark.engine.rubric.TaskType;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard of one task type. Immutable.
 *
 * @param taskType the task type
 * @param rubric the rubric version the labels were made under, when there are any
 * @param ruleSet the rule set transcripts were normalized with, when the policy names one
 * @param trendBasis how the trend's batches were formed, in a sentence
 * @param fields one entry per compared rubric field, in rubric order
 * @param notCompared rubric fields agreement does not cover, each with the reason
 * @param empty why there is nothing to show, when there is nothing
 */
public record TaskFigures(
    TaskType taskType,
    Optional<String> rubric,
    Optional<String> ruleSet,
    String trendBasis,
    List<FieldFigures> fields,
    List<String> notCompared,
    Optional<String> empty) {
  public TaskFigures {
    fields = List.copyOf(fields);
    notCompared = List.copyOf(notCompared);
  }

  /** The figures of field {@code name}. */
  public Optional<FieldFigures> field(String name) {
    return fields.stream().filter(f -> f.field().equals(name)).findFirst();
  }
}
