/**
 * The annotator's labeling screen for every task type: {@link
 * dev.earmark.app.gui.labeling.LabelingService} (the storage calls and the item's manifest payload,
 * plain Java, run on the background executor), {@link
 * dev.earmark.app.gui.labeling.LabelingViewModel} (queue, the form the clip's rubric calls for —
 * {@link dev.earmark.app.gui.labeling.FormKind} — listening rigour, undo/redo as {@link
 * dev.earmark.app.gui.labeling.FormEdit}s on an {@link dev.earmark.app.gui.labeling.EditHistory},
 * autosave, submit-and-next, the status line; never touches a control) and {@link
 * dev.earmark.app.gui.labeling.LabelingView} with its forms ({@code TtsRatingForm}, {@code
 * RagStagesForm}, built from {@code ChoiceRow}s; the controls, bound in one place). Keys are in
 * {@link dev.earmark.app.gui.labeling.LabelingActions}, remappable through the user's keys file
 * (docs/keys.md).
 */
package dev.earmark.app.gui.labeling;
