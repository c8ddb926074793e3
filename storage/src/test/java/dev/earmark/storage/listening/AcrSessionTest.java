package dev.earmark.storage.listening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.Databases;
import dev.earmark.storage.LabelingFixture;
import dev.earmark.storage.TestClocks;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.importer.TestAudio;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An ACR (tts-rating) listening test with P.808's rater checks on H2 and PostgreSQL: sessions mix
 * one gold clip and one trapping question into four trials, and the report's screening excludes the
 * session whose trap was missed, under its rule version.
 */
class AcrSessionTest {
  private static final VersionedId ACR = VersionedId.parse("tts-rating@1");
  private static final Actor LEAD = LabelingFixture.LEAD;

  @TempDir Path dir;

  static Stream<Named<Supplier<Project>>> databases() {
    return Databases.fresh(TestClocks.FIXED).stream();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void goldAndTrapsAreMixedInAndAMissedTrapExcludesItsSession(Supplier<Project> database)
      throws Exception {
    try (LabelingFixture fixture = LabelingFixture.withUsers(database.get())) {
      Project project = fixture.project();
      new Importer(project)
          .run(LEAD, manifest(), dir.resolve("contract.json"), ImportListener.NONE);
      fixture.policies().publishRubric(LEAD, RubricCatalog.builtIn().get(ACR));
      fixture.policies().setPolicy(LEAD, ACR, null);
      fixture.settings().set(LEAD, "tts.training_trials", "0");
      fixture.settings().set(LEAD, "tts.session_trials", "4");
      fixture.assignments().setGoldAnswer(LEAD, fixture.clipId("gold"), rating(5));
      for (Actor rater : List.of(LabelingFixture.ANN_1, LabelingFixture.ANN_2)) {
        for (String key : List.of("p1-a", "p1-b", "p2-a", "p2-b", "gold", "trap")) {
          fixture
              .assignments()
              .assignExplicit(LEAD, ACR, fixture.clipId(key), rater.userId(), key.equals("gold"));
        }
      }
      TtsSessions sessions = new TtsSessions(project, fixture.policies(), fixture.settings());
      // ann-1 rates system a 4 and b 2, gold 4 (within 1 of 5), and the trap 1 as instructed;
      // ann-2 rates the same but the trap 3: that session is excluded.
      label(fixture, sessions, LabelingFixture.ANN_1, 1);
      label(fixture, sessions, LabelingFixture.ANN_2, 3);

      TtsReport.Design design =
          new TtsReports(project, fixture.policies())
              .report(LEAD, Optional.of(TaskType.TTS_RATING))
              .designs()
              .get(0);
      assertThat(design.screening())
          .extracting(TtsReport.RuleOutcome::rule)
          .containsExactly("p808-gold@1", "p808-trap@1");
      assertThat(design.screening().get(0).exclusions()).isEmpty();
      assertThat(design.screening().get(1).exclusions())
          .singleElement()
          .satisfies(
              exclusion -> {
                assertThat(exclusion.rater()).isEqualTo("ann-2");
                assertThat(exclusion.session()).isNotEmpty();
                assertThat(exclusion.reason())
                    .isEqualTo("trapping question trap: naturalness rated 3, instructed 1");
              });
      // ann-2's whole session (6 labels) is out; ann-1's 4 trials remain, gold and trap being
      // checks, not scores: naturalness a = 4, b = 2.
      assertThat(design.excludedLabels()).isEqualTo(6);
      assertThat(design.means())
          .filteredOn(m -> m.dimension().equals("naturalness"))
          .extracting(m -> m.system() + "=" + m.mean() + " over " + m.ratings())
          .containsExactly("sys-a=4.0 over 2", "sys-b=2.0 over 2");
    }
  }

  private static void label(
      LabelingFixture fixture, TtsSessions sessions, Actor rater, int trapAnswer) {
    TtsSession session = sessions.start(rater, rater.userId(), TaskType.TTS_RATING);
    assertThat(session.items())
        .extracting(TtsSession.Item::kind)
        .containsExactlyInAnyOrder(
            TtsSession.Kind.TRIAL,
            TtsSession.Kind.TRIAL,
            TtsSession.Kind.TRIAL,
            TtsSession.Kind.TRIAL,
            TtsSession.Kind.GOLD,
            TtsSession.Kind.TRAP);
    for (RaterTrial trial : sessions.trials(rater, session.id())) {
      String key = trial.stimuli().get(0).clipKey();
      int point =
          switch (key) {
            case "gold" -> 4;
            case "trap" -> trapAnswer;
            default -> key.endsWith("-a") ? 4 : 2;
          };
      fixture
          .labels()
          .submit(
              rater,
              trial.assignmentId(),
              new LabelInput(rating(point), Duration.ofSeconds(9), 1),
              0);
    }
  }

  /** A tts-rating@1 label with every required dimension at {@code point}. */
  private static LabelValue rating(int point) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    for (String field :
        List.of(
            "intelligibility",
            "naturalness",
            "pronunciation",
            "speaker_consistency",
            "prosody",
            "audio_artifacts",
            "safety")) {
      fields.put(field, new FieldValue.ScalePoint(point));
    }
    return new LabelValue(ACR, fields);
  }

  private Path manifest() throws Exception {
    Files.createDirectories(dir.resolve("audio"));
    Files.writeString(
        dir.resolve("contract.json"),
        """
        {"dataset_id": "demo", "purpose": "p", "owner": "o", "source": "s",
         "consent_scopes": [{"id": "full", "allowed_uses": ["labeling", "evaluation"]}],
         "allowed_uses": ["labeling", "evaluation"], "retention_policy": "per clip",
         "language": "en", "domain": "test", "acoustic_conditions": ["clean"],
         "device_class": ["studio"], "known_gaps": [], "default_consent_scope": "full"}
        """);
    StringBuilder lines = new StringBuilder();
    int tone = 0;
    for (String key : List.of("p1-a", "p1-b", "p2-a", "p2-b", "gold", "trap")) {
      TestAudio.tone(dir.resolve("audio/" + key + ".wav"), 8000, 0.3, 300 + 20 * tone++);
      String extra =
          key.equals("trap")
              ? ", \"trap_answer\": {\"naturalness\": 1}"
              : key.startsWith("p")
                  ? ", \"system\": \"sys-"
                      + key.charAt(3)
                      + "\", \"prompt_id\": \""
                      + key.substring(0, 2)
                      + "\""
                  : "";
      lines.append(
          "{\"id\": \"%s\", \"audio_filepath\": \"audio/%s.wav\", \"task_type\": \"tts-rating\"%s}\n"
              .formatted(key, key, extra));
    }
    return Files.writeString(dir.resolve("manifest.jsonl"), lines);
  }
}
