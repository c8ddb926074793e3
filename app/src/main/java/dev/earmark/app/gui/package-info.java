/**
 * The JavaFX workbench: the window, the background-work seam ({@link
 * dev.earmark.app.gui.BackgroundExecutor}) and the remappable {@link dev.earmark.app.gui.Keymap}
 * shared by every screen.
 */
package dev.earmark.app.gui;
