/**
 * The annotator's labeling screen for {@code asr-transcript}: {@link
 * dev.earmark.app.gui.labeling.LabelingService} (the storage calls, plain Java, run on the
 * background executor), {@link dev.earmark.app.gui.labeling.LabelingViewModel} (queue, the form's
 * state, autosave, submit-and-next, the status line; never touches a control) and {@link
 * dev.earmark.app.gui.labeling.LabelingView} (the controls, bound in one place).
 */
package dev.earmark.app.gui.labeling;
