package dev.earmark.storage.listening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.listening.StimulusRole;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.PermissionDeniedException;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.access.Access;
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.clip.StoredClip;
import dev.earmark.storage.policy.LabelPolicy;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.settings.Setting;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Handle;

/**
 * Listening-test sessions (ITU-T P.808's "sessions"): a rater's pending trials of one task type,
 * taken in batches of {@code tts.session_trials}, with {@code tts.gold_per_session} gold clips and
 * {@code tts.traps_per_session} trapping questions mixed in (ACR only), and a training block of
 * {@code tts.training_trials} trials before the rater's first session. Each session records the
 * seed that placed its items and orders each trial's stimuli for this rater. Thread-safe.
 */
public final class TtsSessions {
  private final Project project;
  private final Policies policies;
  private final ProjectSettings settings;

  public TtsSessions(Project project, Policies policies, ProjectSettings settings) {
    this.project = project;
    this.policies = policies;
    this.settings = settings;
  }

  /**
   * Starts the next session of {@code annotatorId} for {@code type}: a training block when the
   * rater has no session of that type yet (and the project asks for training), else up to {@code
   * tts.session_trials} ordinary trials plus gold clips and trapping questions, in an order drawn
   * from the recorded seed.
   *
   * @throws PermissionDeniedException unless {@code actor} is that annotator or a lead
   * @throws StorageException when the type has no label policy or the rater has no pending trial
   */
  public TtsSession start(Actor actor, String annotatorId, TaskType type) {
    VersionedId rubric =
        policies
            .policy(type)
            .map(LabelPolicy::rubric)
            .orElseThrow(
                () ->
                    new StorageException(
                        type
                            + " has no label policy; set one first, e.g. earmark policy set --task "
                            + type
                            + " --rubric "
                            + type
                            + "@1"));
    int trialCount = settings.wholeNumber(Setting.TTS_SESSION_TRIALS);
    int goldCount =
        type == TaskType.TTS_RATING ? settings.wholeNumber(Setting.TTS_GOLD_PER_SESSION) : 0;
    int trapCount =
        type == TaskType.TTS_RATING ? settings.wholeNumber(Setting.TTS_TRAPS_PER_SESSION) : 0;
    int trainingCount = settings.wholeNumber(Setting.TTS_TRAINING_TRIALS);
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              requireRaterOrLead(handle, actor, annotatorId, "start a listening session");
              List<Pending> pending = pending(handle, annotatorId, rubric);
              List<Pending> ordinary = new ArrayList<>();
              List<Pending> gold = new ArrayList<>();
              List<Pending> traps = new ArrayList<>();
              for (Pending item : pending) {
                (item.gold() ? gold : item.trap() ? traps : ordinary).add(item);
              }
              int earlier =
                  handle
                      .createQuery(
                          "SELECT COUNT(*) FROM tts_sessions WHERE annotator_id = :a AND task_type = :t")
                      .bind("a", annotatorId)
                      .bind("t", type.id())
                      .mapTo(Integer.class)
                      .one();
              long seed = seed(annotatorId, type, earlier);
              Random random = new Random(seed);
              boolean training = earlier == 0 && trainingCount > 0 && !ordinary.isEmpty();
              List<Picked> items = new ArrayList<>();
              if (training) {
                take(ordinary, trainingCount, TtsSession.Kind.TRAINING, items);
              } else {
                take(ordinary, trialCount, TtsSession.Kind.TRIAL, items);
                take(gold, goldCount, TtsSession.Kind.GOLD, items);
                take(traps, trapCount, TtsSession.Kind.TRAP, items);
              }
              if (items.isEmpty()) {
                throw new StorageException(
                    annotatorId
                        + " has no pending "
                        + type
                        + " trial outside a session; assign trials first with earmark assign --task "
                        + type);
              }
              Collections.shuffle(items, random);
              long sessionId =
                  handle
                      .createUpdate(
                          "INSERT INTO tts_sessions (annotator_id, task_type, rubric_version, seed,"
                              + " training, created_at, created_by) VALUES (:a, :t, :r, :seed,"
                              + " :training, :at, :by)")
                      .bind("a", annotatorId)
                      .bind("t", type.id())
                      .bind("r", rubric.toString())
                      .bind("seed", seed)
                      .bind("training", training)
                      .bind("at", StoredTime.now(project.clock()))
                      .bind("by", actor.userId())
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one();
              List<TtsSession.Item> stored = new ArrayList<>();
              ObjectNode after = AuditLog.json().createObjectNode();
              after.put("annotator", annotatorId);
              after.put("task_type", type.id());
              after.put("rubric", rubric.toString());
              after.put("seed", seed);
              after.put("training", training);
              ArrayNode listed = after.putArray("items");
              for (int i = 0; i < items.size(); i++) {
                Picked picked = items.get(i);
                handle
                    .createUpdate(
                        "INSERT INTO tts_session_items (session_id, position, assignment_id, kind)"
                            + " VALUES (:s, :p, :a, :k)")
                    .bind("s", sessionId)
                    .bind("p", i + 1)
                    .bind("a", picked.item().assignmentId())
                    .bind("k", picked.kind().code())
                    .execute();
                stored.add(
                    new TtsSession.Item(
                        i + 1,
                        picked.item().assignmentId(),
                        picked.item().clipId(),
                        picked.item().clipKey(),
                        picked.kind()));
                listed
                    .addObject()
                    .put("assignment", picked.item().assignmentId())
                    .put("kind", picked.kind().code());
              }
              project
                  .audit()
                  .append(
                      handle,
                      actor,
                      "tts.session.start",
                      "tts-session",
                      Long.toString(sessionId),
                      null,
                      after);
              return new TtsSession(sessionId, annotatorId, type, rubric, seed, training, stored);
            });
  }

  /** The sessions of {@code annotatorId} for {@code type}, oldest first. */
  public List<TtsSession> sessions(Actor actor, String annotatorId, TaskType type) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              requireRaterOrLead(handle, actor, annotatorId, "read listening sessions");
              List<Long> ids =
                  handle
                      .createQuery(
                          "SELECT id FROM tts_sessions WHERE annotator_id = :a AND task_type = :t"
                              + " ORDER BY id")
                      .bind("a", annotatorId)
                      .bind("t", type.id())
                      .mapTo(Long.class)
                      .list();
              List<TtsSession> sessions = new ArrayList<>();
              for (long id : ids) {
                sessions.add(session(handle, id));
              }
              return sessions;
            });
  }

  /**
   * The blind read model of session {@code sessionId}'s trials, in the session's order, each
   * trial's stimuli shuffled for this rater from the session's seed.
   */
  public List<RaterTrial> trials(Actor actor, long sessionId) {
    return project
        .jdbi()
        .inTransaction(
            handle -> {
              TtsSession session = session(handle, sessionId);
              requireRaterOrLead(handle, actor, session.annotatorId(), "open a listening session");
              ListeningTrials.Trials trials = ListeningTrials.trials(handle, session.taskType());
              List<RaterTrial> result = new ArrayList<>();
              for (TtsSession.Item item : session.items()) {
                Trial trial =
                    trials
                        .ofKeyClip(item.keyClipId())
                        .orElseThrow(
                            () ->
                                new StorageException(
                                    "the trial of clip "
                                        + item.keyClipKey()
                                        + " is no longer complete; see earmark tts report"));
                StoredClip key = Clips.find(handle, item.keyClipId()).orElseThrow();
                String state =
                    handle
                        .createQuery("SELECT state FROM assignments WHERE id = :id")
                        .bind("id", item.assignmentId())
                        .mapTo(String.class)
                        .one();
                result.add(
                    new RaterTrial(
                        sessionId,
                        item.position(),
                        item.assignmentId(),
                        session.rubric(),
                        session.training(),
                        ListeningTrials.payload(key).path("prompt_text").asText(""),
                        blind(trial, session.seed()),
                        trial
                            .withRole(StimulusRole.REFERENCE)
                            .map(ref -> blindStimulus("Reference", ref)),
                        AssignmentState.fromCode(state)));
              }
              return result;
            });
  }

  /**
   * The stimuli of {@code trial} in the order drawn for one rater: sorted by clip id, then shuffled
   * by a generator seeded from the session's seed and the key clip, and lettered A, B, ….
   */
  static List<RaterTrial.BlindStimulus> blind(Trial trial, long sessionSeed) {
    List<Stimulus> order = new ArrayList<>(trial.stimuli());
    Collections.shuffle(order, new Random(sessionSeed * 31 + trial.keyClip().clipId()));
    List<RaterTrial.BlindStimulus> blind = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      blind.add(blindStimulus(letter(i), order.get(i)));
    }
    return blind;
  }

  private static RaterTrial.BlindStimulus blindStimulus(String letter, Stimulus stimulus) {
    return new RaterTrial.BlindStimulus(
        letter,
        stimulus.clipId(),
        stimulus.clipKey(),
        stimulus.audioPath(),
        stimulus.durationSeconds());
  }

  private static String letter(int index) {
    return index < 26 ? String.valueOf((char) ('A' + index)) : "S" + (index + 1);
  }

  static TtsSession session(Handle handle, long sessionId) {
    Optional<TtsSession> head =
        handle
            .createQuery(
                "SELECT id, annotator_id, task_type, rubric_version, seed, training FROM"
                    + " tts_sessions WHERE id = :id")
            .bind("id", sessionId)
            .map(
                (rs, ctx) ->
                    new TtsSession(
                        rs.getLong("id"),
                        rs.getString("annotator_id"),
                        TaskType.fromId(rs.getString("task_type")),
                        VersionedId.parse(rs.getString("rubric_version")),
                        rs.getLong("seed"),
                        rs.getBoolean("training"),
                        List.of()))
            .findOne();
    TtsSession session =
        head.orElseThrow(
            () -> new StorageException("no listening session " + sessionId + " in this project"));
    List<TtsSession.Item> items =
        handle
            .createQuery(
                "SELECT s.position, s.assignment_id, a.clip_id, c.clip_key, s.kind FROM"
                    + " tts_session_items s JOIN assignments a ON a.id = s.assignment_id JOIN clips"
                    + " c ON c.id = a.clip_id WHERE s.session_id = :id ORDER BY s.position")
            .bind("id", sessionId)
            .map(
                (rs, ctx) ->
                    new TtsSession.Item(
                        rs.getInt("position"),
                        rs.getLong("assignment_id"),
                        rs.getLong("clip_id"),
                        rs.getString("clip_key"),
                        TtsSession.Kind.of(rs.getString("kind"))))
            .list();
    return new TtsSession(
        session.id(),
        session.annotatorId(),
        session.taskType(),
        session.rubric(),
        session.seed(),
        session.training(),
        items);
  }

  private record Pending(
      long assignmentId, long clipId, String clipKey, boolean gold, boolean trap) {}

  private record Picked(Pending item, TtsSession.Kind kind) {}

  private static void take(List<Pending> from, int count, TtsSession.Kind kind, List<Picked> into) {
    for (int i = 0; i < Math.min(count, from.size()); i++) {
      into.add(new Picked(from.get(i), kind));
    }
  }

  private static List<Pending> pending(Handle handle, String annotatorId, VersionedId rubric) {
    return handle
        .createQuery(
            "SELECT a.id, a.clip_id, c.clip_key, a.is_gold, c.payload_json FROM assignments a JOIN"
                + " clips c ON c.id = a.clip_id WHERE a.annotator_id = :a AND a.rubric_version = :r"
                + " AND a.state = 'pending' AND c.status = 'active' AND NOT EXISTS (SELECT 1 FROM"
                + " tts_session_items s WHERE s.assignment_id = a.id) ORDER BY a.priority DESC,"
                + " a.id")
        .bind("a", annotatorId)
        .bind("r", rubric.toString())
        .map(
            (rs, ctx) ->
                new Pending(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getBoolean(4),
                    hasTrap(rs.getString(5))))
        .list();
  }

  private static boolean hasTrap(String payloadJson) {
    try {
      JsonNode trap = AuditLog.json().readTree(payloadJson).get("trap_answer");
      return trap != null && trap.isObject();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** The recorded seed: a pure function of the rater, the design and the session's ordinal. */
  static long seed(String annotatorId, TaskType type, int ordinal) {
    long hash = 1125899906842597L;
    for (byte b :
        (annotatorId + "\n" + type.id() + "\n" + ordinal).getBytes(StandardCharsets.UTF_8)) {
      hash = 31 * hash + b;
    }
    return new SplittableRandom(hash).nextLong();
  }

  private static void requireRaterOrLead(
      Handle handle, Actor actor, String annotatorId, String action) {
    Set<Role> roles = Access.verifiedRoles(handle, actor);
    boolean own = actor.userId().equals(annotatorId) && roles.contains(Role.ANNOTATOR);
    if (!own && !roles.contains(Role.LEAD)) {
      throw new PermissionDeniedException(
          actor.userId()
              + " cannot "
              + action
              + " of "
              + annotatorId
              + ": only that rater or a lead can");
    }
  }
}
