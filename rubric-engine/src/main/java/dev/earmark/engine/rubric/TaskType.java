package dev.earmark.engine.rubric;

import dev.earmark.engine.EngineException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The closed set of labeling tasks Earmark supports (PRODUCT.md §2). Every rubric belongs to
 * exactly one; its id's name is the task type's id for the built-ins.
 */
public enum TaskType {
  /** Transcribe what is said in a clip, with event tags, segments and flags. */
  ASR_TRANSCRIPT("asr-transcript"),
  /** Rate synthesized speech on separate anchored 1–5 dimensions. */
  TTS_RATING("tts-rating"),
  /** Judge each stage of a spoken retrieval-augmented answer, plus an end-to-end score. */
  RAG_STAGES("rag-stages"),
  /**
   * A MUSHRA listening test (ITU-R BS.1534-3): one trial is one prompt heard as several systems'
   * clips plus a hidden reference and low/mid anchors, each scored 0–100. See {@code
   * docs/formats/listening-tests.md}.
   */
  TTS_MUSHRA("tts-mushra"),
  /** An A/B preference test: one trial is one prompt heard from two systems; pick one (or none). */
  TTS_PREFERENCE("tts-preference");

  private final String id;

  TaskType(String id) {
    this.id = id;
  }

  /** The stable written form, for example {@code asr-transcript}. */
  public String id() {
    return id;
  }

  /** Parses the written form; the exception lists the task types that exist. */
  public static TaskType fromId(String id) {
    for (TaskType type : values()) {
      if (type.id.equals(id)) {
        return type;
      }
    }
    throw new EngineException(
        "'"
            + id
            + "' is not a task type: use one of "
            + Arrays.stream(values()).map(TaskType::id).collect(Collectors.joining(", ")));
  }

  /**
   * True for the multi-stimulus listening-test designs, whose one label covers a whole trial (every
   * clip of one prompt) and is stored on the trial's key clip.
   */
  public boolean isMultiStimulus() {
    return this == TTS_MUSHRA || this == TTS_PREFERENCE;
  }

  @Override
  public String toString() {
    return id;
  }
}
