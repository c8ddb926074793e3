package dev.earmark.storage.demo;

import dev.earmark.engine.rubric.FieldSpec;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.listening.RaterTrial;
import dev.earmark.storage.listening.TtsSession;
import dev.earmark.storage.listening.TtsSessions;
import dev.earmark.storage.listening.trial.ListeningTrials;
import dev.earmark.storage.listening.trial.Trial;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's listening tests (sample-fixtures' {@code mushra/}: dataset {@value #DATASET_ID}): a
 * three-prompt MUSHRA test of three espeak-ng voices with hidden reference and 3.5 / 7 kHz anchors,
 * and A/B pairs of two of the voices. Kept apart from the main dataset so the demo's other figures
 * stay as they are. The step publishes {@code tts-mushra@1} and {@code tts-preference@1} with their
 * policies, imports both manifests, sets a one-trial training block, and assigns every trial to the
 * three simulated annotators, whose sessions it rates with fixed, documented scores (so the
 * dashboard's TTS section and {@code earmark tts report} have screened results to show: Bea scores
 * the hidden reference 85 on every trial and is excluded by {@code bs1534-post@1}), and to the
 * newcomer, whose trials stay open for the MUSHRA and A/B screens. Idempotent like every demo step.
 */
final class DemoListeningTests {
  /** The dataset id of the listening tests' contract. */
  static final String DATASET_ID = "earmark-demo-listening";

  /** The simulated raters, each with the scores they give per stimulus kind (clip-id suffix). */
  private static final Map<String, Map<String, Integer>> MUSHRA_SCORES =
      Map.of(
          "ann-alex",
          Map.of(
              "reference",
              100,
              "anchor-mid",
              55,
              "anchor-low",
              20,
              "sys-a",
              78,
              "sys-b",
              66,
              "sys-c",
              45),
          "ann-bea",
          Map.of(
              "reference",
              85,
              "anchor-mid",
              70,
              "anchor-low",
              35,
              "sys-a",
              90,
              "sys-b",
              88,
              "sys-c",
              70),
          "ann-cem",
          Map.of(
              "reference",
              95,
              "anchor-mid",
              45,
              "anchor-low",
              15,
              "sys-a",
              70,
              "sys-b",
              60,
              "sys-c",
              38));

  /** Each rater's A/B choice: the clip-id suffix they prefer, or no preference. */
  private static final Map<String, String> PREFERENCE =
      Map.of("ann-alex", "sys-a", "ann-bea", "no-preference", "ann-cem", "sys-a");

  /** When the simulated ratings were made (fixed, like labels.jsonl's times). */
  private static final Instant RATED_AT = Instant.parse("2026-11-19T14:00:00Z");

  private final Project project;
  private final Policies policies;
  private final ProjectSettings settings;
  private final Assignments assignments;
  private final Labels labels;
  private final TtsSessions sessions;

  DemoListeningTests(
      Project project,
      Policies policies,
      ProjectSettings settings,
      Assignments assignments,
      Labels labels) {
    this.project = project;
    this.policies = policies;
    this.settings = settings;
    this.assignments = assignments;
    this.labels = labels;
    this.sessions = new TtsSessions(project, policies, settings);
  }

  /** Builds (or completes) the listening tests from {@code demoDirectory}'s {@code mushra/}. */
  void build(Actor lead, Path demoDirectory, String newcomer) {
    Path folder = demoDirectory.resolve("mushra");
    Path contract = folder.resolve("contract.json");
    if (!Files.isReadable(contract)) {
      throw new StorageException(
          "the demo folder " + demoDirectory + " has no mushra/contract.json; copy it again");
    }
    for (TaskType type : List.of(TaskType.TTS_MUSHRA, TaskType.TTS_PREFERENCE)) {
      Rubric rubric =
          RubricCatalog.builtIn().all().stream()
              .filter(r -> r.taskType() == type)
              .findFirst()
              .orElseThrow();
      policies.publishRubric(lead, rubric);
      if (policies.policy(type).isEmpty()) {
        policies.setPolicy(lead, rubric.id(), null);
      }
    }
    if (!settings.all().containsKey(Setting.TTS_TRAINING_TRIALS.key())) {
      settings.set(lead, Setting.TTS_TRAINING_TRIALS.key(), "1");
    }
    if (clips() == 0) {
      Importer importer = new Importer(project);
      importer.run(lead, folder.resolve("manifest.jsonl"), contract, ImportListener.NONE);
      importer.run(
          lead, folder.resolve("preference-manifest.jsonl"), contract, ImportListener.NONE);
    }
    for (TaskType type : List.of(TaskType.TTS_MUSHRA, TaskType.TTS_PREFERENCE)) {
      Rubric rubric = policies.rubric(policies.policy(type).orElseThrow().rubric());
      List<Trial> trials = new ListeningTrials(project).trials(type).trials();
      for (String rater : List.of("ann-alex", "ann-bea", "ann-cem", newcomer)) {
        for (Trial trial : trials) {
          assignments.assignExplicit(lead, rubric.id(), trial.keyClip().clipId(), rater, false);
        }
      }
      for (String rater : List.of("ann-alex", "ann-bea", "ann-cem")) {
        rate(lead, rater, type, rubric);
      }
    }
  }

  private int clips() {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT COUNT(*) FROM clips WHERE dataset_id = :ds")
                    .bind("ds", DATASET_ID)
                    .mapTo(Long.class)
                    .one())
        .intValue();
  }

  /** Takes {@code rater}'s sessions until no trial is left, submitting their fixed answers. */
  private void rate(Actor lead, String rater, TaskType type, Rubric rubric) {
    for (TtsSession session : sessions.sessions(lead, rater, type)) {
      answer(lead, rater, session, rubric);
    }
    while (true) {
      TtsSession session;
      try {
        session = sessions.start(lead, rater, type);
      } catch (StorageException noPendingTrial) {
        return;
      }
      answer(lead, rater, session, rubric);
    }
  }

  private void answer(Actor lead, String rater, TtsSession session, Rubric rubric) {
    int minute = 0;
    for (RaterTrial trial : sessions.trials(lead, session.id())) {
      minute++;
      if (trial.state() == AssignmentState.SUBMITTED) {
        continue;
      }
      LabelValue value =
          session.taskType() == TaskType.TTS_MUSHRA
              ? mushra(rater, trial, rubric)
              : preference(rater, trial, rubric);
      Instant at = RATED_AT.plus(Duration.ofMinutes(session.id() * 10 + minute));
      labels.importSubmitted(
          lead,
          trial.assignmentId(),
          new LabelInput(value, Duration.ofSeconds(75), 1.0),
          at,
          at.plus(Duration.ofSeconds(75)));
    }
  }

  private static LabelValue mushra(String rater, RaterTrial trial, Rubric rubric) {
    Map<String, Integer> scores = new TreeMap<>();
    for (RaterTrial.BlindStimulus stimulus : trial.stimuli()) {
      scores.put(stimulus.clipKey(), MUSHRA_SCORES.get(rater).get(kind(stimulus.clipKey())));
    }
    return new LabelValue(
        rubric.id(),
        Map.of(
            field(rubric, FieldSpec.StimulusScoresField.class),
            new FieldValue.StimulusScores(new TreeMap<>(scores))));
  }

  private static LabelValue preference(String rater, RaterTrial trial, Rubric rubric) {
    String wanted = PREFERENCE.get(rater);
    String choice =
        trial.stimuli().stream()
            .map(RaterTrial.BlindStimulus::clipKey)
            .filter(key -> kind(key).equals(wanted))
            .findFirst()
            .orElse(FieldSpec.StimulusChoiceField.NO_PREFERENCE);
    return new LabelValue(
        rubric.id(),
        Map.of(field(rubric, FieldSpec.StimulusChoiceField.class), new FieldValue.Choice(choice)));
  }

  /** The stimulus kind of a demo clip id: its suffix (mushra-p-name-sys-a → sys-a). */
  private static String kind(String clipKey) {
    for (String kind :
        List.of("reference", "anchor-mid", "anchor-low", "sys-a", "sys-b", "sys-c")) {
      if (clipKey.endsWith("-" + kind)) {
        return kind;
      }
    }
    throw new StorageException("the demo clip " + clipKey + " is not one of the listening tests'");
  }

  private static String field(Rubric rubric, Class<? extends FieldSpec> type) {
    return rubric.fields().stream()
        .filter(type::isInstance)
        .map(FieldSpec::name)
        .findFirst()
        .orElseThrow(() -> new StorageException(rubric.id() + " has no " + type.getSimpleName()));
  }
}
