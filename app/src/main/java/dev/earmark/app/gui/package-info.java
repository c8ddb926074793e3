/**
 * The JavaFX workbench's entry: {@link dev.earmark.app.gui.WorkbenchLauncher} starts the toolkit
 * (the command line's one way in), {@link dev.earmark.app.gui.WorkbenchApp} is the window, and
 * {@link dev.earmark.app.gui.Screens} lists every screen. Nothing below this package imports it:
 * screens build on {@code gui.screen} (their contract with the shell), {@code gui.background} (work
 * off the JavaFX thread), {@code gui.keys} and {@code gui.form}.
 */
package dev.earmark.app.gui;
