/**
 * Work off the JavaFX thread and how its failures read: the {@link
 * dev.earmark.app.gui.background.BackgroundExecutor} seam ({@code runInBackground} hands the work a
 * {@link dev.earmark.app.gui.background.Progress} and returns a {@link
 * dev.earmark.app.gui.background.BackgroundJob} to cancel or abandon), its JavaFX implementation,
 * the {@link dev.earmark.app.gui.background.JobScope} that drops a closed screen's late results,
 * and {@link dev.earmark.app.gui.background.FailureSentence}, the one translation of a failure into
 * the sentence a screen shows.
 */
package dev.earmark.app.gui.background;
