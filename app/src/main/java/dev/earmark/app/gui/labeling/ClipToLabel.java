package dev.earmark.app.gui.labeling;

import dev.earmark.engine.rubric.Rubric;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.label.LabelSession;

/**
 * Everything the form needs to show one queue item: the assignment as opened (the annotator's own
 * label so far and its version), the clip's header facts, the rubric version to label under, and
 * what the item shows beside its audio.
 *
 * @param prefillHypothesis whether the project lets the ASR hypothesis pre-fill an empty transcript
 * @param content the prompt of a TTS item or the parts of a RAG turn, from the manifest payload
 * @param listeningShare the share of the clip (0–1) to hear before a TTS rating unlocks: the
 *     project setting when the lead set one, else the rubric version's listening requirement
 * @param qeHintsVisible whether the lead lets annotators see QE hints (off: nothing QE-related is
 *     shown)
 */
public record ClipToLabel(
    QueueItem item,
    LabelSession session,
    ClipDetails clip,
    Rubric rubric,
    boolean prefillHypothesis,
    ItemContent content,
    double listeningShare,
    boolean qeHintsVisible) {

  /** An ASR item as the first labeling screen knew it: no payload content, no QE hints. */
  public ClipToLabel(
      QueueItem item,
      LabelSession session,
      ClipDetails clip,
      Rubric rubric,
      boolean prefillHypothesis) {
    this(
        item,
        session,
        clip,
        rubric,
        prefillHypothesis,
        new ItemContent.AudioOnly(),
        rubric.listeningRequirement(),
        false);
  }

  /** The form this clip is labeled in. */
  public FormKind form() {
    return FormKind.of(rubric);
  }
}
