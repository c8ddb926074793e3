package dev.earmark.storage;

import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.importer.TestAudio;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project with real imported clips, a lead, three annotators and an adjudicator, and the built-in
 * asr-transcript@1 rubric published: the starting point of the labeling suites.
 */
public record LabelingFixture(
    Project project,
    Policies policies,
    ProjectSettings settings,
    Assignments assignments,
    Labels labels,
    Adjudications adjudications)
    implements AutoCloseable {
  public static final VersionedId ASR = VersionedId.parse("asr-transcript@1");
  public static final Actor LEAD = new Actor("lead-1", EnumSet.of(Role.LEAD));
  public static final Actor ANN_1 = new Actor("ann-1", EnumSet.of(Role.ANNOTATOR));
  public static final Actor ANN_2 = new Actor("ann-2", EnumSet.of(Role.ANNOTATOR));
  public static final Actor ANN_3 = new Actor("ann-3", EnumSet.of(Role.ANNOTATOR));
  public static final Actor ADJ = new Actor("adj-1", EnumSet.of(Role.ADJUDICATOR));

  /** Services over {@code project}, with nothing added. */
  public static LabelingFixture over(Project project) {
    Policies policies = new Policies(project);
    ProjectSettings settings = new ProjectSettings(project);
    return new LabelingFixture(
        project,
        policies,
        settings,
        new Assignments(project, policies),
        new Labels(project, policies, settings),
        new Adjudications(project, policies));
  }

  /**
   * Services over {@code project} with the users added (the services check roles against the user
   * table, so the actors above act only once they are users), and nothing else.
   */
  public static LabelingFixture withUsers(Project project) {
    LabelingFixture fixture = over(project);
    for (Actor actor : new Actor[] {LEAD, ANN_1, ANN_2, ANN_3, ADJ}) {
      project.users().add(LEAD, actor.userId(), actor.userId(), actor.roles());
    }
    return fixture;
  }

  /**
   * Adds the users, imports {@code clips} active clips (ids clip-0001 …) plus one quarantined
   * ("broken") and one excluded ("private") clip from real WAV files under {@code dir}, and
   * publishes asr-transcript@1.
   */
  public static LabelingFixture create(Project project, Path dir, int clips) {
    LabelingFixture fixture = withUsers(project);
    importClips(project, dir, clips);
    fixture.policies().publishRubric(LEAD, RubricCatalog.builtIn().get(ASR));
    return fixture;
  }

  /**
   * Writes the contract, the audio and the manifest of {@code clips} clips; returns the manifest.
   */
  public static Path writeManifest(Path dir, int clips) {
    try {
      Files.createDirectories(dir.resolve("audio"));
      Files.writeString(dir.resolve("contract.json"), CONTRACT);
      StringBuilder manifest = new StringBuilder();
      for (int i = 1; i <= clips; i++) {
        String id = String.format("clip-%04d", i);
        TestAudio.tone(dir.resolve("audio/" + id + ".wav"), 8000, 0.05 + i * 0.001, 200 + i);
        manifest
            .append("{\"id\": \"")
            .append(id)
            .append("\", \"audio_filepath\": \"audio/")
            .append(id)
            .append(".wav\", \"consent_scope\": \"full\", \"hypothesis\": \"words ")
            .append(i)
            .append("\", \"slices\": {\"accent\": \"")
            .append(i % 2 == 0 ? "us" : "uk")
            .append("\"}}\n");
      }
      Files.writeString(dir.resolve("audio/broken.wav"), "not audio at all\n");
      manifest.append(
          "{\"id\": \"broken\", \"audio_filepath\": \"audio/broken.wav\", \"consent_scope\":"
              + " \"full\"}\n");
      manifest.append(
          "{\"id\": \"private\", \"audio_filepath\": \"audio/clip-0001.wav\", \"consent_scope\":"
              + " \"no-human-review\"}\n");
      return Files.writeString(dir.resolve("manifest.jsonl"), manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Imports the clips of {@link #writeManifest} as the lead. */
  public static void importClips(Project project, Path dir, int clips) {
    Path manifest = writeManifest(dir, clips);
    new Importer(project).run(LEAD, manifest, dir.resolve("contract.json"), ImportListener.NONE);
  }

  /**
   * Assigns every clip under asr-transcript@1 to {@code annotators}, {@code overlap} of them to
   * two, queues ordered by clip id (seed 7).
   */
  public void assignByClipId(List<String> annotators, double overlap) {
    assignments.assign(
        LEAD,
        new AssignmentPlan(ASR, Optional.empty(), annotators, overlap, 0.0, 7),
        QueuePriority.byClipId());
  }

  /** The database id of the clip with manifest id {@code key}. */
  public long clipId(String key) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT id FROM clips WHERE clip_key = :key")
                    .bind("key", key)
                    .mapTo(Long.class)
                    .one());
  }

  @Override
  public void close() {
    project.close();
  }

  /** The id of the assignment of clip {@code key} to {@code annotator}. */
  public long assignmentId(String annotator, String key) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT a.id FROM assignments a JOIN clips c ON c.id = a.clip_id"
                            + " WHERE c.clip_key = :key AND a.annotator_id = :annotator")
                    .bind("key", key)
                    .bind("annotator", annotator)
                    .mapTo(Long.class)
                    .one());
  }

  /** A transcript label under asr-transcript@1. */
  public static LabelInput transcript(String text) {
    return new LabelInput(
        new LabelValue(ASR, Map.of("transcript", new FieldValue.Text(text))),
        Duration.ofSeconds(12),
        1.0);
  }

  private static final String CONTRACT =
      """
      {"dataset_id": "demo", "purpose": "p", "owner": "o", "source": "s",
       "consent_scopes": [{"id": "full", "allowed_uses": ["labeling", "evaluation", "training"]},
                          {"id": "no-human-review", "allowed_uses": ["evaluation", "training"]}],
       "allowed_uses": ["labeling", "evaluation", "training"], "retention_policy": "per clip",
       "language": "en", "domain": "test", "acoustic_conditions": ["clean"],
       "device_class": ["studio"], "known_gaps": []}
      """;
}
