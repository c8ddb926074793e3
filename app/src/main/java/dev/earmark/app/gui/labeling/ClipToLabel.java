package dev.earmark.app.gui.labeling;

import dev.earmark.engine.rubric.Rubric;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.label.LabelSession;

/**
 * Everything the form needs to show one queue item: the assignment as opened (the annotator's own
 * label so far and its version), the clip's header facts and the rubric version to label under.
 *
 * @param prefillHypothesis whether the project lets the ASR hypothesis pre-fill an empty transcript
 */
public record ClipToLabel(
    QueueItem item,
    LabelSession session,
    ClipDetails clip,
    Rubric rubric,
    boolean prefillHypothesis) {}
