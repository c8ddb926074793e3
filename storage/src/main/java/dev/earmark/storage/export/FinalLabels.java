package dev.earmark.storage.export;

import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.policy.PublishedVersion;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.util.List;
import java.util.Optional;

/**
 * The final label of every labelled active ASR clip, settled by the same code as {@link
 * BatchExporter} (adjudicated value, else agreement of all submitted labels under the ASR policy's
 * rule set, else the only label; open disputes and disagreements are unresolved). Other features
 * that need "the reference" of a clip — QE training — read it here so that they can never disagree
 * with what an export would ship. Reads only; thread-safe as far as the project is.
 */
public final class FinalLabels {
  private final Project project;
  private final Policies policies;

  public FinalLabels(Project project, Policies policies) {
    this.project = project;
    this.policies = policies;
  }

  /**
   * The ASR label policy's normalizer (its rule set, or none).
   *
   * @throws StorageException when the project has no label policy for asr-transcript
   */
  public Normalizer normalizer() {
    return normalizer(policy());
  }

  /** The rule set the ASR policy compares transcripts under, if any. */
  public Optional<String> ruleSetId() {
    return policy().ruleSet().map(Object::toString);
  }

  /**
   * Every labelled active asr-transcript clip with how its final label was reached, in dataset and
   * clip-key order.
   *
   * @throws StorageException when the project has no label policy for asr-transcript
   * @throws dev.earmark.storage.PermissionDeniedException unless the user table confirms {@code
   *     actor} as a lead (final labels carry every annotator's answers)
   */
  public List<FinalLabel> list(Actor actor) {
    Access.require(project, actor, "read final labels", Role.LEAD);
    Normalizer normalizer = normalizer();
    BatchData data = project.jdbi().withHandle(handle -> BatchData.load(handle, normalizer));
    return data.items().stream()
        .map(
            item ->
                new FinalLabel(
                    item.clip().id(),
                    item.clip().key(),
                    item.clip().datasetId(),
                    item.clip().audioPath(),
                    Optional.ofNullable(item.clip().hypothesis()).filter(text -> !text.isBlank()),
                    FinalLabel.Kind.ofManifestName(item.finalKind()),
                    item.transcript()))
        .toList();
  }

  LabelPolicy policy() {
    return policies
        .policy(TaskType.ASR_TRANSCRIPT)
        .orElseThrow(
            () ->
                new StorageException(
                    "The project has no label policy for asr-transcript; set one first."));
  }

  Normalizer normalizer(LabelPolicy policy) {
    Optional<PublishedVersion> ruleSet = policy.ruleSet().flatMap(policies::ruleSet);
    return ruleSet
        .map(
            published ->
                Normalizer.compile(
                    RuleSetJson.parse(
                        published.contentJson(),
                        "rule set " + published.id() + " published in the project")))
        .orElse(Normalizer.identity());
  }
}
