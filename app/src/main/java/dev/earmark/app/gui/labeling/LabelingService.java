package dev.earmark.app.gui.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.LabelSession;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.label.SavedLabel;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.User;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The storage calls of one annotator's labeling session, on behalf of the acting user. Every method
 * blocks on the database: call it through the background executor, never on the JavaFX thread.
 * Blind labeling is enforced by storage ({@link Labels}); this class adds nothing that could show
 * another annotator's label. Thread-safe (it holds only thread-safe services).
 */
public final class LabelingService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Project project;
  private final String userId;
  private final Policies policies;
  private final ProjectSettings settings;
  private final Labels labels;
  private final Assignments assignments;

  public LabelingService(Project project, String userId) {
    this.project = project;
    this.userId = userId;
    this.policies = new Policies(project);
    this.settings = new ProjectSettings(project);
    this.labels = new Labels(project, policies, settings);
    this.assignments = new Assignments(project, policies);
  }

  /** Who is acting. */
  public String userId() {
    return userId;
  }

  /** The project's one-line description (for the window title). */
  public String projectDescription() {
    return project.description();
  }

  /** The acting user as an annotator of this project, or empty when they are not one. */
  public Optional<Actor> annotator() {
    return project
        .users()
        .find(userId)
        .filter(user -> user.roles().contains(Role.ANNOTATOR))
        .map(User::asActor);
  }

  /** The acting annotator's queue, in the order storage serves it. */
  public List<QueueItem> queue(Actor actor) {
    return assignments.queue(actor, actor.userId());
  }

  /** Opens {@code item}: the session, the clip's header facts and the rubric version. */
  public ClipToLabel open(Actor actor, QueueItem item) {
    LabelSession session = labels.open(actor, item.assignmentId());
    return new ClipToLabel(
        item,
        session,
        clipDetails(item.clipId()),
        policies.rubric(session.rubric()),
        settings.flag(Setting.PREFILL_HYPOTHESIS));
  }

  /** Saves a draft; see {@link Labels#saveDraft}. */
  public SavedLabel saveDraft(
      Actor actor, long assignmentId, LabelValue value, Duration spent, double heard, int version) {
    return labels.saveDraft(actor, assignmentId, input(value, spent, heard), version);
  }

  /** Submits; see {@link Labels#submit}. */
  public SavedLabel submit(
      Actor actor, long assignmentId, LabelValue value, Duration spent, double heard, int version) {
    return labels.submit(actor, assignmentId, input(value, spent, heard), version);
  }

  private static LabelInput input(LabelValue value, Duration spent, double heard) {
    return new LabelInput(value, spent, Math.max(0, Math.min(1, heard)));
  }

  /**
   * The header facts of a clip. Storage has no read service for them yet, so this reads the clips
   * table directly; it selects no label and no reference column.
   */
  private ClipDetails clipDetails(long clipId) {
    return project
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT id, clip_key, audio_path, duration_s, sample_rate, channels,"
                            + " hypothesis, slices_json FROM clips WHERE id = :id")
                    .bind("id", clipId)
                    .map(
                        (rs, ctx) ->
                            new ClipDetails(
                                rs.getLong("id"),
                                rs.getString("clip_key"),
                                Path.of(rs.getString("audio_path")),
                                rs.getDouble("duration_s"),
                                rs.getInt("sample_rate"),
                                rs.getInt("channels"),
                                Optional.ofNullable(rs.getString("hypothesis"))
                                    .filter(text -> !text.isBlank()),
                                slices(rs.getString("slices_json"))))
                    .one());
  }

  private static Map<String, String> slices(String json) {
    Map<String, String> slices = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return slices;
    }
    try {
      JsonNode node = JSON.readTree(json);
      node.fields()
          .forEachRemaining(
              field -> {
                if (!field.getValue().isNull()) {
                  slices.put(
                      field.getKey(),
                      field.getValue().isValueNode()
                          ? field.getValue().asText()
                          : field.getValue().toString());
                }
              });
    } catch (IOException e) {
      slices.put("slices", "unreadable");
    }
    return slices;
  }
}
