package dev.earmark.storage.listening;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.listening.StimulusRole;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.clip.Clips;
import dev.earmark.storage.clip.StoredClip;
import dev.earmark.storage.project.Project;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Builds listening-test trials from imported clips: groups the active clips of a task type by
 * dataset and {@code prompt_id}, checks each trial's design (a MUSHRA trial has one hidden
 * reference and at least one system; an A/B trial two clips of two systems) and names its key clip.
 * A trial that breaks its design is reported as a problem and left out. Thread-safe.
 */
public final class ListeningTrials {
  private final Project project;

  public ListeningTrials(Project project) {
    this.project = project;
  }

  /** The trials of {@code type} and the trials left out with why. */
  public record Trials(List<Trial> trials, List<String> problems) {
    public Trials {
      trials = List.copyOf(trials);
      problems = List.copyOf(problems);
    }

    /** The trial whose key clip is {@code clipId}. */
    public Optional<Trial> ofKeyClip(long clipId) {
      return trials.stream().filter(t -> t.keyClip().clipId() == clipId).findFirst();
    }
  }

  /** The trials of {@code type} over every dataset of the project. */
  public Trials trials(TaskType type) {
    return project.jdbi().withHandle(handle -> trials(handle, type));
  }

  /** As {@link #trials(TaskType)}, in the transaction of {@code handle}. */
  public static Trials trials(Handle handle, TaskType type) {
    return group(type, Clips.active(handle, type.id(), Optional.empty()));
  }

  /**
   * The key clips among {@code clips} (of one multi-stimulus task type): what assignments name.
   * Clips of other task types pass unchanged.
   */
  public static List<StoredClip> keyClips(TaskType type, List<StoredClip> clips) {
    if (!type.isMultiStimulus()) {
      return clips;
    }
    Trials trials = group(type, clips);
    List<StoredClip> keys = new ArrayList<>();
    for (StoredClip clip : clips) {
      if (trials.ofKeyClip(clip.id()).isPresent()) {
        keys.add(clip);
      }
    }
    return keys;
  }

  /** Groups clips of {@code type} into trials. */
  public static Trials group(TaskType type, List<StoredClip> clips) {
    Map<String, List<StoredClip>> byTrial = new TreeMap<>();
    Map<String, String> promptTypes = new TreeMap<>();
    for (StoredClip clip : clips) {
      if (!clip.taskType().equals(type.id()) || !clip.active()) {
        continue;
      }
      JsonNode payload = payload(clip);
      String promptId = payload.path("prompt_id").asText("").strip();
      // ACR: each clip is its own trial (its prompt id only groups items for the bootstrap);
      // MUSHRA and A/B: one trial per prompt id, which import requires.
      String trialId =
          clip.datasetId()
              + "/"
              + (type.isMultiStimulus() && !promptId.isEmpty() ? promptId : clip.clipKey());
      byTrial.computeIfAbsent(trialId, k -> new ArrayList<>()).add(clip);
      promptTypes.putIfAbsent(trialId, clip.slices().getOrDefault("prompt_type", ""));
    }
    List<Trial> trials = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    byTrial.forEach(
        (trialId, members) -> {
          List<Stimulus> stimuli = new ArrayList<>();
          members.forEach(clip -> stimuli.add(stimulus(clip)));
          stimuli.sort(Comparator.comparing(Stimulus::clipKey));
          String problem = designProblem(type, stimuli);
          if (problem != null) {
            problems.add("trial " + trialId + ": " + problem);
            return;
          }
          Stimulus key =
              type == TaskType.TTS_MUSHRA
                  ? stimuli.stream()
                      .filter(s -> s.role() == StimulusRole.REFERENCE)
                      .findFirst()
                      .orElseThrow()
                  : stimuli.get(0);
          trials.add(
              new Trial(
                  type, itemId(type, trialId, members), promptTypes.get(trialId), key, stimuli));
        });
    return new Trials(trials, problems);
  }

  /** The bootstrap's item: the prompt for ACR when given (one prompt, several systems' clips). */
  private static String itemId(TaskType type, String trialId, List<StoredClip> members) {
    if (type != TaskType.TTS_RATING) {
      return trialId;
    }
    StoredClip clip = members.get(0);
    String promptId = payload(clip).path("prompt_id").asText("").strip();
    return promptId.isEmpty() ? trialId : clip.datasetId() + "/" + promptId;
  }

  private static String designProblem(TaskType type, List<Stimulus> stimuli) {
    if (type == TaskType.TTS_MUSHRA) {
      long references = stimuli.stream().filter(s -> s.role() == StimulusRole.REFERENCE).count();
      long systems = stimuli.stream().filter(s -> s.role() == StimulusRole.SYSTEM).count();
      for (StimulusRole anchor : List.of(StimulusRole.ANCHOR_LOW, StimulusRole.ANCHOR_MID)) {
        if (stimuli.stream().filter(s -> s.role() == anchor).count() > 1) {
          return "has more than one " + anchor + " clip; keep one";
        }
      }
      if (references != 1) {
        return "has "
            + references
            + " reference clips; a MUSHRA trial needs exactly one (stimulus_role \"reference\")";
      }
      if (systems == 0) {
        return "has no system clip to rate";
      }
    } else if (type == TaskType.TTS_PREFERENCE) {
      if (stimuli.size() != 2) {
        return "has " + stimuli.size() + " clips; an A/B trial needs exactly two";
      }
      if (stimuli.get(0).system().equals(stimuli.get(1).system())) {
        return "compares system " + stimuli.get(0).system() + " with itself";
      }
    }
    return null;
  }

  /** A clip's listening-test facts from its payload. */
  public static Stimulus stimulus(StoredClip clip) {
    JsonNode payload = payload(clip);
    String role = payload.path("stimulus_role").asText("").strip();
    JsonNode latency = payload.get("first_audio_byte_ms");
    OptionalDouble ms =
        latency == null || latency.isNull()
            ? OptionalDouble.empty()
            : OptionalDouble.of(
                latency.isNumber() ? latency.asDouble() : Double.parseDouble(latency.asText()));
    return new Stimulus(
        clip.id(),
        clip.clipKey(),
        system(payload),
        role.isEmpty() ? StimulusRole.SYSTEM : StimulusRole.fromId(role),
        clip.audioPath(),
        clip.durationSeconds(),
        ms);
  }

  /** {@code system}, or the older manifests' {@code tts_system} (the demo's) when absent. */
  private static String system(JsonNode payload) {
    String system = payload.path("system").asText("").strip();
    return system.isEmpty() ? payload.path("tts_system").asText("").strip() : system;
  }

  /** The clip's manifest payload ({@code {}} when unreadable). */
  static JsonNode payload(StoredClip clip) {
    try {
      return AuditLog.json().readTree(clip.payloadJson());
    } catch (IOException e) {
      return AuditLog.json().createObjectNode();
    }
  }
}
