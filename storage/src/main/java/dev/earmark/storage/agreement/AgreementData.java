package dev.earmark.storage.agreement;

import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything agreement needs about one task type of a project, read in one transaction. Immutable
 * and thread-safe (the normalizer is too).
 *
 * @param taskType the task type
 * @param rubric the rubric version the labels were made under
 * @param ruleSet the normalization rule set of the label policy, when it names one
 * @param normalizer that rule set compiled, or {@link Normalizer#identity()} without one
 * @param labels submitted labels under {@code rubric}, ordered by clip id, then annotator id
 * @param goldAnswers the known answer of each gold clip under {@code rubric}, by clip key
 * @param batches the project's import runs, oldest first
 */
public record AgreementData(
    TaskType taskType,
    Rubric rubric,
    Optional<VersionedId> ruleSet,
    Normalizer normalizer,
    List<SubmittedLabel> labels,
    Map<String, LabelValue> goldAnswers,
    List<ImportBatch> batches) {
  public AgreementData {
    labels = List.copyOf(labels);
    goldAnswers = Map.copyOf(goldAnswers);
    batches = List.copyOf(batches);
  }
}
