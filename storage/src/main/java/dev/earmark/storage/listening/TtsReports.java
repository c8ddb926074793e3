package dev.earmark.storage.listening;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.listening.ListeningScore;
import dev.earmark.engine.listening.Screening;
import dev.earmark.engine.listening.StimulusRole;
import dev.earmark.engine.listening.SystemResults;
import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.LabelValueJson;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.listening.trial.ListeningTrials;
import dev.earmark.storage.listening.trial.Stimulus;
import dev.earmark.storage.listening.trial.Trial;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Builds the {@link TtsReport} from the project's submitted listening-test labels: applies the
 * screening rules of each design automatically (P.808 gold and traps for ACR, BS.1534-3
 * post-screening for MUSHRA), leaves training blocks out, and computes the system-level results
 * with {@link SystemResults}. The one read model behind {@code earmark tts report} and the
 * dashboard's TTS section. Thread-safe.
 */
public final class TtsReports {
  /** Bootstrap resamples behind every interval of the report. */
  public static final int RESAMPLES = 2000;

  /** The seed that reproduces every interval of the report. */
  public static final long SEED = 1534;

  private static final List<TaskType> DESIGNS =
      List.of(TaskType.TTS_RATING, TaskType.TTS_MUSHRA, TaskType.TTS_PREFERENCE);

  private final Project project;
  private final Policies policies;

  public TtsReports(Project project, Policies policies) {
    this.project = project;
    this.policies = policies;
  }

  /**
   * The report of every listening-test design with trials, or of {@code only}.
   *
   * @throws dev.earmark.storage.PermissionDeniedException unless a lead or adjudicator asks (the
   *     report names systems)
   * @throws StorageException when {@code only} is not a listening-test task type
   */
  public TtsReport report(Actor actor, Optional<TaskType> only) {
    if (only.isPresent() && !DESIGNS.contains(only.get())) {
      throw new StorageException(
          only.get() + " is not a listening test: use tts-rating, tts-mushra or tts-preference");
    }
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(
                  handle, actor, "read the listening-test report", Role.LEAD, Role.ADJUDICATOR);
              List<TtsReport.Design> designs = new ArrayList<>();
              for (TaskType type : only.map(List::of).orElse(DESIGNS)) {
                ListeningTrials.Trials trials = ListeningTrials.trials(handle, type);
                if (only.isEmpty() && trials.trials().isEmpty() && trials.problems().isEmpty()) {
                  continue;
                }
                designs.add(design(handle, type, trials));
              }
              return new TtsReport(designs, RESAMPLES, SEED);
            });
  }

  /**
   * The listening-test designs with at least one submitted label, in report order: what a batch can
   * carry. One query, without building the report (whose intervals take thousands of bootstrap
   * resamples), so a screen can offer the designs as soon as it opens.
   *
   * @throws dev.earmark.storage.PermissionDeniedException unless a lead or adjudicator asks, as for
   *     the report itself
   */
  public List<TaskType> designsWithLabels(Actor actor) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              Access.require(
                  handle, actor, "read the listening-test report", Role.LEAD, Role.ADJUDICATOR);
              Set<String> labelled =
                  new HashSet<>(
                      handle
                          .createQuery(
                              "SELECT DISTINCT c.task_type FROM labels l JOIN assignments a"
                                  + " ON a.id = l.assignment_id JOIN clips c ON c.id = a.clip_id"
                                  + " WHERE l.state = 'submitted' AND c.task_type IN (<types>)")
                          .bindList("types", DESIGNS.stream().map(TaskType::id).toList())
                          .mapTo(String.class)
                          .list());
              return DESIGNS.stream().filter(type -> labelled.contains(type.id())).toList();
            });
  }

  /**
   * The report of {@code type} with every submitted label of it as screened: what a batch exports
   * for a listening test (docs/formats/listening-tests.md).
   *
   * @throws dev.earmark.storage.PermissionDeniedException unless a lead or adjudicator asks
   * @throws StorageException when {@code type} is not a listening-test task type
   */
  public Screened screened(Actor actor, TaskType type) {
    TtsReport report = report(actor, Optional.of(type));
    TtsReport.Design design = report.designs().get(0);
    List<ScreenedLabel> labels =
        project
            .jdbi()
            .withHandle(
                handle -> {
                  Map<Long, Trial> byKey = new HashMap<>();
                  ListeningTrials.trials(handle, type)
                      .trials()
                      .forEach(trial -> byKey.put(trial.keyClip().clipId(), trial));
                  List<ScreenedLabel> out = new ArrayList<>();
                  for (Row row : rows(handle, type)) {
                    Trial trial = byKey.get(row.clipId());
                    List<Screening.Exclusion> against = new ArrayList<>();
                    for (TtsReport.RuleOutcome rule : design.screening()) {
                      for (Screening.Exclusion exclusion : rule.exclusions()) {
                        if (exclusion.rater().equals(row.rater())
                            && (exclusion.session().isEmpty()
                                || exclusion.session().equals(row.session()))) {
                          against.add(exclusion);
                        }
                      }
                    }
                    out.add(
                        new ScreenedLabel(
                            trial == null ? "" : trial.id(),
                            row.rater(),
                            row.session(),
                            row.kind() == null ? "" : row.kind(),
                            row.rubric().id().toString(),
                            LabelValueJson.toJson(row.value()),
                            trial == null
                                ? ScreenedLabel.NO_TRIAL
                                : "training".equals(row.kind())
                                    ? ScreenedLabel.TRAINING
                                    : against.isEmpty()
                                        ? ScreenedLabel.KEPT
                                        : ScreenedLabel.EXCLUDED,
                            against));
                  }
                  return out;
                });
    return new Screened(report, design, labels);
  }

  /**
   * One design's report (the whole {@link TtsReport} of it) with its labels as screened.
   *
   * @param report the report holding just {@code design}
   */
  public record Screened(TtsReport report, TtsReport.Design design, List<ScreenedLabel> labels) {
    public Screened {
      labels = List.copyOf(labels);
    }
  }

  /**
   * One submitted listening-test label and what screening made of it.
   *
   * @param trial the trial id, {@code ""} when the clip is in no complete trial
   * @param session the session id, {@code ""} outside a session
   * @param kind the session item kind ({@code trial}, {@code gold}, {@code trap}, {@code
   *     training}), {@code ""} outside a session
   * @param value the label's value as stored JSON
   * @param status {@link #KEPT}, {@link #EXCLUDED}, {@link #TRAINING} or {@link #NO_TRIAL}
   * @param exclusions the screening exclusions that cover this label's rater (and session)
   */
  public record ScreenedLabel(
      String trial,
      String rater,
      String session,
      String kind,
      String rubric,
      JsonNode value,
      String status,
      List<Screening.Exclusion> exclusions) {
    /** Counted by the report (gold and trap answers check the rater and are not scored). */
    public static final String KEPT = "kept";

    /** Left out of the report by a screening rule; still exported, marked. */
    public static final String EXCLUDED = "excluded";

    /** A training block's label: never scored. */
    public static final String TRAINING = "training";

    /** The clip is in no complete trial (see the report's trial problems). */
    public static final String NO_TRIAL = "no-trial";

    public ScreenedLabel {
      exclusions = List.copyOf(exclusions);
    }
  }

  /** One submitted label with where it sits. */
  private record Row(
      String rater,
      String session,
      String kind,
      boolean gold,
      long clipId,
      LabelValue value,
      Rubric rubric) {}

  private TtsReport.Design design(Handle handle, TaskType type, ListeningTrials.Trials trials) {
    Map<Long, Trial> byKey = new HashMap<>();
    trials.trials().forEach(trial -> byKey.put(trial.keyClip().clipId(), trial));
    List<Row> rows = rows(handle, type);
    Set<String> rubrics = new TreeSet<>();
    rows.forEach(row -> rubrics.add(row.rubric().id().toString()));
    int training = (int) rows.stream().filter(row -> "training".equals(row.kind())).count();
    List<Row> scored =
        rows.stream()
            .filter(row -> !"training".equals(row.kind()) && byKey.containsKey(row.clipId()))
            .toList();

    List<TtsReport.RuleOutcome> screening = new ArrayList<>();
    Set<Row> checks = new HashSet<>();
    if (type == TaskType.TTS_RATING) {
      List<Screening.AnswerCheck> golds = new ArrayList<>();
      List<Screening.AnswerCheck> traps = new ArrayList<>();
      for (Row row : scored) {
        Trial trial = byKey.get(row.clipId());
        if (row.gold()) {
          goldAnswer(handle, row).ifPresent(expected -> golds.add(check(row, trial, expected)));
          checks.add(row);
        }
        JsonNode trap = ListeningTrials.payload(clipOf(handle, row.clipId())).get("trap_answer");
        if (trap != null && trap.isObject()) {
          Map<String, Integer> expected = new TreeMap<>();
          trap.fields().forEachRemaining(f -> expected.put(f.getKey(), f.getValue().asInt()));
          traps.add(check(row, trial, expected));
          checks.add(row);
        }
      }
      screening.add(
          outcome(
              Screening.P808_GOLD,
              golds.stream().map(c -> c.rater() + "\n" + c.session()).distinct().count(),
              Screening.p808Gold(golds)));
      screening.add(
          outcome(
              Screening.P808_TRAP,
              traps.stream().map(c -> c.rater() + "\n" + c.session()).distinct().count(),
              Screening.p808Trap(traps)));
    } else if (type == TaskType.TTS_MUSHRA) {
      List<Screening.MushraTrial> mushra = new ArrayList<>();
      for (Row row : scored) {
        Trial trial = byKey.get(row.clipId());
        Map<String, Integer> scores = stimulusScores(row);
        mushra.add(
            new Screening.MushraTrial(
                row.rater(),
                trial.id(),
                scoreOf(scores, trial, StimulusRole.REFERENCE),
                scoreOf(scores, trial, StimulusRole.ANCHOR_MID)));
      }
      screening.add(
          outcome(
              Screening.BS1534_POST,
              mushra.stream().map(Screening.MushraTrial::rater).distinct().count(),
              Screening.bs1534(mushra)));
    }
    Set<String> excludedRaters = new HashSet<>();
    Set<String> excludedSessions = new HashSet<>();
    for (TtsReport.RuleOutcome rule : screening) {
      for (Screening.Exclusion exclusion : rule.exclusions()) {
        if (exclusion.session().isEmpty()) {
          excludedRaters.add(exclusion.rater());
        } else {
          excludedSessions.add(exclusion.rater() + "\n" + exclusion.session());
        }
      }
    }
    List<Row> kept = new ArrayList<>();
    int excluded = 0;
    for (Row row : scored) {
      if (excludedRaters.contains(row.rater())
          || excludedSessions.contains(row.rater() + "\n" + row.session())) {
        excluded++;
      } else if (!checks.contains(row)) {
        kept.add(row);
      }
    }

    List<ListeningScore> scores = new ArrayList<>();
    List<SystemResults.PreferenceVote> votes = new ArrayList<>();
    for (Row row : kept) {
      Trial trial = byKey.get(row.clipId());
      if (type == TaskType.TTS_RATING) {
        row.value()
            .fields()
            .forEach(
                (field, value) -> {
                  if (value instanceof FieldValue.ScalePoint point) {
                    scores.add(
                        new ListeningScore(
                            row.rater(),
                            trial.id(),
                            trial.keyClip().clipKey(),
                            trial.keyClip().reportedSystem(),
                            field,
                            point.point(),
                            trial.promptType()));
                  }
                });
      } else if (type == TaskType.TTS_MUSHRA) {
        String field = stimulusScoresField(row.rubric());
        stimulusScores(row)
            .forEach(
                (clipKey, score) ->
                    trial
                        .stimulus(clipKey)
                        .ifPresent(
                            stimulus ->
                                scores.add(
                                    new ListeningScore(
                                        row.rater(),
                                        trial.id(),
                                        clipKey,
                                        stimulus.reportedSystem(),
                                        field,
                                        score,
                                        trial.promptType()))));
      } else {
        choice(row)
            .ifPresent(
                chosen ->
                    votes.add(
                        new SystemResults.PreferenceVote(
                            row.rater(),
                            trial.id(),
                            trial.stimuli().get(0).reportedSystem(),
                            trial.stimuli().get(1).reportedSystem(),
                            trial.stimulus(chosen).map(Stimulus::reportedSystem).orElse(""),
                            trial.promptType())));
      }
    }

    Set<String> systems = new TreeSet<>();
    List<SystemResults.Latency> latencies = new ArrayList<>();
    for (Trial trial : trials.trials()) {
      for (Stimulus stimulus : trial.stimuli()) {
        if (stimulus.role() == StimulusRole.SYSTEM) {
          systems.add(stimulus.reportedSystem());
        }
        if (stimulus.firstAudioByteMs().isPresent()) {
          latencies.add(
              new SystemResults.Latency(
                  stimulus.reportedSystem(),
                  stimulus.clipKey(),
                  stimulus.firstAudioByteMs().getAsDouble()));
        }
      }
    }
    List<SystemResults.Difference> differences = new ArrayList<>();
    Set<String> dimensions = new TreeSet<>();
    scores.forEach(score -> dimensions.add(score.dimension()));
    List<String> systemList = new ArrayList<>(systems);
    for (String dimension : dimensions) {
      for (int i = 0; i < systemList.size(); i++) {
        for (int j = i + 1; j < systemList.size(); j++) {
          SystemResults.difference(
                  scores, dimension, systemList.get(i), systemList.get(j), RESAMPLES, SEED)
              .ifPresent(differences::add);
        }
      }
    }
    Map<String, List<ListeningScore>> scoresBySlice = new TreeMap<>();
    scores.stream()
        .filter(score -> !score.slice().isEmpty())
        .forEach(
            score ->
                scoresBySlice.computeIfAbsent(score.slice(), s -> new ArrayList<>()).add(score));
    Map<String, List<SystemResults.PreferenceVote>> votesBySlice = new TreeMap<>();
    votes.stream()
        .filter(vote -> !vote.slice().isEmpty())
        .forEach(
            vote -> votesBySlice.computeIfAbsent(vote.slice(), s -> new ArrayList<>()).add(vote));
    Set<String> sliceNames = new TreeSet<>(scoresBySlice.keySet());
    sliceNames.addAll(votesBySlice.keySet());
    List<TtsReport.Slice> slices = new ArrayList<>();
    for (String slice : sliceNames) {
      slices.add(
          new TtsReport.Slice(
              slice,
              SystemResults.means(scoresBySlice.getOrDefault(slice, List.of()), RESAMPLES, SEED),
              SystemResults.preferences(
                  votesBySlice.getOrDefault(slice, List.of()), RESAMPLES, SEED)));
    }
    return new TtsReport.Design(
        type,
        new ArrayList<>(rubrics),
        trials.trials().size(),
        trials.problems(),
        rows.size(),
        training,
        screening,
        excluded,
        SystemResults.means(scores, RESAMPLES, SEED),
        differences,
        scores.isEmpty() ? List.of() : SystemResults.alphas(scores, RESAMPLES, SEED),
        SystemResults.preferences(votes, RESAMPLES, SEED),
        slices,
        SystemResults.latency(latencies));
  }

  private static TtsReport.RuleOutcome outcome(
      String rule, long checked, List<Screening.Exclusion> exclusions) {
    return new TtsReport.RuleOutcome(rule, (int) checked, exclusions);
  }

  private static Screening.AnswerCheck check(Row row, Trial trial, Map<String, Integer> expected) {
    return new Screening.AnswerCheck(
        row.rater(), row.session(), trial.keyClip().clipKey(), points(row.value()), expected);
  }

  private static Map<String, Integer> points(LabelValue value) {
    Map<String, Integer> points = new TreeMap<>();
    value
        .fields()
        .forEach(
            (field, v) -> {
              if (v instanceof FieldValue.ScalePoint point) {
                points.put(field, point.point());
              }
            });
    return points;
  }

  private Optional<Map<String, Integer>> goldAnswer(Handle handle, Row row) {
    return handle
        .createQuery(
            "SELECT value_json FROM gold_answers WHERE clip_id = :clip AND rubric_version = :r")
        .bind("clip", row.clipId())
        .bind("r", row.rubric().id().toString())
        .mapTo(String.class)
        .findOne()
        .map(json -> points(read(json, row.rubric())))
        .filter(points -> !points.isEmpty());
  }

  private static dev.earmark.storage.clip.StoredClip clipOf(Handle handle, long clipId) {
    return dev.earmark.storage.clip.Clips.find(handle, clipId).orElseThrow();
  }

  private static OptionalInt scoreOf(Map<String, Integer> scores, Trial trial, StimulusRole role) {
    return trial
        .withRole(role)
        .map(Stimulus::clipKey)
        .filter(scores::containsKey)
        .map(key -> OptionalInt.of(scores.get(key)))
        .orElse(OptionalInt.empty());
  }

  private static String stimulusScoresField(Rubric rubric) {
    return rubric.fields().stream()
        .filter(field -> field instanceof FieldSpec.StimulusScoresField)
        .map(FieldSpec::name)
        .findFirst()
        .orElse("quality");
  }

  private static Map<String, Integer> stimulusScores(Row row) {
    return row.value()
        .field(stimulusScoresField(row.rubric()))
        .filter(value -> value instanceof FieldValue.StimulusScores)
        .map(value -> (Map<String, Integer>) ((FieldValue.StimulusScores) value).scores())
        .orElse(Map.of());
  }

  /** The A/B choice as a clip id, {@code ""} for no preference. */
  private static Optional<String> choice(Row row) {
    for (FieldSpec field : row.rubric().fields()) {
      if (field instanceof FieldSpec.StimulusChoiceField) {
        return row.value()
            .field(field.name())
            .filter(value -> value instanceof FieldValue.Choice)
            .map(value -> ((FieldValue.Choice) value).option())
            .map(
                option -> FieldSpec.StimulusChoiceField.NO_PREFERENCE.equals(option) ? "" : option);
      }
    }
    return Optional.empty();
  }

  private List<Row> rows(Handle handle, TaskType type) {
    Map<String, Rubric> rubrics = new LinkedHashMap<>();
    return handle
        .createQuery(
            "SELECT l.annotator_id, l.value_json, l.rubric_version, a.is_gold, a.clip_id,"
                + " s.session_id, s.kind FROM labels l JOIN assignments a ON a.id ="
                + " l.assignment_id JOIN clips c ON c.id = a.clip_id LEFT JOIN tts_session_items s"
                + " ON s.assignment_id = a.id WHERE l.state = 'submitted' AND c.task_type = :t"
                + " ORDER BY l.id")
        .bind("t", type.id())
        .map(
            (rs, ctx) -> {
              Rubric rubric =
                  rubrics.computeIfAbsent(
                      rs.getString("rubric_version"), id -> policies.rubric(VersionedId.parse(id)));
              long sessionId = rs.getLong("session_id");
              String session = rs.wasNull() ? "" : Long.toString(sessionId);
              return new Row(
                  rs.getString("annotator_id"),
                  session,
                  rs.getString("kind"),
                  rs.getBoolean("is_gold"),
                  rs.getLong("clip_id"),
                  read(rs.getString("value_json"), rubric),
                  rubric);
            })
        .list();
  }

  private static LabelValue read(String json, Rubric rubric) {
    try {
      return LabelValueJson.read(AuditLog.json().readTree(json), rubric);
    } catch (IOException e) {
      throw new StorageException("a stored label is not JSON: " + e.getMessage());
    }
  }
}
