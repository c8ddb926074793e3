/**
 * The workbench window's remembered state (issue 17): size, position and UI zoom, kept in a user
 * preferences file apart from any project, clamped back onto a screen and into the zoom range when
 * read. {@link dev.earmark.app.gui.window.WindowPreferences} reads and writes the file; {@link
 * dev.earmark.app.gui.window.WindowState} is the value and its clamping; {@link
 * dev.earmark.app.gui.window.UiZoom} scales the interface through the root font size.
 */
package dev.earmark.app.gui.window;
