/**
 * The contract between the shell and its screens: a {@link
 * dev.earmark.app.gui.screen.ScreenFactory} describes and builds a {@link
 * dev.earmark.app.gui.screen.WorkbenchScreen} from the {@link
 * dev.earmark.app.gui.screen.WorkbenchContext} the shell hands it (the open project, the acting
 * user, the {@link dev.earmark.app.gui.screen.Theme}). Screens and the shell both depend on this
 * package, never on each other.
 */
package dev.earmark.app.gui.screen;
