package dev.earmark.app.gui.policy;

import dev.earmark.engine.policy.PolicyDiffReport;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.policy.LabelPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a policy change would do, shown before the lead confirms it.
 *
 * @param current the policy in force, if any
 * @param ruleSet the rule set picked, or empty for none
 * @param rubricDiff the rubric diff from the rubric in force, as {@code earmark rubric diff} prints
 *     it (empty when there is no policy yet)
 * @param ruleDiff the lines of {@code earmark rules diff} from the rule set in force (empty when
 *     either side has none)
 * @param policyDiff the policy diff over the project's submitted transcripts when the rule set of
 *     an ASR policy changes
 * @param labelsUnderOtherRubrics submitted labels of this task type under another rubric version
 */
public record PolicyPreview(
    TaskType taskType,
    Optional<LabelPolicy> current,
    VersionedId rubric,
    Optional<VersionedId> ruleSet,
    String rubricDiff,
    List<String> ruleDiff,
    Optional<PolicyDiffReport> policyDiff,
    Map<VersionedId, Integer> labelsUnderOtherRubrics) {
  public PolicyPreview {
    ruleDiff = List.copyOf(ruleDiff);
    labelsUnderOtherRubrics = Map.copyOf(labelsUnderOtherRubrics);
  }

  /** Whether the picked versions are the policy in force already. */
  public boolean unchanged() {
    return current.isPresent()
        && current.get().rubric().equals(rubric)
        && current.get().ruleSet().equals(ruleSet);
  }

  /** "asr-transcript: asr-transcript@1 + en-asr@1 → asr-transcript@1 + en-asr@2". */
  public String heading() {
    return taskType.id()
        + ": "
        + current.map(PolicyPreview::describe).orElse("no policy")
        + " → "
        + rubric
        + " + "
        + ruleSet.map(Object::toString).orElse("no rule set");
  }

  static String describe(LabelPolicy policy) {
    return policy.rubric() + " + " + policy.ruleSet().map(Object::toString).orElse("no rule set");
  }
}
