package dev.earmark.app.gui.labeling;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the form shows beside the clip besides its audio, read from the item's manifest payload: a
 * TTS item's prompt text, or a speech RAG turn (the query's ASR text, the retrieved passages, the
 * written and spoken answer). Never a reference transcript or another annotator's label (blind
 * labeling). Immutable.
 */
public sealed interface ItemContent {

  /** Nothing beyond the audio (an ASR transcript item). */
  record AudioOnly() implements ItemContent {}

  /**
   * The text a TTS system was asked to speak.
   *
   * @param promptText the prompt as given
   * @param referenceVoice a clip of the voice it should sound like, when the item has one
   */
  record TtsPrompt(String promptText, Optional<Path> referenceVoice) implements ItemContent {
    public TtsPrompt {
      promptText = promptText == null ? "" : promptText;
    }

    /**
     * The prompt's words as the rubric counts them for word marks: split on whitespace, indices
     * from 0.
     */
    public List<String> words() {
      String stripped = promptText.strip();
      return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
    }
  }

  /**
   * One turn of a spoken retrieval-augmented answer.
   *
   * @param queryText the ASR transcript of the spoken question (the system's, not a reference)
   * @param passages the retrieved passages in retrieval order
   * @param answerText the written answer
   * @param answerAudio the spoken answer, when the item has one
   * @param answerSeconds its duration (0 when unknown)
   * @param referenceDate the date source freshness is judged against, when the item gives one
   */
  record RagTurn(
      String queryText,
      List<Passage> passages,
      String answerText,
      Optional<Path> answerAudio,
      double answerSeconds,
      Optional<String> referenceDate)
      implements ItemContent {
    public RagTurn {
      queryText = queryText == null ? "" : queryText;
      answerText = answerText == null ? "" : answerText;
      passages = List.copyOf(passages);
    }
  }

  /**
   * One retrieved passage.
   *
   * @param id the source's id
   * @param text what was retrieved
   * @param sourceDate the source's date as written in the payload (empty when undated)
   */
  record Passage(String id, String text, String sourceDate) {}
}
