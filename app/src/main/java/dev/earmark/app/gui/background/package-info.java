/**
 * Work off the JavaFX thread and how its failures read: the {@link
 * dev.earmark.app.gui.background.BackgroundExecutor} seam, its JavaFX implementation, and the one
 * translation of a throwable into the sentence a screen shows.
 */
package dev.earmark.app.gui.background;
