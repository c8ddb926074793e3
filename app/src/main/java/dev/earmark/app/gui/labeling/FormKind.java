package dev.earmark.app.gui.labeling;

import dev.earmark.engine.rubric.Rubric;

/** Which form the labeling screen shows, chosen by the clip's rubric. */
public enum FormKind {
  /** Transcript, event tags, segments and flags ({@code asr-transcript}). */
  ASR_TRANSCRIPT,
  /** The prompt with word marks and one anchored 1–5 row per dimension ({@code tts-rating}). */
  TTS_RATING,
  /** The turn's parts beside a column of stage labels ({@code rag-stages}). */
  RAG_STAGES,
  /** One trial of stimuli scored 0–100 on locked sliders ({@code tts-mushra}). */
  TTS_MUSHRA,
  /** One trial of two stimuli, A or B or no preference ({@code tts-preference}). */
  TTS_PREFERENCE;

  /** The form for labels under {@code rubric}. */
  public static FormKind of(Rubric rubric) {
    return switch (rubric.taskType()) {
      case ASR_TRANSCRIPT -> ASR_TRANSCRIPT;
      case TTS_RATING -> TTS_RATING;
      case RAG_STAGES -> RAG_STAGES;
      case TTS_MUSHRA -> TTS_MUSHRA;
      case TTS_PREFERENCE -> TTS_PREFERENCE;
    };
  }
}
