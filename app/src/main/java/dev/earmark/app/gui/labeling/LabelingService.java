package dev.earmark.app.gui.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.clip.StoredClip;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The storage calls of one annotator's labeling session, on behalf of the acting user. Every method
 * blocks on the database: call it through the background executor, never on the JavaFX thread.
 * Blind labeling is enforced by storage ({@link Labels}); this class adds nothing that could show
 * another annotator's label. Thread-safe (it holds only thread-safe services).
 */
public final class LabelingService {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How many queue entries the screen reads at a time (issue 22: a queue may be 1M long). */
  static final int PAGE_SIZE = 50;

  private final Project project;
  private final String userId;
  private final Policies policies;
  private final ProjectSettings settings;
  private final Labels labels;
  private final Assignments assignments;
  private final Clips clips;
  private final int pageSize;

  public LabelingService(Project project, String userId) {
    this(project, userId, PAGE_SIZE);
  }

  /** As above, reading the queue {@code pageSize} entries at a time (tests use small pages). */
  LabelingService(Project project, String userId, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("a queue page holds at least one entry, not " + pageSize);
    }
    this.pageSize = pageSize;
    this.project = project;
    this.userId = userId;
    this.policies = new Policies(project);
    this.settings = new ProjectSettings(project);
    this.labels = new Labels(project, policies, settings);
    this.assignments = new Assignments(project, policies);
    this.clips = new Clips(project);
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

  /**
   * The acting annotator's queue, in the order storage serves it, without listening-test trials
   * (MUSHRA, A/B): those are rated in sessions on the Listen screen.
   */
  public List<QueueItem> queue(Actor actor) {
    return assignments.queue(actor, actor.userId()).stream().filter(this::labeledHere).toList();
  }

  /**
   * The next page of {@link #queue(Actor)} after the entry of assignment {@code after} (the first
   * page when empty): at most a page of entries and where the page after it starts, if any. Reads
   * on past pages of listening-test trials only, so that a page is empty only at the end.
   */
  public QueuePage queuePage(Actor actor, OptionalLong after) {
    OptionalLong from = after;
    while (true) {
      // One more than a page says whether another follows.
      List<QueueItem> read = assignments.queuePage(actor, actor.userId(), from, pageSize + 1);
      List<QueueItem> page = read.subList(0, Math.min(pageSize, read.size()));
      OptionalLong next =
          read.size() > pageSize
              ? OptionalLong.of(page.get(page.size() - 1).assignmentId())
              : OptionalLong.empty();
      List<QueueItem> shown = page.stream().filter(this::labeledHere).toList();
      if (!shown.isEmpty() || next.isEmpty()) {
        return new QueuePage(shown, next);
      }
      from = next;
    }
  }

  /** How many entries {@link #queue(Actor)} holds, counted without reading them. */
  public int openCount(Actor actor) {
    return assignments.queueCounts(actor, actor.userId()).entrySet().stream()
        .filter(count -> !policies.rubric(count.getKey()).taskType().isMultiStimulus())
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** A page of the queue and the assignment the page after it follows, if there is one. */
  public record QueuePage(List<QueueItem> items, OptionalLong next) {}

  private boolean labeledHere(QueueItem item) {
    return !policies.rubric(item.rubric()).taskType().isMultiStimulus();
  }

  /**
   * The acting annotator's submitted work (see {@link Labels#submittedWork}), listed after the open
   * queue so that "Show: submitted" and the counter survive a restart.
   */
  public List<QueueItem> submittedWork(Actor actor) {
    return labels.submittedWork(actor).stream()
        .filter(item -> !policies.rubric(item.rubric()).taskType().isMultiStimulus())
        .toList();
  }

  /** Opens {@code item}: the session, the clip's header facts and the rubric version. */
  public ClipToLabel open(Actor actor, QueueItem item) {
    LabelSession session = labels.open(actor, item.assignmentId());
    Rubric rubric = policies.rubric(session.rubric());
    Map<String, String> stored = settings.all();
    double share =
        Optional.ofNullable(stored.get(Setting.LISTENING_SHARE.key()))
            .map(Double::parseDouble)
            .orElse(rubric.listeningRequirement());
    ClipRow row = clipRow(item.clipId());
    return new ClipToLabel(
        item,
        session,
        row.details(),
        rubric,
        flag(stored, Setting.PREFILL_HYPOTHESIS),
        content(rubric, row),
        Math.max(0, Math.min(1, share)),
        flag(stored, Setting.QE_HINTS_VISIBLE_TO_ANNOTATORS));
  }

  private static boolean flag(Map<String, String> stored, Setting setting) {
    return Boolean.parseBoolean(stored.getOrDefault(setting.key(), setting.defaultValue()));
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

  /** The header facts of a clip, its manifest payload and the manifest it came from. */
  private ClipRow clipRow(long clipId) {
    StoredClip clip = clips.get(clipId);
    return new ClipRow(ClipDetails.of(clip), clip.payloadJson(), clip.manifestPath());
  }

  private record ClipRow(ClipDetails details, String payload, Path manifest) {}

  /**
   * What the item shows beside its audio, from the manifest payload (sample-fixtures/README.md):
   * {@code prompt_text} and {@code reference_voice} of a TTS item; {@code asr_text}, {@code
   * retrieved_passages} ({@code [{id, text, source_date}]}), {@code answer_text}, {@code
   * answer_audio}, {@code answer_duration} and an optional {@code reference_date} of a RAG turn.
   * Paths in the payload are relative to the manifest, as {@code audio_filepath} is.
   */
  private static ItemContent content(Rubric rubric, ClipRow row) {
    if (rubric.taskType() == TaskType.ASR_TRANSCRIPT) {
      return new ItemContent.AudioOnly();
    }
    JsonNode payload;
    try {
      payload = row.payload() == null ? JSON.createObjectNode() : JSON.readTree(row.payload());
    } catch (IOException e) {
      payload = JSON.createObjectNode();
    }
    Path base = row.manifest().toAbsolutePath().getParent();
    if (rubric.taskType() == TaskType.TTS_RATING) {
      return new ItemContent.TtsPrompt(
          payload.path("prompt_text").asText(""), path(base, payload.path("reference_voice")));
    }
    List<ItemContent.Passage> passages = new ArrayList<>();
    for (JsonNode passage : payload.path("retrieved_passages")) {
      passages.add(
          new ItemContent.Passage(
              passage.path("id").asText(""),
              passage.path("text").asText(""),
              passage.path("source_date").asText("")));
    }
    return new ItemContent.RagTurn(
        payload.path("asr_text").asText(""),
        passages,
        payload.path("answer_text").asText(""),
        path(base, payload.path("answer_audio")),
        payload.path("answer_duration").asDouble(0),
        Optional.of(payload.path("reference_date").asText("")).filter(date -> !date.isBlank()));
  }

  private static Optional<Path> path(Path base, JsonNode node) {
    if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(node.asText());
    return Optional.of(path.isAbsolute() || base == null ? path : base.resolve(path).normalize());
  }
}
