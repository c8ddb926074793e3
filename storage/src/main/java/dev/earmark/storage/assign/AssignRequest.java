package dev.earmark.storage.assign;

import dev.earmark.engine.priority.PrioritySettings;
import dev.earmark.engine.priority.SliceQuota;
import dev.earmark.engine.priority.SliceQuotas;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A lead's assignment run as the person asks for it ({@code earmark assign}'s options, the
 * workbench's Assign screen): the task type rather than a rubric version, a gold file rather than
 * parsed answers, a priority by name. {@link #run} resolves it against the project's label policy
 * and hands it to {@link Assignments#assign}, which does every check, the role check and the audit.
 * Immutable.
 *
 * @param task the task type whose policy rubric the clips are assigned under
 * @param annotators who labels, in order
 * @param overlap share of clips labeled by two annotators, 0–1
 * @param goldFile gold clips with their answers (JSON lines), validated under the rubric
 * @param goldShare share of clips made gold items instead of a gold file, 0–1
 * @param priority {@code qe}, {@code import} or {@code random}
 * @param quotas caps per slice tag value
 * @param limit at most this many clips under the rubric in total
 * @param dataset only clips of this dataset
 * @param seed seed of the gold, overlap and random choices
 * @param everyAnnotator every annotator labels every clip (a listening test's raters on every
 *     trial); {@code overlap} must then be 0
 */
public record AssignRequest(
    TaskType task,
    List<String> annotators,
    double overlap,
    Optional<Path> goldFile,
    double goldShare,
    String priority,
    SliceQuotas quotas,
    OptionalInt limit,
    Optional<String> dataset,
    long seed,
    boolean everyAnnotator) {
  /** The priority names, in the order they are offered. */
  public static final List<String> PRIORITIES = List.of("import", "qe", "random");

  /** A request that spreads the clips over the annotators. */
  public AssignRequest(
      TaskType task,
      List<String> annotators,
      double overlap,
      Optional<Path> goldFile,
      double goldShare,
      String priority,
      SliceQuotas quotas,
      OptionalInt limit,
      Optional<String> dataset,
      long seed) {
    this(
        task,
        annotators,
        overlap,
        goldFile,
        goldShare,
        priority,
        quotas,
        limit,
        dataset,
        seed,
        false);
  }

  public AssignRequest {
    Objects.requireNonNull(task, "task");
    annotators = List.copyOf(annotators);
    Objects.requireNonNull(goldFile, "goldFile");
    Objects.requireNonNull(quotas, "quotas");
    Objects.requireNonNull(limit, "limit");
    dataset =
        Objects.requireNonNull(dataset, "dataset").map(String::strip).filter(d -> !d.isEmpty());
    if (goldFile.isPresent() && goldShare > 0) {
      throw new StorageException("Give either a gold file or a gold share, not both.");
    }
    if (!PRIORITIES.contains(priority)) {
      throw new StorageException(
          "Priority " + priority + " is not one of " + String.join(", ", PRIORITIES) + ".");
    }
  }

  /**
   * What a run did or would do.
   *
   * @param qeModel the QE model whose uncertainty ordered the clips, for priority {@code qe}
   */
  public record Outcome(AssignmentReport report, Optional<String> qeModel) {}

  /**
   * Assigns (or, when {@code dryRun}, reports what would be assigned) as {@code actor}.
   *
   * @throws StorageException when the project has no policy for the task, the gold file is
   *     unreadable or refused by the rubric, or {@link Assignments#assign} refuses the plan
   * @throws dev.earmark.storage.PermissionDeniedException unless {@code actor} is a lead
   */
  public Outcome run(Project project, Actor actor, boolean dryRun) {
    Policies policies = new Policies(project);
    LabelPolicy policy =
        policies
            .policy(task)
            .orElseThrow(
                () ->
                    new StorageException(
                        "The project has no label policy for "
                            + task.id()
                            + "; set one with 'earmark policy set' before assigning."));
    Rubric rubric = policies.rubric(policy.rubric());
    List<GoldAnswer> gold = goldFile.map(file -> GoldFile.read(file, rubric)).orElse(List.of());
    AssignmentPlan plan =
        new AssignmentPlan(
            policy.rubric(),
            dataset,
            annotators,
            overlap,
            goldShare,
            seed,
            gold,
            quotas,
            limit,
            everyAnnotator);
    Optional<String> qeModel = Optional.empty();
    QueuePriority order;
    if (priority.equals("qe")) {
      ReviewQueuePriority review =
          ReviewQueuePriority.read(
              project,
              policies,
              policy.rubric(),
              quotas.quotas().stream().map(SliceQuota::tag).findFirst(),
              PrioritySettings.defaults());
      qeModel = Optional.of(review.qeModel());
      order = review;
    } else {
      order = priority.equals("random") ? QueuePriority.random(seed) : QueuePriority.byClipId();
    }
    return new Outcome(
        new Assignments(project, policies).assign(actor, plan, order, dryRun), qeModel);
  }
}
