package dev.earmark.app.gui.listening;

import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.LabelSession;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.listening.RaterTrial;
import dev.earmark.storage.listening.TtsSession;
import dev.earmark.storage.listening.TtsSessions;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The listening screens over storage for one rater: the next trial of their listening-test sessions
 * ({@link TtsSessions}: a session is started when none is open, a training block first), blind as
 * {@link RaterTrial} gives it, and its label saved and submitted through {@link Labels} like every
 * other label (drafts, optimistic lock, audit). Thread-safe: every call reads storage afresh.
 */
public final class StoredListeningService implements ListeningService {
  private final String userId;
  private final Project project;
  private final Policies policies;
  private final Labels labels;
  private final TtsSessions sessions;
  private final Clock clock;
  private final Map<Long, Instant> opened = new HashMap<>();

  public StoredListeningService(Project project, String userId, Clock clock) {
    this.project = project;
    this.userId = userId;
    this.clock = clock;
    this.policies = new Policies(project);
    ProjectSettings settings = new ProjectSettings(project);
    this.labels = new Labels(project, policies, settings);
    this.sessions = new TtsSessions(project, policies, settings);
  }

  private Actor actor() {
    return project.users().actor(userId);
  }

  /** The rater's first unsubmitted trial of {@code type}, starting a session when none is left. */
  private Optional<Located> next(TaskType type) {
    Actor actor = actor();
    if (policies.policy(type).isEmpty()) {
      return Optional.empty();
    }
    for (TtsSession session : sessions.sessions(actor, userId, type)) {
      Optional<Located> open = firstOpen(actor, session);
      if (open.isPresent()) {
        return open;
      }
    }
    TtsSession started;
    try {
      started = sessions.start(actor, userId, type);
    } catch (StorageException noPendingTrial) {
      return Optional.empty();
    }
    return firstOpen(actor, started);
  }

  private Optional<Located> firstOpen(Actor actor, TtsSession session) {
    List<RaterTrial> trials = sessions.trials(actor, session.id());
    for (RaterTrial trial : trials) {
      if (trial.state() != AssignmentState.SUBMITTED) {
        synchronized (opened) {
          opened.putIfAbsent(trial.assignmentId(), clock.instant());
        }
        return Optional.of(new Located(trial, trials.size()));
      }
    }
    return Optional.empty();
  }

  private record Located(RaterTrial trial, int total) {}

  @Override
  public Optional<MushraTrial> nextMushra() {
    return next(TaskType.TTS_MUSHRA)
        .map(
            located -> {
              RaterTrial trial = located.trial();
              Rubric rubric = policies.rubric(trial.rubric());
              Map<String, Integer> draft =
                  draftValue(trial, rubric, FieldSpec.StimulusScoresField.class)
                      .filter(FieldValue.StimulusScores.class::isInstance)
                      .map(
                          value ->
                              (Map<String, Integer>)
                                  Map.copyOf(((FieldValue.StimulusScores) value).scores()))
                      .orElse(Map.of());
              return new MushraTrial(
                  Long.toString(trial.assignmentId()),
                  trial.promptText(),
                  trial.openReference().map(RaterTrial.BlindStimulus::audioPath),
                  trial.stimuli().stream().map(StoredListeningService::stimulus).toList(),
                  rubric.listeningRequirement(),
                  draft,
                  trial.position(),
                  located.total(),
                  trial.training());
            });
  }

  @Override
  public Optional<PreferenceTrial> nextPreference() {
    return next(TaskType.TTS_PREFERENCE)
        .map(
            located -> {
              RaterTrial trial = located.trial();
              Rubric rubric = policies.rubric(trial.rubric());
              FieldSpec.StimulusChoiceField field =
                  field(rubric, FieldSpec.StimulusChoiceField.class);
              Stimulus a = stimulus(trial.stimuli().get(0));
              Stimulus b = stimulus(trial.stimuli().get(1));
              Optional<Preference> draft =
                  draftValue(trial, rubric, FieldSpec.StimulusChoiceField.class)
                      .filter(FieldValue.Choice.class::isInstance)
                      .map(value -> ((FieldValue.Choice) value).option())
                      .map(
                          option ->
                              option.equals(a.key())
                                  ? Preference.A
                                  : option.equals(b.key())
                                      ? Preference.B
                                      : Preference.NO_PREFERENCE);
              return new PreferenceTrial(
                  Long.toString(trial.assignmentId()),
                  trial.promptText(),
                  a,
                  b,
                  field.allowNoPreference(),
                  rubric.listeningRequirement(),
                  draft,
                  trial.position(),
                  located.total(),
                  trial.training());
            });
  }

  private static Stimulus stimulus(RaterTrial.BlindStimulus blind) {
    return new Stimulus(blind.clipKey(), blind.letter(), blind.audioPath());
  }

  private static <T extends FieldSpec> T field(Rubric rubric, Class<T> type) {
    return rubric.fields().stream()
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(
            () -> new StorageException(rubric.id() + " has no " + type.getSimpleName() + " field"));
  }

  private Optional<FieldValue> draftValue(
      RaterTrial trial, Rubric rubric, Class<? extends FieldSpec> type) {
    LabelSession session = labels.open(actor(), trial.assignmentId());
    String name = field(rubric, type).name();
    return session.label().map(label -> label.value().fields().get(name));
  }

  @Override
  public void saveMushra(MushraTrial trial, Map<String, Integer> scores) {
    write(trial.trialId(), mushraValue(trial, scores), 0, false);
  }

  @Override
  public void submitMushra(
      MushraTrial trial, Map<String, Integer> scores, Map<String, Double> heard) {
    write(trial.trialId(), mushraValue(trial, scores), least(heard), true);
  }

  @Override
  public void savePreference(PreferenceTrial trial, Preference choice) {
    write(trial.trialId(), preferenceValue(trial, choice), 0, false);
  }

  @Override
  public void submitPreference(
      PreferenceTrial trial, Preference choice, Map<String, Double> heard) {
    write(trial.trialId(), preferenceValue(trial, choice), least(heard), true);
  }

  private LabelValue mushraValue(MushraTrial trial, Map<String, Integer> scores) {
    LabelSession session = labels.open(actor(), Long.parseLong(trial.trialId()));
    Rubric rubric = policies.rubric(session.rubric());
    return new LabelValue(
        rubric.id(),
        Map.of(
            field(rubric, FieldSpec.StimulusScoresField.class).name(),
            new FieldValue.StimulusScores(new TreeMap<>(scores))));
  }

  private LabelValue preferenceValue(PreferenceTrial trial, Preference choice) {
    LabelSession session = labels.open(actor(), Long.parseLong(trial.trialId()));
    Rubric rubric = policies.rubric(session.rubric());
    String option =
        switch (choice) {
          case A -> trial.a().key();
          case B -> trial.b().key();
          case NO_PREFERENCE -> FieldSpec.StimulusChoiceField.NO_PREFERENCE;
        };
    return new LabelValue(
        rubric.id(),
        Map.of(
            field(rubric, FieldSpec.StimulusChoiceField.class).name(),
            new FieldValue.Choice(option)));
  }

  private void write(String trialId, LabelValue value, double heard, boolean submit) {
    long assignment = Long.parseLong(trialId);
    Actor actor = actor();
    LabelSession session = labels.open(actor, assignment);
    Instant since;
    synchronized (opened) {
      since = opened.getOrDefault(assignment, clock.instant());
    }
    Duration spent = Duration.between(since, clock.instant());
    LabelInput input = new LabelInput(value, spent.isNegative() ? Duration.ZERO : spent, heard);
    if (submit) {
      labels.submit(actor, assignment, input, session.version());
    } else {
      labels.saveDraft(actor, assignment, input, session.version());
    }
  }

  /** The label's listened coverage: the least heard of the trial's stimuli. */
  private static double least(Map<String, Double> heard) {
    return heard.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }
}
