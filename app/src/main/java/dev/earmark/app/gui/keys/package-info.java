/**
 * The remappable {@link dev.earmark.app.gui.keys.Keymap} every screen routes its keys through, and
 * the {@link dev.earmark.app.gui.keys.KeysSheet} that shows a screen's keys.
 */
package dev.earmark.app.gui.keys;
