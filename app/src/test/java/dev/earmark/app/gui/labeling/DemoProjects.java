package dev.earmark.app.gui.labeling;

import dev.earmark.app.TestClocks;
import dev.earmark.app.demo.DemoCreation;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.clip.StoredClip;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Real demo projects for the labeling tests: the demo as {@code earmark demo} builds it, plus the
 * ASR clips ann-alex has not labeled yet assigned to her (the demo's own labels are all submitted,
 * so her queue would otherwise be empty).
 */
final class DemoProjects {
  static final String ANNOTATOR = "ann-alex";
  static final String LEAD = "lead-demo";

  /** An annotator added to the demo with every TTS and RAG item open in her queue. */
  static final String RATER = "ann-eve";

  private static final VersionedId ASR = VersionedId.parse("asr-transcript@1");

  private DemoProjects() {}

  /** Builds the demo in {@code dir} and opens it; the caller closes it. */
  static Project withQueue(Path dir, boolean prefillHypothesis) {
    DemoCreation.create(dir, LEAD, TestClocks.FIXED);
    Project project = Project.openEmbedded(dir, false, TestClocks.FIXED);
    var lead = project.users().actor(LEAD);
    Policies policies = new Policies(project);
    Assignments assignments = new Assignments(project, policies);
    List<Long> unlabeled =
        project
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT id FROM clips WHERE task_type = 'asr-transcript' AND status ="
                                + " 'active' AND id NOT IN (SELECT clip_id FROM assignments WHERE"
                                + " annotator_id = :annotator) ORDER BY id")
                        .bind("annotator", ANNOTATOR)
                        .mapTo(Long.class)
                        .list());
    for (long clipId : unlabeled) {
      assignments.assignExplicit(lead, ASR, clipId, ANNOTATOR, false);
    }
    new ProjectSettings(project).set(lead, Setting.PREFILL_HYPOTHESIS, prefillHypothesis);
    return project;
  }

  /**
   * Builds the demo in {@code dir} with {@link #RATER}, who has every active TTS item and then
   * every RAG item open (the demo's own annotators have submitted all of them); the caller closes
   * it.
   */
  static Project withRatingQueue(Path dir) {
    DemoCreation.create(dir, LEAD, TestClocks.FIXED);
    Project project = Project.openEmbedded(dir, false, TestClocks.FIXED);
    var lead = project.users().actor(LEAD);
    project.users().add(lead, RATER, "Eve (TTS and RAG)", java.util.EnumSet.of(Role.ANNOTATOR));
    Assignments assignments = new Assignments(project, new Policies(project));
    for (String task : List.of("tts-rating", "rag-stages")) {
      List<Long> clips =
          new Clips(project).active(task, Optional.empty()).stream().map(StoredClip::id).toList();
      VersionedId rubric = VersionedId.parse(task + "@1");
      for (long clipId : clips) {
        assignments.assignExplicit(lead, rubric, clipId, RATER, false);
      }
    }
    return project;
  }
}
