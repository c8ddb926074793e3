package dev.earmark.storage.adjudicate;

import dev.earmark.engine.agreement.LabelScale;
import dev.earmark.engine.agreement.NormalizedComparator;
import dev.earmark.engine.dispute.Dispute;
import dev.earmark.engine.dispute.DisputeReason;
import dev.earmark.engine.dispute.DisputeRouter;
import dev.earmark.engine.dispute.ItemLabels;
import dev.earmark.engine.dispute.LabelField;
import dev.earmark.engine.dispute.RoutingSettings;
import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSetJson;
import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.label.Label;
import dev.earmark.storage.label.LabelState;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the disputes among submitted labels and stores them: the one routing path of the project,
 * used by the demo builder and by {@code earmark labels import}. For each item (a clip under one
 * rubric version) that has submitted labels and no dispute yet, rubric-engine's {@link
 * DisputeRouter} applies the project's routing settings ({@link Setting#ROUTING_TRANSCRIPT_WER},
 * {@link Setting#ROUTING_ORDINAL_SPREAD}; categorical mismatch, gold failure and the {@code unsure}
 * flag always on) to every comparable field of the rubric: text fields as transcripts compared
 * under the normalization rule set of the label policy in force for the rubric's task type, scale
 * fields as ordinal, categorical fields as categorical. The reasons of all fields become one
 * dispute per item, recorded through {@link Adjudications#recordDispute} (audited as {@code
 * dispute.open}).
 *
 * <p>Routing twice changes nothing: an item that already has a dispute (open, escalated or
 * resolved) is left alone. Thread-safe.
 */
public final class DisputeRouting {
  private static final String UNSURE = "unsure";

  private final Project project;
  private final Policies policies;
  private final ProjectSettings settings;
  private final Labels labels;
  private final Assignments assignments;
  private final Adjudications adjudications;

  public DisputeRouting(
      Project project,
      Policies policies,
      ProjectSettings settings,
      Labels labels,
      Assignments assignments,
      Adjudications adjudications) {
    this.project = project;
    this.policies = policies;
    this.settings = settings;
    this.labels = labels;
    this.assignments = assignments;
    this.adjudications = adjudications;
  }

  /** The routing services over {@code project}. */
  public static DisputeRouting of(Project project) {
    Policies policies = new Policies(project);
    ProjectSettings settings = new ProjectSettings(project);
    return new DisputeRouting(
        project,
        policies,
        settings,
        new Labels(project, policies, settings),
        new Assignments(project, policies),
        new Adjudications(project, policies));
  }

  /**
   * Routes the items of {@code rubric} among {@code clipIds} (every clip with submitted labels
   * under {@code rubric} when {@code clipIds} is empty) and stores the disputes found (lead or
   * adjudicator).
   *
   * @return the disputes opened by this call, by clip id
   */
  public List<DisputeRecord> route(Actor actor, VersionedId rubricId, Collection<Long> clipIds) {
    Access.require(project, actor, "route disputes", Role.LEAD, Role.ADJUDICATOR);
    Rubric rubric = policies.rubric(rubricId);
    Set<Long> wanted = new TreeSet<>(clipIds);
    Map<Long, List<Label>> byClip = new TreeMap<>();
    for (Label label :
        wanted.isEmpty()
            ? labels.labels(actor, rubricId)
            : labels.labels(actor, rubricId, wanted)) {
      if (label.state() == LabelState.SUBMITTED) {
        byClip.computeIfAbsent(label.clipId(), k -> new ArrayList<>()).add(label);
      }
    }
    if (byClip.isEmpty()) {
      return List.of();
    }
    Set<Long> disputed = disputedClips(rubricId);
    DisputeRouter router = new DisputeRouter(routingSettings(), comparator(rubric));
    Map<Long, LabelValue> golds = assignments.goldAnswers(actor, rubricId, byClip.keySet());
    List<DisputeRecord> opened = new ArrayList<>();
    for (Map.Entry<Long, List<Label>> item : byClip.entrySet()) {
      if (disputed.contains(item.getKey())) {
        continue;
      }
      List<Label> submitted = item.getValue();
      String clipKey = submitted.get(0).clipKey();
      Optional<LabelValue> gold = Optional.ofNullable(golds.get(item.getKey()));
      route(router, rubric, clipKey, submitted, gold)
          .ifPresent(
              dispute ->
                  opened.add(adjudications.recordDispute(actor, item.getKey(), rubricId, dispute)));
    }
    return opened;
  }

  /**
   * The dispute of one item, when any rule fires on any comparable field: every field's reasons
   * (the unsure flag once, from the rubric's {@code unsure} flag field), in rule order.
   */
  static Optional<Dispute> route(
      DisputeRouter router,
      Rubric rubric,
      String clipKey,
      List<Label> submitted,
      Optional<LabelValue> gold) {
    List<DisputeReason> reasons = new ArrayList<>();
    for (FieldSpec spec : rubric.fields()) {
      Optional<LabelField> field = field(spec);
      if (field.isEmpty()) {
        continue;
      }
      List<ItemLabels.AnnotatorLabel> answers = new ArrayList<>();
      for (Label label : submitted) {
        answer(spec, label.value())
            .ifPresent(
                value ->
                    answers.add(new ItemLabels.AnnotatorLabel(label.annotatorId(), value, false)));
      }
      if (answers.isEmpty()) {
        continue;
      }
      router
          .route(
              new ItemLabels(
                  clipKey, field.get(), answers, gold.flatMap(value -> answer(spec, value))))
          .ifPresent(dispute -> reasons.addAll(dispute.reasons()));
    }
    List<String> unsure =
        submitted.stream()
            .filter(label -> flag(label.value(), UNSURE))
            .map(Label::annotatorId)
            .toList();
    if (!unsure.isEmpty()) {
      reasons.add(new DisputeReason.UnsureFlag(unsure));
    }
    if (reasons.isEmpty()) {
      return Optional.empty();
    }
    List<DisputeReason> ordered = new ArrayList<>(reasons);
    ordered.sort(Comparator.comparing(DisputeReason::rule));
    return Optional.of(new Dispute(clipKey, ordered));
  }

  private RoutingSettings routingSettings() {
    return new RoutingSettings(
        true,
        OptionalInt.of((int) Math.round(settings.number(Setting.ROUTING_ORDINAL_SPREAD))),
        OptionalDouble.of(settings.number(Setting.ROUTING_TRANSCRIPT_WER)),
        true,
        false);
  }

  /** Transcripts compared under the rule set of the label policy in force for the task type. */
  private NormalizedComparator comparator(Rubric rubric) {
    Optional<VersionedId> ruleSet =
        policies.policy(rubric.taskType()).flatMap(LabelPolicy::ruleSet);
    Normalizer normalizer =
        ruleSet
            .map(
                id ->
                    Normalizer.compile(
                        RuleSetJson.parse(
                            policies.ruleSet(id).orElseThrow().contentJson(),
                            "rule set " + id + " published in the project")))
            .orElse(Normalizer.identity());
    return new NormalizedComparator(normalizer);
  }

  private Set<Long> disputedClips(VersionedId rubric) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                new TreeSet<>(
                    handle
                        .createQuery(
                            "SELECT DISTINCT clip_id FROM disputes WHERE rubric_version = :rubric")
                        .bind("rubric", rubric.toString())
                        .mapTo(Long.class)
                        .list()));
  }

  /** How routing compares a field; empty for fields no rule reads (flags, tags, segments…). */
  private static Optional<LabelField> field(FieldSpec spec) {
    if (spec instanceof FieldSpec.TextField) {
      return Optional.of(new LabelField.Transcript());
    }
    if (spec instanceof FieldSpec.ScaleField scale) {
      List<String> points = new ArrayList<>();
      for (int point = scale.min(); point <= scale.max(); point++) {
        points.add(Integer.toString(point));
      }
      return Optional.of(new LabelField.Ordinal(LabelScale.ordered(points)));
    }
    if (spec instanceof FieldSpec.CategoricalField) {
      return Optional.of(new LabelField.Categorical());
    }
    return Optional.empty();
  }

  /** One field of a label value as routing reads it; empty when the label leaves it out. */
  private static Optional<String> answer(FieldSpec spec, LabelValue value) {
    Optional<FieldValue> field = value.field(spec.name());
    if (field.isEmpty()) {
      return Optional.empty();
    }
    if (field.get() instanceof FieldValue.Text text) {
      return Optional.of(text.text());
    }
    if (field.get() instanceof FieldValue.ScalePoint point) {
      return Optional.of(Integer.toString(point.point()));
    }
    if (field.get() instanceof FieldValue.Choice choice) {
      return Optional.of(choice.option());
    }
    return Optional.empty();
  }

  private static boolean flag(LabelValue value, String name) {
    return value
        .field(name)
        .filter(FieldValue.Flag.class::isInstance)
        .map(field -> ((FieldValue.Flag) field).set())
        .orElse(false);
  }
}
